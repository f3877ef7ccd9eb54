/**
 * Confines every path a tool receives to the task's workspace folder. Paths come from the model,
 * which may have read untrusted text, so absolute paths, `..` escapes, NUL bytes and symlinks that
 * lead outside are all refused (DESIGN §4.1: enforcement fails closed).
 */
import { lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { WorkspacePathError } from './tool-errors.js';

/** Folder inside every workspace where tools keep private state (rollback backups); hidden from listings. */
export const PRIVATE_DIR = '.steward';

const WINDOWS_DRIVE = /^[a-zA-Z]:/;

/** Why a relative path is unacceptable, or null when it is fine (pure string checks, no disk access). */
export function relativePathProblem(given: string): string | null {
  if (given.trim() === '') return 'is empty';
  if (given.includes('\0')) return 'contains a NUL character';
  if (path.posix.isAbsolute(given) || path.win32.isAbsolute(given) || WINDOWS_DRIVE.test(given) || given.startsWith('~')) {
    return 'is absolute';
  }
  const normalized = path.posix.normalize(given.replace(/\\/g, '/'));
  if (normalized === '..' || normalized.startsWith('../')) return 'leads outside the workspace';
  const first = normalized.split('/')[0];
  if (first === PRIVATE_DIR) return `is inside Steward's private ${PRIVATE_DIR} folder`;
  return null;
}

/** zod schema for a workspace-relative path argument, with the same messages the tools throw. */
export function workspacePathSchema(example: string) {
  return z
    .string({ error: `must be a relative path inside the workspace, such as "${example}"` })
    .min(1, `must not be empty; use a relative path such as "${example}"`)
    .max(512, 'must be at most 512 characters')
    .superRefine((value, ctx) => {
      const problem = relativePathProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem}; use a relative path inside the workspace, such as "${example}"` });
    });
}

/** Normalized, forward-slash, workspace-relative form of a path ('.' for the root). */
export function normalizeRelative(given: string): string {
  const normalized = path.posix.normalize(given.replace(/\\/g, '/')).replace(/\/+$/, '');
  return normalized === '' ? '.' : normalized;
}

export interface ResolvedPath {
  /** Absolute path on disk. */
  absolute: string;
  /** Normalized workspace-relative path, for messages and outputs. */
  relative: string;
}

/**
 * Resolves `given` inside `workspaceDir`, creating the workspace if needed. The deepest existing
 * ancestor is resolved with realpath so a symlink planted in the workspace cannot point outside.
 */
export async function resolveInWorkspace(workspaceDir: string, given: string, options: { allowRoot?: boolean } = {}): Promise<ResolvedPath> {
  const problem = relativePathProblem(given);
  if (problem) throw new WorkspacePathError(given, problem);
  const relative = normalizeRelative(given);
  if (relative === '.' && !options.allowRoot) throw new WorkspacePathError(given, 'names the workspace folder itself, not a file');

  await mkdir(workspaceDir, { recursive: true });
  const root = await realpath(workspaceDir);
  const absolute = path.resolve(root, relative);
  if (!isInside(root, absolute)) throw new WorkspacePathError(given, 'leads outside the workspace');

  const existing = await deepestExisting(absolute, root);
  const real = await realpath(existing);
  if (!isInside(root, real)) throw new WorkspacePathError(given, 'goes through a link that leads outside the workspace');
  if (existing === absolute) {
    // The target itself exists: realpath above already followed it if it is a link.
    return { absolute: real, relative };
  }
  return { absolute: path.join(real, path.relative(existing, absolute)), relative };
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function deepestExisting(absolute: string, root: string): Promise<string> {
  let current = absolute;
  for (;;) {
    try {
      await lstat(current);
      return current;
    } catch {
      const parent = path.dirname(current);
      if (parent === current || !isInside(root, parent)) return root;
      current = parent;
    }
  }
}

/**
 * Resolves a path for reading: in the task's own folder first, then in the user's shared
 * workspace when the tool was given one (a plan reads the user's files; it writes only in its
 * own folder). The same confinement rules apply in both.
 */
export async function resolveReadable(ctx: { workspaceDir: string; sharedWorkspaceDir?: string }, given: string, options: { allowRoot?: boolean } = {}): Promise<ResolvedPath> {
  const own = await resolveInWorkspace(ctx.workspaceDir, given, options);
  const shared = ctx.sharedWorkspaceDir;
  if (!shared || path.resolve(shared) === path.resolve(ctx.workspaceDir)) return own;
  const exists = await lstat(own.absolute).then(() => true, () => false);
  if (exists && !(options.allowRoot && own.relative === '.')) return own;
  const other = await resolveInWorkspace(shared, given, options);
  const found = await lstat(other.absolute).then(() => true, () => false);
  return found ? other : own;
}

/** Whether a workspace path exists (resolved with the same confinement rules; a refused path counts as existing). */
export async function pathExists(workspaceDir: string, given: string): Promise<boolean> {
  try {
    const { absolute } = await resolveInWorkspace(workspaceDir, given);
    return await lstat(absolute).then(() => true, () => false);
  } catch {
    return true;
  }
}
