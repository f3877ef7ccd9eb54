/**
 * Cuts a document's sections into passages for retrieval: paragraphs (runs of non-blank lines)
 * gathered up to a target size, a new passage at every Markdown heading, and the last short
 * paragraph of a passage repeated at the start of the next (overlap), so an answer that spans two
 * passages is found in one. Every passage keeps where it came from — page, heading, line range —
 * which is what a citation opens.
 */
import type { DocumentSection } from './document-text.js';

export interface Passage {
  page: number | null;
  heading: string;
  /** 1-based, inclusive, in the section's lines (a PDF page's, or the file's). */
  lineStart: number;
  lineEnd: number;
  text: string;
}

/** Characters a passage aims for (about 200 tokens) and never exceeds by much. */
export const TARGET_CHARS = 900;
const MAX_CHARS = 1400;
/** A paragraph up to this long is repeated as the next passage's first paragraph. */
const OVERLAP_MAX_CHARS = 400;

interface Paragraph {
  lineStart: number;
  lineEnd: number;
  text: string;
}

const HEADING = /^#{1,6}\s+(.+?)\s*#*\s*$/;

export function chunkSections(sections: readonly DocumentSection[]): Passage[] {
  const passages: Passage[] = [];
  for (const section of sections) {
    for (const block of headingBlocks(section)) {
      passages.push(...packParagraphs(block.paragraphs).map((p) => ({ page: section.page, heading: block.heading, ...p })));
    }
  }
  return passages;
}

/** Paragraphs grouped under the heading they follow (the sheet's name, or '' before any heading). */
function headingBlocks(section: DocumentSection): { heading: string; paragraphs: Paragraph[] }[] {
  const blocks: { heading: string; paragraphs: Paragraph[] }[] = [{ heading: section.title, paragraphs: [] }];
  let current: Paragraph | null = null;
  section.lines.forEach((line, index) => {
    const number = index + 1;
    const heading = HEADING.exec(line);
    if (heading) {
      current = null;
      const title = section.title ? `${section.title} › ${heading[1]}` : heading[1]!;
      // The heading line belongs to its passage, so a keyword in it finds the passage too.
      blocks.push({ heading: title, paragraphs: [{ lineStart: number, lineEnd: number, text: line.trim() }] });
      return;
    }
    if (line.trim() === '') {
      current = null;
      return;
    }
    const block = blocks[blocks.length - 1]!;
    if (current && current.lineEnd === number - 1) {
      current.lineEnd = number;
      current.text += `\n${line.trimEnd()}`;
    } else {
      current = { lineStart: number, lineEnd: number, text: line.trimEnd() };
      block.paragraphs.push(current);
    }
  });
  return blocks.filter((b) => b.paragraphs.length > 0);
}

function packParagraphs(paragraphs: readonly Paragraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  let parts: Paragraph[] = [];
  /** The paragraph carried over as overlap: alone at the end, it only repeats the passage before. */
  let carried: Paragraph | null = null;
  const size = () => parts.reduce((n, p) => n + p.text.length + 2, 0);
  const flush = () => {
    if (parts.length === 0) return;
    out.push({ lineStart: parts[0]!.lineStart, lineEnd: parts[parts.length - 1]!.lineEnd, text: parts.map((p) => p.text).join('\n\n') });
    const last = parts[parts.length - 1]!;
    // Overlap: a short last paragraph opens the next passage as well (only if another one follows).
    parts = last.text.length <= OVERLAP_MAX_CHARS && parts.length > 1 ? [last] : [];
    carried = parts[0] ?? null;
  };
  for (const paragraph of paragraphs.flatMap(splitLong)) {
    if (parts.length > 0 && size() + paragraph.text.length > TARGET_CHARS) flush();
    parts.push(paragraph);
  }
  // A trailing overlap alone repeats what the previous passage already holds; anything else is new
  // text — such as the last piece of a long paragraph, which shares that paragraph's lines.
  if (parts.length > 1 || (parts.length === 1 && parts[0] !== carried)) flush();
  return out;
}

/** A paragraph longer than a passage is cut at sentence ends (or hard, for one endless line), keeping its line range. */
function splitLong(paragraph: Paragraph): Paragraph[] {
  if (paragraph.text.length <= MAX_CHARS) return [paragraph];
  const pieces: Paragraph[] = [];
  let rest = paragraph.text;
  while (rest.length > MAX_CHARS) {
    const window = rest.slice(0, TARGET_CHARS);
    const sentenceEnd = Math.max(window.lastIndexOf('. '), window.lastIndexOf('\n'));
    const cut = sentenceEnd > TARGET_CHARS / 2 ? sentenceEnd + 1 : TARGET_CHARS;
    pieces.push({ ...paragraph, text: rest.slice(0, cut).trim() });
    // Repeat the end of the piece in the next, so a sentence across the cut is found whole.
    rest = rest.slice(Math.max(0, cut - 150));
  }
  pieces.push({ ...paragraph, text: rest.trim() });
  return pieces;
}
