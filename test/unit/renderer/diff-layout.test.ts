import { describe, expect, it } from 'vitest';
import { lineHunks } from '../../../src-main/core/artifacts/file-diff.js';
import { fileLines, gapLines, splitRows, unifiedRows, type SplitRow } from '../../../src-renderer/features/previews/diff-layout.js';
import { codeLines, splitHighlightedHtml } from '../../../src-renderer/features/previews/highlighted-lines.js';

/** The diff exactly as artifacts.diff builds it (same hunk code, 3 lines of context). */
function diffOf(before: string, after: string) {
  return { before, after, ...lineHunks(before, after, 3) };
}

const numbered = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `line ${i + from}`);
const text = (lines: string[]) => `${lines.join('\n')}\n`;

/** A compact picture of split rows: "old|new" with numbers, or "…N" for a gap. */
function picture(rows: SplitRow[]): string[] {
  return rows.map((row) => {
    if (row.kind === 'gap') return `…${row.count}`;
    const cell = (c: typeof row.left) => (c ? `${c.type[0]}${c.number}:${c.text}` : '-');
    return `${cell(row.left)} | ${cell(row.right)}`;
  });
}

describe('side-by-side diff layout', () => {
  it('pairs a changed line across, old left and new right, with context around it', () => {
    const rows = splitRows(diffOf('one\ntwo\nthree\n', 'one\n2\nthree\nfour\n'));
    expect(picture(rows)).toEqual(['e1:one | e1:one', 'd2:two | i2:2', 'e3:three | e3:three', '- | i4:four']);
  });

  it('collapses long unchanged stretches into gaps before, between and after the hunks', () => {
    const before = numbered(40);
    const after = [...before];
    after[9] = 'changed 10';
    after[29] = 'changed 30';
    const diff = diffOf(text(before), text(after));
    const rows = splitRows(diff);
    const gaps = rows.filter((r) => r.kind === 'gap');
    // Lines 1-6 hidden, 7-13 shown (3 context each side of line 10), 14-26 hidden, 27-33 shown, 34-40 hidden.
    expect(gaps.map((g) => [g.oldStart, g.newStart, g.count])).toEqual([
      [1, 1, 6],
      [14, 14, 13],
      [34, 34, 7],
    ]);
    expect(picture(rows)).toContain('d10:line 10 | i10:changed 10');
    // Every line of the file is either shown or inside a gap, exactly once.
    const shownOld = rows.flatMap((r) => (r.kind === 'line' && r.left ? [r.left.number] : []));
    const hiddenOld = gaps.flatMap((g) => gapLines(g, diff.before).map((l) => l.oldNumber));
    expect([...shownOld, ...hiddenOld].sort((a, b) => a - b)).toEqual(numbered(40).map((_, i) => i + 1));
    // Expanding a gap gives the real unchanged text with both line numbers.
    expect(gapLines(gaps[1]!, diff.before)[0]).toEqual({ oldNumber: 14, newNumber: 14, text: 'line 14' });
  });

  it('keeps new-side numbers right when lines were added above a gap', () => {
    const before = numbered(20);
    const after = ['inserted a', 'inserted b', ...before];
    after[17 + 2] = 'changed 18';
    const rows = splitRows(diffOf(text(before), text(after)));
    const middle = rows.filter((r) => r.kind === 'gap')[0]!;
    expect(middle).toMatchObject({ oldStart: 4, newStart: 6, count: 11 });
    expect(picture(rows)).toContain('d18:line 18 | i20:changed 18');
  });

  it('shows a new file as insertions only, with nothing collapsed', () => {
    const diff = diffOf('', 'a\nb\n');
    expect(picture(splitRows(diff))).toEqual(['- | i1:a', '- | i2:b']);
    expect(unifiedRows(diff).map((r) => (r.kind === 'line' ? `${r.type}:${r.oldNumber}:${r.newNumber}:${r.text}` : 'gap'))).toEqual(['insert:null:1:a', 'insert:null:2:b']);
  });

  it('shows unequal runs of deletions and insertions without inventing lines', () => {
    const rows = splitRows(diffOf('a\nb\nc\nd\n', 'a\nX\nd\n'));
    expect(picture(rows)).toEqual(['e1:a | e1:a', 'd2:b | i2:X', 'd3:c | -', 'e4:d | e3:d']);
  });

  it('has no rows when nothing changes', () => {
    expect(splitRows(diffOf('same\n', 'same\n'))).toEqual([]);
  });

  it('counts lines like the core does (a final newline ends the last line)', () => {
    expect(fileLines('')).toEqual([]);
    expect(fileLines('a\nb\n')).toEqual(['a', 'b']);
    expect(fileLines('a\r\nb')).toEqual(['a', 'b']);
  });
});

describe('numbered highlighted code', () => {
  it('keeps each line well-formed when a highlighted token spans lines', () => {
    const lines = codeLines('const a = 1; /* one\ntwo */ const b = "x";\n', 'typescript');
    expect(lines.language).toBe('typescript');
    expect(lines.html).toHaveLength(2);
    expect(lines.html![0]).toMatch(/<span class="hljs-comment">\/\* one<\/span>$/);
    expect(lines.html![1]).toMatch(/^<span class="hljs-comment">two \*\/<\/span>/);
    for (const line of lines.html!) expect((line.match(/<span/g) ?? []).length).toBe((line.match(/<\/span>/g) ?? []).length);
  });

  it('leaves unknown languages as plain lines and escapes nothing itself', () => {
    expect(codeLines('<b>hi</b>\nsecond', 'plaintext')).toEqual({ html: null, plain: ['<b>hi</b>', 'second'], language: 'plaintext' });
    expect(splitHighlightedHtml('a\n\nb')).toEqual(['a', '', 'b']);
  });
});
