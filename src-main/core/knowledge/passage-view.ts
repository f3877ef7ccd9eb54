/**
 * What a citation opens: the cited passage in its file — the lines around it (a PDF: its page),
 * read from the file as it is now, with the passage's line range for the preview to mark and
 * scroll to. A file that changed or went away since it was indexed says so, and the passage's
 * indexed text is shown instead of guessing.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgePassageView } from '../../../src-preload/schemas/knowledge.js';
import { documentSections } from './document-text.js';
import type { KnowledgeRepo } from './knowledge-repo.js';
import { PassageNotFoundError } from './knowledge-errors.js';

/** Lines shown before and after the passage. */
const CONTEXT_LINES = 60;

export async function passageView(repo: KnowledgeRepo, id: number): Promise<KnowledgePassageView> {
  const passage = repo.passage(id);
  if (!passage) throw new PassageNotFoundError(id);
  const base = { passage, fileName: path.basename(passage.path), folder: path.dirname(passage.path) };
  const indexedHash = repo.contentHash(passage.fileId);
  const data = await readFile(passage.path).catch(() => null);
  const fallback = (notice: string): KnowledgePassageView => {
    const start = passage.location.lineStart ?? 1;
    return { ...base, lines: passage.text.split('\n').map((text, i) => ({ number: start + i, text })), notice };
  };
  if (!data) return fallback(`${passage.path} is no longer there; this is the passage as it was indexed.`);
  if (createHash('sha256').update(data).digest('hex') !== indexedHash) return fallback(`${base.fileName} changed after it was indexed; this is the passage as it was read. It is read again in a moment.`);
  const sections = await documentSections(passage.path, data).catch(() => null);
  if (!sections) return fallback(`${base.fileName} could not be read again; this is the passage as it was indexed.`);
  const section = passage.location.page !== null ? sections[passage.location.page - 1] : sectionWithHeading(sections, passage.location.heading);
  const lines = section?.lines ?? [];
  const start = Math.max(1, (passage.location.lineStart ?? 1) - CONTEXT_LINES);
  const end = Math.min(lines.length, (passage.location.lineEnd ?? lines.length) + CONTEXT_LINES);
  return { ...base, lines: lines.slice(start - 1, end).map((text, i) => ({ number: start + i, text })), notice: null };
}

/** A workbook's sheet is its section (its name starts the heading); other files have one section. */
function sectionWithHeading<T extends { title: string }>(sections: readonly T[], heading: string): T | undefined {
  if (sections.length === 1) return sections[0];
  return sections.find((s) => s.title !== '' && (heading === s.title || heading.startsWith(`${s.title} › `))) ?? sections[0];
}
