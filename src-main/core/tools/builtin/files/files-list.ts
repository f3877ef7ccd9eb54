import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { PRIVATE_DIR, relativePathProblem, resolveReadable } from '../workspace-path.js';
import { WorkspaceFileNotFoundError, WorkspacePathError } from '../tool-errors.js';

export const MAX_LIST_ENTRIES = 5000;

export const FilesListParams = z.object({
  path: z
    .string({ error: 'must be a folder path inside the workspace, or "." for the whole workspace' })
    .max(512, 'must be at most 512 characters')
    .default('.')
    .superRefine((value, ctx) => {
      const problem = value === '.' ? null : relativePathProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem}; use "." or a folder inside the workspace such as "site"` });
    }),
  recursive: z.boolean({ error: 'must be true or false' }).default(true),
  maxEntries: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_LIST_ENTRIES, `must be at most ${MAX_LIST_ENTRIES}`).default(1000),
});

export interface ListedEntry {
  path: string;
  type: 'file' | 'directory' | 'link';
  bytes: number;
}

export interface FilesListOutput {
  root: string;
  entries: ListedEntry[];
  totalBytes: number;
  truncated: boolean;
}

export const filesListTool = defineTool({
  name: 'files.list',
  title: 'List files',
  userDescription: "Lists the files and folders in the task's workspace folder.",
  describe: () => 'List the files in the workspace',
  description: 'List the files and folders in the task workspace (recursively by default) with their sizes in bytes.',
  parameters: FilesListParams,
  sideEffect: 'none',
  defaultPermission: 'always',
  idempotent: true,
  // File names are chosen by whoever wrote the files: a listing is outside text too.
  resultOrigin: (params) => `the list of files in ${params.path}`,
  async execute(params, ctx) {
    const { absolute, relative } = await resolveReadable(ctx, params.path, { allowRoot: true });
    const info = await lstat(absolute).catch(() => null);
    if (!info) throw new WorkspaceFileNotFoundError(relative, 'folder');
    if (!info.isDirectory()) throw new WorkspacePathError(relative, 'is a file, not a folder');

    const entries: ListedEntry[] = [];
    let truncated = false;
    // Breadth-first, sorted, so the listing is stable and the top of the tree survives truncation.
    const queue: string[] = [absolute];
    while (queue.length > 0 && !truncated) {
      const dir = queue.shift()!;
      const children = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      for (const child of children) {
        if (dir === absolute && relative === '.' && child.name === PRIVATE_DIR) continue;
        if (entries.length >= params.maxEntries) {
          truncated = true;
          break;
        }
        const childAbs = path.join(dir, child.name);
        const rel = toRelative(absolute, relative, childAbs);
        if (child.isSymbolicLink()) {
          // Links are listed but never followed: they may point outside the workspace.
          entries.push({ path: rel, type: 'link', bytes: 0 });
        } else if (child.isDirectory()) {
          entries.push({ path: rel, type: 'directory', bytes: 0 });
          if (params.recursive) queue.push(childAbs);
        } else if (child.isFile()) {
          const size = (await lstat(childAbs)).size;
          entries.push({ path: rel, type: 'file', bytes: size });
        }
      }
      ctx.signal.throwIfAborted();
    }
    const totalBytes = entries.reduce((sum, e) => sum + e.bytes, 0);
    const files = entries.filter((e) => e.type === 'file').length;
    return {
      output: { root: relative, entries, totalBytes, truncated } satisfies FilesListOutput,
      summary: `${files} file${files === 1 ? '' : 's'} in ${relative === '.' ? 'the workspace' : relative}${truncated ? ` (first ${entries.length} entries shown)` : ''}`,
    };
  },
});

function toRelative(rootAbs: string, rootRel: string, childAbs: string): string {
  const inside = path.relative(rootAbs, childAbs).split(path.sep).join('/');
  return rootRel === '.' ? inside : `${rootRel}/${inside}`;
}
