/**
 * Line diff (Myers' O(ND) algorithm) and unified-diff formatting, written here rather than pulled
 * from a package because it is small and the output format is ours to keep stable.
 *
 * Lines keep their terminators, so "abc" and "abc\n" differ, and a missing final newline is
 * printed as "\ No newline at end of file" exactly like git.
 */

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
  // Common prefix and suffix cost nothing to find and shrink the expensive middle.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  for (let i = 0; i < start; i++) ops.push({ type: 'equal', line: a[i]! });
  ops.push(...myersMiddle(a.slice(start, endA), b.slice(start, endB)));
  for (let i = endA; i < a.length; i++) ops.push({ type: 'equal', line: a[i]! });
  return ops;
}

function myersMiddle(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ type: 'insert', line }));
  if (m === 0) return a.map((line) => ({ type: 'delete', line }));
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds V[-d..d] as it was at the start of step d (index k + d).
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    const snapshot = new Int32Array(2 * d + 1);
    for (let k = -d; k <= d; k++) snapshot[k + d] = v[k + offset]!;
    trace.push(snapshot);
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!)) x = v[k + 1 + offset]!;
      else x = v[k - 1 + offset]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + offset] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, d);
    }
  }
  return [...a.map((line): DiffOp => ({ type: 'delete', line })), ...b.map((line): DiffOp => ({ type: 'insert', line }))];
}

function backtrack(trace: Int32Array[], a: readonly string[], b: readonly string[], dEnd: number): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    const vd = trace[d]!; // V at the start of step d = V after step d-1, indices -d..d
    const at = (k: number) => (k < -d || k > d ? -1 : vd[k + d]!);
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ type: 'equal', line: a[x - 1]! });
      x--;
      y--;
    }
    if (prevK === k + 1) ops.push({ type: 'insert', line: b[y - 1]! });
    else ops.push({ type: 'delete', line: a[x - 1]! });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push({ type: 'equal', line: a[x - 1]! });
    x--;
    y--;
  }
  return ops.reverse();
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

/** Applies a unified diff produced by unifiedDiff to `oldText` (used by tests to prove the diff is exact). */
export function applyUnifiedDiff(oldText: string, diff: string): string {
  if (diff === '') return oldText;
  const oldLines = splitLines(oldText);
  const result: string[] = [];
  let cursor = 0;
  const lines = splitLines(diff);
  let i = 2; // skip the --- / +++ header
  while (i < lines.length) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(lines[i]!);
    if (!header) throw new Error(`Bad hunk header: ${lines[i]}`);
    const oldStart = Number(header[1]);
    const oldCount = header[2] === undefined ? 1 : Number(header[2]);
    const startIndex = oldCount === 0 ? oldStart : oldStart - 1;
    while (cursor < startIndex) result.push(oldLines[cursor++]!);
    i++;
    while (i < lines.length && !lines[i]!.startsWith('@@')) {
      const line = lines[i]!;
      const next = lines[i + 1];
      const noNewline = next !== undefined && next.startsWith('\\ No newline');
      const body = noNewline ? line.slice(1, -1) : line.slice(1);
      if (line.startsWith(' ')) {
        result.push(body);
        cursor++;
      } else if (line.startsWith('-')) {
        cursor++;
      } else if (line.startsWith('+')) {
        result.push(body);
      }
      i += noNewline ? 2 : 1;
    }
  }
  while (cursor < oldLines.length) result.push(oldLines[cursor++]!);
  return result.join('');
}
