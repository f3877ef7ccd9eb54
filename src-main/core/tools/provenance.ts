/**
 * Where a proposed action came from. An action proposed while any untrusted text was in the
 * model's context is marked 'untrusted' with the list of sources, and the approval card says so
 * (DESIGN §4.2). Tracking is monotonic: once untrusted text entered a context, it stays tainted.
 */
import type { Approval } from '../../../src-preload/contract.js';
import type { UntrustedSource } from './untrusted-content.js';

export type Provenance = Approval['provenance'];

export const USER_PROVENANCE: Provenance = { source: 'user', detail: null };

const MAX_DETAIL_SOURCES = 5;

export class ProvenanceTracker {
  private readonly sources: string[] = [];

  constructor(initial: Provenance = USER_PROVENANCE) {
    if (initial.source === 'untrusted') this.sources.push(initial.detail ?? 'untrusted content');
  }

  /** Records that untrusted text entered the context. */
  taint(source: UntrustedSource | string): void {
    const text = typeof source === 'string' ? source : `${source.kind}: ${source.detail}`;
    if (!this.sources.includes(text)) this.sources.push(text);
  }

  /** The sources recorded so far (persisted with a step, so a resumed step keeps its provenance). */
  list(): string[] {
    return [...this.sources];
  }

  get tainted(): boolean {
    return this.sources.length > 0;
  }

  current(): Provenance {
    if (!this.tainted) return USER_PROVENANCE;
    const shown = this.sources.slice(0, MAX_DETAIL_SOURCES).join('; ');
    const more = this.sources.length > MAX_DETAIL_SOURCES ? ` (+${this.sources.length - MAX_DETAIL_SOURCES} more)` : '';
    return { source: 'untrusted', detail: `Proposed after reading ${shown}${more}` };
  }
}

export function mergeProvenance(a: Provenance, b: Provenance): Provenance {
  if (a.source === 'user') return b;
  if (b.source === 'user') return a;
  return { source: 'untrusted', detail: [a.detail, b.detail].filter(Boolean).join('; ') || null };
}
