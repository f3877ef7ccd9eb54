/**
 * Writes files into the workspace so that a later rollback can undo them exactly: new files are
 * deleted, replaced files get their previous bytes back (kept in a private backup folder, so large
 * files never bloat the audit row), and folders the write created are removed when empty. Rollback
 * refuses to touch a file that changed after the write, so it never destroys later work.
 */
import { createHash, randomUUID } from 'node:crypto';
import { copyFile, mkdir, readFile, realpath, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StewardError } from '../../errors.js';
import { PRIVATE_DIR, resolveInWorkspace } from './workspace-path.js';
import { FileExistsError, RollbackConflictError, WorkspacePathError } from './tool-errors.js';

export const WrittenFileSchema = z.object({
  path: z.string(),
  existedBefore: z.boolean(),
  /** Workspace-relative path of the previous content, when there was one. */
  backup: z.string().nullable(),
  sha256: z.string(),
  bytes: z.number(),
  /** Folders this write created (deepest last), removed on rollback when empty. */
  createdDirs: z.array(z.string()),
  /** The file already held exactly these bytes, so nothing was written and rollback leaves it alone. */
  unchanged: z.boolean().default(false),
});
export type WrittenFile = z.output<typeof WrittenFileSchema>;

export const WorkspaceWriteRollbackSchema = z.object({ files: z.array(WrittenFileSchema) });
export type WorkspaceWriteRollback = z.output<typeof WorkspaceWriteRollbackSchema>;

export interface FileToWrite {
  path: string;
  data: string | Uint8Array;
}

/**
 * Writes all files or none: a conflict is detected before anything is written, a failure midway
 * undoes the earlier files. A file that already holds exactly the new bytes is not a conflict:
 * that is what a retry after a crash finds, and it makes the write idempotent.
 */
export async function writeWorkspaceFiles(workspaceDir: string, files: readonly FileToWrite[], options: { overwrite: boolean }): Promise<WrittenFile[]> {
  const resolved = await Promise.all(files.map(async (f) => ({ ...(await resolveInWorkspace(workspaceDir, f.path)), data: f.data })));
  const seen = new Set<string>();
  for (const f of resolved) {
    if (seen.has(f.absolute)) throw new WorkspacePathError(f.relative, 'is written twice in the same call');
    seen.add(f.absolute);
    const existing = await statOrNull(f.absolute);
    if (existing?.isDirectory()) throw new WorkspacePathError(f.relative, 'is a folder, not a file');
    if (existing && !options.overwrite && !(await holdsExactly(f.absolute, f.data))) throw new FileExistsError(f.relative);
  }

  const written: WrittenFile[] = [];
  try {
    for (const f of resolved) {
      if (await holdsExactly(f.absolute, f.data)) {
        const bytes = toBytes(f.data);
        written.push({ path: f.relative, existedBefore: true, backup: null, sha256: sha256(bytes), bytes: bytes.length, createdDirs: [], unchanged: true });
        continue;
      }
      written.push(await writeOne(workspaceDir, f.absolute, f.relative, f.data));
    }
  } catch (err) {
    await undoWrites(workspaceDir, written).catch(() => undefined);
    throw err;
  }
  return written;
}

async function writeOne(workspaceDir: string, absolute: string, relative: string, data: string | Uint8Array): Promise<WrittenFile> {
  const createdDirs = await makeParents(workspaceDir, path.dirname(absolute));
  const existedBefore = (await statOrNull(absolute)) !== null;
  let backup: string | null = null;
  if (existedBefore) {
    backup = `${PRIVATE_DIR}/backups/${randomUUID()}`;
    const backupAbs = path.join(workspaceDir, backup);
    await mkdir(path.dirname(backupAbs), { recursive: true });
    await copyFile(absolute, backupAbs);
  }
  const bytes = toBytes(data);
  // Write then rename so a crash never leaves a half-written file under the real name.
  const temp = `${absolute}.${randomUUID().slice(0, 8)}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, absolute);
  return { path: relative, existedBefore, backup, sha256: sha256(bytes), bytes: bytes.length, createdDirs, unchanged: false };
}

function toBytes(data: string | Uint8Array): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
}

async function holdsExactly(absolute: string, data: string | Uint8Array): Promise<boolean> {
  const info = await statOrNull(absolute);
  if (!info?.isFile() || info.size !== toBytes(data).length) return false;
  const current = await readOrNull(absolute);
  return current !== null && current.equals(toBytes(data));
}

/**
 * Undoes `files` in reverse order. Files changed since the write are left alone and reported with
 * RollbackConflictError after everything else was undone.
 */
export async function undoWrites(workspaceDir: string, files: readonly WrittenFile[]): Promise<void> {
  const conflicts: string[] = [];
  for (const file of [...files].reverse()) {
    if (file.unchanged) continue;
    const { absolute } = await resolveInWorkspace(workspaceDir, file.path);
    const current = await readOrNull(absolute);
    if (current !== null && sha256(current) !== file.sha256) {
      conflicts.push(file.path);
      continue;
    }
    if (file.backup) {
      const backupAbs = path.join(workspaceDir, file.backup);
      if ((await statOrNull(backupAbs)) !== null) await rename(backupAbs, absolute);
      else if (current !== null) await unlink(absolute);
    } else if (current !== null) {
      await unlink(absolute);
    }
    for (const dir of [...file.createdDirs].reverse()) {
      await rmdir(path.join(workspaceDir, dir)).catch(() => undefined); // only succeeds when empty
    }
  }
  if (conflicts.length > 0) throw new RollbackConflictError(conflicts.join('", "'));
}

/** Parses rollback data (it may come back from the database after a restart) and undoes the writes. */
export async function rollbackWorkspaceWrite(workspaceDir: string, rollbackData: unknown): Promise<void> {
  if (rollbackData === null || rollbackData === undefined) return; // the call wrote nothing
  const parsed = WorkspaceWriteRollbackSchema.safeParse(rollbackData);
  if (!parsed.success) {
    // Guessing would risk deleting the wrong files; say so instead of silently doing nothing.
    throw new StewardError('internal', 'The record of which files to undo is unreadable, so nothing was rolled back. Check the task workspace by hand.', {
      detail: parsed.error.message,
    });
  }
  await undoWrites(workspaceDir, parsed.data.files);
}

async function makeParents(workspaceDir: string, dir: string): Promise<string[]> {
  const missing: string[] = [];
  let current = dir;
  while ((await statOrNull(current)) === null) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  await mkdir(dir, { recursive: true });
  const root = await realpath(workspaceDir);
  return missing.map((abs) => path.relative(root, abs).split(path.sep).join('/'));
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

async function statOrNull(p: string) {
  try {
    return await stat(p);
  } catch {
    return null;
  }
}

async function readOrNull(p: string): Promise<Buffer | null> {
  try {
    return await readFile(p);
  } catch {
    return null;
  }
}
