/**
 * The end of a paragraph too long for one passage is a passage too: a PDF page whose lines run
 * together (one paragraph of 30 lines) keeps its last sentence findable. Only an overlap carried
 * over alone at the end is left out, since the passage before already holds it.
 */
import { describe, expect, it } from 'vitest';
import { chunkSections } from '../../../src-main/core/knowledge/chunker.js';

describe('the last piece of a long paragraph', () => {
  it('is kept, with the paragraph’s lines', () => {
    const lines = [...Array.from({ length: 30 }, (_, i) => `Clause ${i + 1}: the office opens at nine and closes at six on working days.`), 'The pension scheme matches five percent of salary.'];
    const passages = chunkSections([{ page: 2, title: '', lines }]);
    expect(passages.length).toBeGreaterThan(1);
    expect(passages.at(-1)!.text).toContain('The pension scheme matches five percent of salary.');
    expect(passages.every((p) => p.page === 2 && p.lineStart === 1 && p.lineEnd === 31)).toBe(true);
  });

  it('an overlap carried over alone at the end is not repeated as a passage of its own', () => {
    const paragraph = (n: number) => `Paragraph ${n} ${'word '.repeat(60)}`.trim();
    const lines = Array.from({ length: 6 }, (_, i) => [paragraph(i + 1), '']).flat();
    const passages = chunkSections([{ page: null, title: '', lines }]);
    const last = passages.at(-1)!;
    expect(last.text).toContain('Paragraph 6');
    expect(passages.filter((p) => p.text === paragraph(6))).toEqual([]);
  });
});
