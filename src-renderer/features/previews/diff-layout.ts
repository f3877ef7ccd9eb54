import type { ArtifactDiff, DiffHunk } from '../../../src-preload/schemas/artifacts.js';

/**
 * Rows of the diff viewer, computed from artifacts.diff's hunks. Side by side, a run of deleted
 * lines and the run of inserted lines right after it share rows (old on the left, new on the right),
 * so a changed line reads across; the unchanged stretches between hunks collapse into gap rows that
 * can be expanded from the `before` text (unchanged lines are the same on both sides).
 */
export interface DiffCell {
  number: number;
  text: string;
  type: 'equal' | 'delete' | 'insert';
}

export interface DiffGap {
  kind: 'gap';
  /** Stable within one diff: which gap this is (0 = before the first hunk). */
  id: number;
  /** 1-based first hidden line on each side. */
  oldStart: number;
  newStart: number;
  count: number;
}

export type SplitRow = { kind: 'line'; left: DiffCell | null; right: DiffCell | null } | DiffGap;
export type UnifiedRow = { kind: 'line'; type: DiffCell['type']; oldNumber: number | null; newNumber: number | null; text: string } | DiffGap;

/** Lines of a file the way the core counts them: a final newline does not start another line. */
export function fileLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

export function splitRows(diff: Pick<ArtifactDiff, 'hunks' | 'before'>): SplitRow[] {
  return withGaps(diff, (hunk) => splitHunk(hunk));
}

export function unifiedRows(diff: Pick<ArtifactDiff, 'hunks' | 'before'>): UnifiedRow[] {
  return withGaps(diff, (hunk) => hunk.lines.map((line) => ({ kind: 'line' as const, type: line.type, oldNumber: line.oldNumber, newNumber: line.newNumber, text: line.text })));
}

/** The unchanged lines a gap hides, for when the user expands it. */
export function gapLines(gap: DiffGap, before: string): { oldNumber: number; newNumber: number; text: string }[] {
  const lines = fileLines(before);
  return Array.from({ length: gap.count }, (_, i) => ({ oldNumber: gap.oldStart + i, newNumber: gap.newStart + i, text: lines[gap.oldStart - 1 + i] ?? '' }));
}

function splitHunk(hunk: DiffHunk): SplitRow[] {
  const rows: SplitRow[] = [];
  let deletes: DiffCell[] = [];
  let inserts: DiffCell[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(deletes.length, inserts.length); i++) rows.push({ kind: 'line', left: deletes[i] ?? null, right: inserts[i] ?? null });
    deletes = [];
    inserts = [];
  };
  for (const line of hunk.lines) {
    if (line.type === 'equal') {
      flush();
      rows.push({ kind: 'line', left: { number: line.oldNumber!, text: line.text, type: 'equal' }, right: { number: line.newNumber!, text: line.text, type: 'equal' } });
    } else if (line.type === 'delete') {
      // A delete after inserts starts a new change block; pair only delete-then-insert runs.
      if (inserts.length > 0) flush();
      deletes.push({ number: line.oldNumber!, text: line.text, type: 'delete' });
    } else {
      inserts.push({ number: line.newNumber!, text: line.text, type: 'insert' });
    }
  }
  flush();
  return rows;
}

function withGaps<R>(diff: Pick<ArtifactDiff, 'hunks' | 'before'>, rowsOf: (hunk: DiffHunk) => R[]): (R | DiffGap)[] {
  const totalOld = fileLines(diff.before).length;
  const rows: (R | DiffGap)[] = [];
  let nextOld = 1;
  let nextNew = 1;
  let id = 0;
  for (const hunk of diff.hunks) {
    // A hunk of only insertions into an empty file reports oldStart 0.
    const hunkOld = hunk.oldLines > 0 ? hunk.oldStart : nextOld;
    const hidden = hunkOld - nextOld;
    if (hidden > 0) rows.push({ kind: 'gap', id, oldStart: nextOld, newStart: nextNew, count: hidden });
    id += 1;
    rows.push(...rowsOf(hunk));
    nextOld = hunkOld + hunk.oldLines;
    nextNew = (hunk.newLines > 0 ? hunk.newStart : nextNew + hidden) + hunk.newLines;
  }
  const trailing = totalOld - nextOld + 1;
  if (diff.hunks.length > 0 && trailing > 0) rows.push({ kind: 'gap', id, oldStart: nextOld, newStart: nextNew, count: trailing });
  return rows;
}
