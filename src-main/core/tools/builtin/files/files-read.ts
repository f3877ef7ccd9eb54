import { open, stat } from 'node:fs/promises';
import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { resolveReadable, workspacePathSchema } from '../workspace-path.js';
import { FileTooLargeError, NotATextFileError, WorkspaceFileNotFoundError, WorkspacePathError } from '../tool-errors.js';

export const DEFAULT_READ_LIMIT = 1_000_000;
export const MAX_READ_LIMIT = 10_000_000;

export const FilesReadParams = z.object({
  path: workspacePathSchema('notes/todo.md'),
  maxBytes: z
    .number({ error: 'must be a number of bytes' })
    .int('must be a whole number of bytes')
    .min(1, 'must be at least 1')
    .max(MAX_READ_LIMIT, `must be at most ${MAX_READ_LIMIT.toLocaleString('en-US')} bytes`)
    .default(DEFAULT_READ_LIMIT),
});

export interface FilesReadOutput {
  path: string;
  content: string;
  bytes: number;
}

export const filesReadTool = defineTool({
  name: 'files.read',
  title: 'Read a file',
  userDescription: "Reads a text file in the task's workspace folder.",
  describe: (params) => `Read ${params.path}`,
  description: 'Read a text file from the task workspace. Refuses binary files and files larger than maxBytes (default 1 MB).',
  parameters: FilesReadParams,
  sideEffect: 'none',
  defaultPermission: 'always',
  idempotent: true,
  resultOrigin: (params) => `the file ${params.path}`,
  async execute(params, ctx) {
    const { absolute, relative } = await resolveReadable(ctx, params.path);
    const info = await stat(absolute).catch(() => null);
    if (!info) throw new WorkspaceFileNotFoundError(relative);
    if (!info.isFile()) throw new WorkspacePathError(relative, 'is a folder, not a file');
    if (info.size > params.maxBytes) throw new FileTooLargeError(relative, info.size, params.maxBytes);

    // Read at most maxBytes + 1 so a file that grew since stat cannot slip past the limit.
    const handle = await open(absolute, 'r');
    let data: Buffer;
    try {
      const buffer = Buffer.alloc(Math.min(info.size, params.maxBytes) + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      data = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    if (data.length > params.maxBytes) throw new FileTooLargeError(relative, data.length, params.maxBytes);
    if (looksBinary(data)) throw new NotATextFileError(relative);
    const content = data.toString('utf8');
    return {
      output: { path: relative, content, bytes: data.length } satisfies FilesReadOutput,
      summary: `Read ${relative} (${data.length} bytes)`,
    };
  },
});

/** NUL bytes in the first 8 KB are the same heuristic git uses to call a file binary. */
export function looksBinary(data: Uint8Array): boolean {
  const end = Math.min(data.length, 8192);
  for (let i = 0; i < end; i++) if (data[i] === 0) return true;
  return false;
}
