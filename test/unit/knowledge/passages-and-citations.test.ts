/**
 * How documents become passages (headings start a passage, paragraphs are gathered up to a size,
 * a short last paragraph is repeated at the start of the next, a huge paragraph is cut with
 * overlap, lines are counted as in an editor) and how a reply's [n] become links to passages.
 */
import { describe, expect, it } from 'vitest';
import { chunkSections, TARGET_CHARS } from '../../../src-main/core/knowledge/chunker.js';
import { passageLabel, withCitations } from '../../../src-main/core/knowledge/citations.js';

const doc = (lines: string[], page: number | null = null, title = '') => [{ page, title, lines }];

describe('passages', () => {
  it('starts a passage at each heading and keeps heading and line range', () => {
    const passages = chunkSections(doc(['Intro line.', '', '# Leave', '', 'Twenty weeks.', 'Ask early.', '', '## Expenses', 'Keep receipts.']));
    expect(passages.map((p) => [p.heading, p.lineStart, p.lineEnd, p.text])).toEqual([
      ['', 1, 1, 'Intro line.'],
      ['Leave', 3, 6, '# Leave\n\nTwenty weeks.\nAsk early.'],
      ['Expenses', 8, 9, '## Expenses\n\nKeep receipts.'],
    ]);
  });

  it('gathers paragraphs up to the target size and repeats a short last paragraph in the next passage', () => {
    const paragraph = (n: number) => `Paragraph ${n} ${'word '.repeat(60)}`.trim();
    const lines = Array.from({ length: 8 }, (_, i) => [paragraph(i + 1), '']).flat();
    const passages = chunkSections(doc(lines, 3));
    expect(passages.length).toBeGreaterThan(1);
    for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(TARGET_CHARS + 400);
    expect(passages.every((p) => p.page === 3)).toBe(true);
    // Overlap: each passage after the first starts with the paragraph the previous one ended with.
    for (let i = 1; i < passages.length; i += 1) expect(passages[i]!.lineStart).toBe(passages[i - 1]!.lineEnd);
    expect(passages.at(-1)!.text).toContain('Paragraph 8');
  });

  it('cuts one endless paragraph into overlapping pieces that keep its lines', () => {
    const passages = chunkSections(doc([`${'All work and no play. '.repeat(300)}`]));
    expect(passages.length).toBeGreaterThan(3);
    expect(passages.every((p) => p.lineStart === 1 && p.lineEnd === 1)).toBe(true);
    expect(passages.every((p) => p.text.length <= 1400)).toBe(true);
  });
});

describe('citations', () => {
  const citations = [
    { n: 1, passageId: 17, label: 'leave.md › Parental leave, lines 5–8' },
    { n: 2, passageId: 23, label: 'offer.pdf, page 2' },
  ];

  it('links each [n] the reply cites and lists what it cited under Sources', () => {
    expect(withCitations('Twenty weeks [1]. See also [9].', citations)).toBe(
      'Twenty weeks [[1]](#/knowledge?passage=17). See also [9].\n\nSources: [1] [leave.md › Parental leave, lines 5–8](#/knowledge?passage=17)',
    );
  });

  it('lists every passage it was given when the reply cites none, and leaves a reply without passages alone', () => {
    expect(withCitations('Twenty weeks.', citations)).toBe(
      'Twenty weeks.\n\nSources: [1] [leave.md › Parental leave, lines 5–8](#/knowledge?passage=17) · [2] [offer.pdf, page 2](#/knowledge?passage=23)',
    );
    expect(withCitations('Hello [1].', [])).toBe('Hello [1].');
  });

  it('names a passage by file, heading, page or lines', () => {
    expect(passageLabel({ path: '/d/leave.md', location: { page: null, heading: 'Parental leave', lineStart: 5, lineEnd: 8 } })).toBe('leave.md › Parental leave, lines 5–8');
    expect(passageLabel({ path: '/d/offer.pdf', location: { page: 2, heading: '', lineStart: 1, lineEnd: 4 } })).toBe('offer.pdf, page 2');
    expect(passageLabel({ path: '/d/notes.txt', location: { page: null, heading: '', lineStart: 3, lineEnd: 3 } })).toBe('notes.txt, line 3');
  });
});
