/**
 * The files a task produced (or the whole workspace), for the task detail view's output list.
 * Read-only. Symbolic links are never followed — neither as folders nor as files — so a link a
 * tool or a downloaded archive planted cannot make the listing reveal anything outside the
 * workspace (DESIGN §4.1: enforcement fails closed). Capped and sorted so a huge folder stays cheap.
 */
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactFile, ArtifactList, ArtifactPreviewKind } from '../../../src-preload/schemas/artifacts.js';
import { PRIVATE_DIR, isInside } from '../tools/builtin/workspace-path.js';
import { WorkspacePathError } from '../tools/builtin/tool-errors.js';
import { MAX_PREVIEW_BYTES } from './preview-file.js';

/** More files than this and the listing stops (truncated: true). */
export const MAX_LISTED_FILES = 500;
/** Folders deeper than this are not entered (a generated node_modules would otherwise dominate). */
export const MAX_LIST_DEPTH = 8;
/** How much of a file with an unknown extension is read to tell text from binary. */
const SNIFF_BYTES = 4096;

const BY_EXTENSION: Record<string, Exclude<ArtifactPreviewKind, null | 'text'>> = {
  '.png': 'image', '.jpg': 'image', '.jpeg': 'image', '.gif': 'image', '.webp': 'image', '.svg': 'image',
  '.docx': 'html',
  '.xlsx': 'table',
  '.pdf': 'pdf',
};

/**
 * Lists the files under `folder` (relative paths, forward slashes, sorted by path). `workspaceDir`
 * is the profile's workspace: the folder must resolve inside it. A folder that does not exist yet
 * (a task that has written nothing) lists as empty.
 */
export async function listWorkspaceFiles(workspaceDir: string, folder: string): Promise<ArtifactList> {
  const root = await realpath(workspaceDir).catch(() => null);
  if (!root) return { files: [], truncated: false };
  const start = await realpath(folder).catch(() => null);
  if (!start) return { files: [], truncated: false };
  if (!isInside(root, start)) throw new WorkspacePathError(path.relative(workspaceDir, folder) || '.', 'goes through a link that leads outside the workspace');

  const files: ArtifactFile[] = [];
  let truncated = false;
  const walk = async (dir: string, depth: number): Promise<void> => {
    // Sorted at every level so that, when the cap cuts in, what survives is stable.
    const children = (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      if (truncated) return;
      // Steward's private folders (rollback backups, in the workspace and in each task's folder) are not outputs.
      if (child.name === PRIVATE_DIR) continue;
      const absolute = path.join(dir, child.name);
      if (child.isSymbolicLink()) continue;
      if (child.isDirectory()) {
        if (depth < MAX_LIST_DEPTH) await walk(absolute, depth + 1);
        continue;
      }
      if (!child.isFile()) continue;
      if (files.length >= MAX_LISTED_FILES) {
        truncated = true;
        return;
      }
      const info = await lstat(absolute).catch(() => null);
      if (!info?.isFile()) continue;
      files.push({
        path: path.relative(start, absolute).split(path.sep).join('/'),
        size: info.size,
        modifiedAt: info.mtime.toISOString(),
        preview: await previewKindOf(absolute, info.size),
      });
    }
  };
  await walk(start, 0);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, truncated };
}

/** The kind artifacts.preview would answer with, without rendering anything. */
async function previewKindOf(absolute: string, size: number): Promise<ArtifactPreviewKind> {
  if (size > MAX_PREVIEW_BYTES) return null;
  const known = BY_EXTENSION[path.extname(absolute).toLowerCase()];
  if (known) return known;
  const handle = await open(absolute, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const buffer = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).includes(0) ? null : 'text';
  } finally {
    await handle.close();
  }
}
