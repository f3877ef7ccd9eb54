import { describe, expect, it } from 'vitest';
import { applyUnifiedDiff, diffLines, splitLines, unifiedDiff } from '../../../src-main/core/tools/builtin/files/line-diff.js';

/** Length of the longest common subsequence, by plain dynamic programming (the reference). */
function lcsLength(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
  return dp[a.length]![b.length]!;
}

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('line diff', () => {
  it('prints a unified diff in the format patch and git read', () => {
    const before = 'alpha\nbeta\ngamma\ndelta\n';
    const after = 'alpha\nBETA\ngamma\ndelta\nepsilon\n';
    const diff = unifiedDiff(before, after, { fromLabel: 'a/x.txt', toLabel: 'b/x.txt' });
    expect(diff.text).toBe('--- a/x.txt\n+++ b/x.txt\n@@ -1,4 +1,5 @@\n alpha\n-beta\n+BETA\n gamma\n delta\n+epsilon\n');
    expect(diff).toMatchObject({ additions: 2, deletions: 1, identical: false });
  });

  it('splits distant changes into separate hunks with three lines of context', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const changed = [...lines];
    changed[1] = 'CHANGED 2';
    changed[25] = 'CHANGED 26';
    const diff = unifiedDiff(lines.join('\n') + '\n', changed.join('\n') + '\n', { fromLabel: 'a', toLabel: 'b' });
    const headers = diff.text.split('\n').filter((l) => l.startsWith('@@'));
    expect(headers).toEqual(['@@ -1,5 +1,5 @@', '@@ -23,7 +23,7 @@']);
  });

  it('marks a missing final newline like git does', () => {
    const diff = unifiedDiff('one\ntwo', 'one\ntwo\n', { fromLabel: 'a', toLabel: 'b' });
    expect(diff.text).toContain('-two\n\\ No newline at end of file\n+two\n');
  });

  it('reports identical inputs as identical with an empty diff', () => {
    expect(unifiedDiff('same\n', 'same\n', { fromLabel: 'a', toLabel: 'b' })).toEqual({ text: '', additions: 0, deletions: 0, identical: true });
  });

  it('handles empty files on either side', () => {
    const added = unifiedDiff('', 'x\ny\n', { fromLabel: 'a', toLabel: 'b' });
    expect(added.text).toContain('@@ -0,0 +1,2 @@\n+x\n+y\n');
    const removed = unifiedDiff('x\ny\n', '', { fromLabel: 'a', toLabel: 'b' });
    expect(removed.text).toContain('@@ -1,2 +0,0 @@\n-x\n-y\n');
  });

  it('finds a minimal edit script and a patch that reproduces the new text (randomised, seeded)', () => {
    const rand = seeded(42);
    const vocab = ['a', 'b', 'c', 'd', 'e'];
    for (let round = 0; round < 200; round++) {
      const make = () => Array.from({ length: Math.floor(rand() * 25) }, () => vocab[Math.floor(rand() * vocab.length)]! + '\n');
      const a = make();
      const b = rand() < 0.5 ? make() : a.filter(() => rand() < 0.8).concat(make().slice(0, 3));
      const ops = diffLines(a, b);
      const kept = ops.filter((o) => o.type === 'equal').length;
      expect(kept).toBe(lcsLength(a, b));
      expect(ops.filter((o) => o.type !== 'insert').map((o) => o.line)).toEqual(a);
      expect(ops.filter((o) => o.type !== 'delete').map((o) => o.line)).toEqual(b);
      const oldText = a.join('');
      const newText = b.join('') + (rand() < 0.3 ? 'tail without newline' : '');
      const diff = unifiedDiff(oldText, newText, { fromLabel: 'a', toLabel: 'b', context: Math.floor(rand() * 4) });
      expect(applyUnifiedDiff(oldText, diff.text)).toBe(newText);
    }
  });

  it('keeps CRLF line endings as part of each line', () => {
    expect(splitLines('a\r\nb')).toEqual(['a\r\n', 'b']);
  });
});
