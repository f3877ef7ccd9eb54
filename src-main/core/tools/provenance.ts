/**
 * Where a proposed action came from (DESIGN §4.2). Taint follows the data: every text that enters
 * a prompt carries its origin — typed by the user, pasted by the user, the result of a tool on a
 * named item, a memory fact learned from somewhere — and a proposal's provenance is the least
 * trusted origin in its context. An action proposed while any untrusted text was in context is
 * 'untrusted', and the approval card names the items ("the file notes/customers.md", "text pasted
 * by you"). Tracking is monotonic: once untrusted text entered a context, it stays tainted.
 */
import { z } from 'zod';
import type { UntrustedSource } from './untrusted-content.js';

export const ProvenanceSchema = z.object({ source: z.enum(['user', 'untrusted']), detail: z.string().nullable() });
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const USER_PROVENANCE: Provenance = { source: 'user', detail: null };

const MAX_DETAIL_SOURCES = 5;
const PREFIX = 'Proposed after reading ';
/** How several origins are listed in one detail (on a card, in a message's stored provenance). */
export const ORIGIN_SEPARATOR = '; ';

/** The origin of text the user pasted into their own message (shown as such on cards). */
export const PASTED_ORIGIN = 'text pasted by you';

/** One origin as shown on a card; separators inside are softened so the list stays parseable. */
function cleanOrigin(origin: string): string {
  return origin.replace(/[\r\n]+/g, ' ').replace(/;/g, ',').trim();
}

/** The provenance of a proposal made with these untrusted origins in context (none: the user's own). */
export function provenanceOf(origins: readonly string[]): Provenance {
  const unique = [...new Set(origins.map(cleanOrigin).filter(Boolean))];
  if (unique.length === 0) return USER_PROVENANCE;
  const shown = unique.slice(0, MAX_DETAIL_SOURCES).join(ORIGIN_SEPARATOR);
  const more = unique.length > MAX_DETAIL_SOURCES ? ` (+${unique.length - MAX_DETAIL_SOURCES} more)` : '';
  return { source: 'untrusted', detail: `${PREFIX}${shown}${more}` };
}

/** The origins a provenance names (the inverse of provenanceOf, for provenance read back from a task). */
export function originsOf(provenance: Provenance): string[] {
  if (provenance.source === 'user') return [];
  const detail = (provenance.detail ?? '').replace(/ \(\+\d+ more\)$/, '');
  const body = detail.startsWith(PREFIX) ? detail.slice(PREFIX.length) : detail;
  const origins = splitOrigins(body);
  return origins.length > 0 ? origins : ['untrusted content'];
}

/** The origins a list joined with ORIGIN_SEPARATOR names. */
export function splitOrigins(detail: string): string[] {
  return detail.split(ORIGIN_SEPARATOR).map((o) => o.trim()).filter(Boolean);
}

export class ProvenanceTracker {
  private readonly sources: string[] = [];

  constructor(initial: Provenance = USER_PROVENANCE) {
    for (const origin of originsOf(initial)) this.taint(origin);
  }

  /** Records that untrusted text from this origin entered the context. */
  taint(source: UntrustedSource | string): void {
    const text = cleanOrigin(typeof source === 'string' ? source : source.detail);
    if (text && !this.sources.includes(text)) this.sources.push(text);
  }

  /** The sources recorded so far (persisted with a step, so a resumed step keeps its provenance). */
  list(): string[] {
    return [...this.sources];
  }

  get tainted(): boolean {
    return this.sources.length > 0;
  }

  current(): Provenance {
    return provenanceOf(this.sources);
  }
}

export function mergeProvenance(a: Provenance, b: Provenance): Provenance {
  return provenanceOf([...originsOf(a), ...originsOf(b)]);
}

/**
 * The item a tool result came from, for provenance: the tool's own words when it can name the
 * item, null when the result holds no outside text, else "the result of <tool>". A tool whose
 * description fails is treated as untrusted (fail closed).
 */
export function resultOriginOf(tool: { name: string; resultOrigin?: (params: never, output: never) => string | null }, params: unknown, output: unknown): string | null {
  if (!tool.resultOrigin) return `the result of ${tool.name}`;
  try {
    return (tool.resultOrigin as (p: unknown, o: unknown) => string | null)(params, output);
  } catch {
    return `the result of ${tool.name}`;
  }
}
