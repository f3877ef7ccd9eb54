/**
 * Line diff and unified-diff formatting. The edit script is jsdiff's (Myers' O(ND) algorithm, a
 * maintained library); the unified format is printed here because its exact shape is ours to
 * keep stable (labels, hunk ranges, the no-newline marker), and tests check it against jsdiff's
 * own patch applier.
 *
 * Lines keep their terminators, so "abc" and "abc\n" differ, and a missing final newline is
 * printed as "\ No newline at end of file" exactly like git.
 */
import { applyPatch, diffArrays } from 'diff';

export type DiffOp = { type: 'equal' | 'delete' | 'insert'; line: string };

/** Beyond this many edits the minimal script is not worth the memory; a plain replace is still a correct diff. */
const MAX_EDIT_DISTANCE = 4000;

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

/** Shortest edit script turning `a` into `b`, as a sequence of equal/delete/insert lines. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  const changes = diffArrays([...a], [...b], { maxEditLength: MAX_EDIT_DISTANCE });
  if (!changes) return [...a.map((line): DiffOp => ({ type: 'delete', line })), ...b.map((line): DiffOp => ({ type: 'insert', line }))];
  return changes.flatMap((change) => {
    const type: DiffOp['type'] = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    return change.value.map((line): DiffOp => ({ type, line }));
  });
}

export interface UnifiedDiff {
  text: string;
  additions: number;
  deletions: number;
  identical: boolean;
}

/** Unified diff with `context` lines around each change, in the format `patch` and git understand. */
export function unifiedDiff(oldText: string, newText: string, options: { fromLabel: string; toLabel: string; context?: number }): UnifiedDiff {
  const context = options.context ?? 3;
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const additions = ops.filter((o) => o.type === 'insert').length;
  const deletions = ops.filter((o) => o.type === 'delete').length;
  if (additions === 0 && deletions === 0) return { text: '', additions, deletions, identical: true };

  // Old/new line numbers (1-based) at each op, to label hunks.
  const oldLine: number[] = [];
  const newLine: number[] = [];
  let o = 1;
  let n = 1;
  for (const op of ops) {
    oldLine.push(o);
    newLine.push(n);
    if (op.type !== 'insert') o++;
    if (op.type !== 'delete') n++;
  }

  const changed = ops.map((op, i) => (op.type === 'equal' ? -1 : i)).filter((i) => i >= 0);
  const hunks: Array<[number, number]> = [];
  for (const i of changed) {
    const from = Math.max(0, i - context);
    const to = Math.min(ops.length - 1, i + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else hunks.push([from, to]);
  }

  const out: string[] = [`--- ${options.fromLabel}\n`, `+++ ${options.toLabel}\n`];
  for (const [from, to] of hunks) {
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((op) => op.type !== 'insert').length;
    const newCount = slice.filter((op) => op.type !== 'delete').length;
    const oldStart = oldCount === 0 ? oldLine[from]! - 1 : oldLine[from]!;
    const newStart = newCount === 0 ? newLine[from]! - 1 : newLine[from]!;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`);
    for (const op of slice) {
      const prefix = op.type === 'equal' ? ' ' : op.type === 'delete' ? '-' : '+';
      out.push(prefix + op.line);
      if (!op.line.endsWith('\n')) out.push('\n\\ No newline at end of file\n');
    }
  }
  return { text: out.join(''), additions, deletions, identical: false };
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** Applies a unified diff produced by unifiedDiff to `oldText` with jsdiff's patch applier (tests use it to prove the diff is exact). */
export function applyUnifiedDiff(oldText: string, diff: string): string {
  if (diff === '') return oldText;
  const applied = applyPatch(oldText, diff);
  if (applied === false) throw new Error('The diff does not apply to this text.');
  return applied;
}
