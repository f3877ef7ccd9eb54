/**
 * Current file vs proposed content, for the side-by-side viewer behind a files.create approval
 * with overwrite. Reads only; the write happens (or not) through the approval.
 */
import { readFile, stat } from 'node:fs/promises';
import type { ArtifactDiff, DiffHunk, DiffLine } from '../../../src-preload/schemas/artifacts.js';
import { diffLines, splitLines } from '../tools/builtin/files/line-diff.js';
import { resolveInWorkspace } from '../tools/builtin/workspace-path.js';
import { ArtifactTooLargeError, ArtifactUnsupportedError } from './artifact-errors.js';
import { MAX_PREVIEW_BYTES } from './preview-file.js';

/** Unchanged lines shown around each change. */
const CONTEXT_LINES = 3;

export async function diffWorkspaceFile(workspaceDir: string, given: string, proposed: string): Promise<ArtifactDiff> {
  const resolved = await resolveInWorkspace(workspaceDir, given);
  const info = await stat(resolved.absolute).catch(() => null);
  let before = '';
  if (info?.isFile()) {
    if (info.size > MAX_PREVIEW_BYTES) throw new ArtifactTooLargeError(resolved.relative, info.size, MAX_PREVIEW_BYTES);
    const bytes = await readFile(resolved.absolute);
    if (bytes.includes(0)) throw new ArtifactUnsupportedError(resolved.relative);
    before = bytes.toString('utf8');
  }
  const { hunks, additions, deletions } = lineHunks(before, proposed, CONTEXT_LINES);
  return { path: resolved.relative, exists: info?.isFile() ?? false, before, after: proposed, additions, deletions, hunks };
}

/** Hunks of numbered lines (terminators stripped), with `context` unchanged lines around each change. */
export function lineHunks(before: string, after: string, context: number): { hunks: DiffHunk[]; additions: number; deletions: number } {
  const ops = diffLines(splitLines(before), splitLines(after));
  const lines: DiffLine[] = [];
  let oldNumber = 1;
  let newNumber = 1;
  for (const op of ops) {
    const text = op.line.replace(/\r?\n$/, '');
    if (op.type === 'equal') lines.push({ type: 'equal', text, oldNumber: oldNumber++, newNumber: newNumber++ });
    else if (op.type === 'delete') lines.push({ type: 'delete', text, oldNumber: oldNumber++, newNumber: null });
    else lines.push({ type: 'insert', text, oldNumber: null, newNumber: newNumber++ });
  }
  const additions = lines.filter((l) => l.type === 'insert').length;
  const deletions = lines.filter((l) => l.type === 'delete').length;

  const ranges: [number, number][] = [];
  lines.forEach((line, i) => {
    if (line.type === 'equal') return;
    const from = Math.max(0, i - context);
    const to = Math.min(lines.length - 1, i + context);
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  });
  const hunks = ranges.map(([from, to]): DiffHunk => {
    const slice = lines.slice(from, to + 1);
    const olds = slice.filter((l) => l.oldNumber !== null);
    const news = slice.filter((l) => l.newNumber !== null);
    return {
      oldStart: olds[0]?.oldNumber ?? 0,
      oldLines: olds.length,
      newStart: news[0]?.newNumber ?? 0,
      newLines: news.length,
      lines: slice,
    };
  });
  return { hunks, additions, deletions };
}
