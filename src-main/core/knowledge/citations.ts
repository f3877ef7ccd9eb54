/**
 * Citations: the passages given to the model are numbered [1], [2] …; in the reply each [n] the
 * model wrote becomes a link that opens the passage, and a Sources line (written by code, not the
 * model) lists what was cited — or, when the model cited nothing, what it was given. The link is a
 * route of the app (#/knowledge?passage=<id>) that the chat opens in a preview at the passage.
 */
import path from 'node:path';
import type { KnowledgePassage } from '../../../src-preload/schemas/knowledge.js';

export interface Citation {
  n: number;
  passageId: number;
  /** "leave-policy.md › Parental leave, lines 12–18", "offer.pdf, page 2". */
  label: string;
}

export const citationHref = (passageId: number): string => `#/knowledge?passage=${passageId}`;

/** The origin of a knowledge passage on approval cards and in provenance. */
export const knowledgeOrigin = (file: string): string => `the file ${file}`;

export function passageLabel(passage: Pick<KnowledgePassage, 'path' | 'location'>): string {
  const { page, heading, lineStart, lineEnd } = passage.location;
  const where = [
    heading ? `› ${heading}` : null,
    page !== null ? `, page ${page}` : lineStart !== null ? `, ${lineStart === lineEnd ? `line ${lineStart}` : `lines ${lineStart}–${lineEnd}`}` : null,
  ].filter(Boolean);
  return `${path.basename(passage.path)}${where.length ? ` ${where.join('').replace(/^ ?/, '')}` : ''}`.replace(' ,', ',');
}

/** Markdown link text must not end the link early. */
const linkText = (label: string): string => label.replace(/[[\]]/g, '');

/** "[2]" written by the model (not already a link, not "[2](…)"). */
const CITE = /\[(\d{1,2})\](?!\()/g;

/**
 * The sources a text's Sources line lists: the passages it cites as [n], or — when it cites none —
 * every passage it was given. Chat replies and finished tasks list theirs by this one rule.
 */
export function listedCitations(text: string, citations: readonly Citation[]): Citation[] {
  const cited = new Set([...text.matchAll(CITE)].map((m) => Number(m[1])));
  const listed = citations.filter((c) => cited.has(c.n));
  return listed.length > 0 ? listed : [...citations];
}

/** Each "[n]" of a given passage becomes a link to it (a task's step reports; replies through withCitations). */
export function linkCitations(text: string, citations: readonly Citation[]): string {
  if (citations.length === 0) return text;
  const byNumber = new Map(citations.map((c) => [c.n, c]));
  return text.replace(CITE, (whole, digits: string) => {
    const citation = byNumber.get(Number(digits));
    return citation ? `[[${citation.n}]](${citationHref(citation.passageId)})` : whole;
  });
}

export function withCitations(reply: string, citations: readonly Citation[]): string {
  if (citations.length === 0) return reply;
  const linked = linkCitations(reply, citations);
  const sources = listedCitations(reply, citations)
    .map((c) => `[${c.n}] [${linkText(c.label)}](${citationHref(c.passageId)})`)
    .join(' · ');
  return `${linked}\n\nSources: ${sources}`;
}
