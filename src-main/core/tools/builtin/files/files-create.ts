import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { workspacePathSchema } from '../workspace-path.js';
import { pathExists } from '../workspace-path.js';
import { rollbackWorkspaceWrite, writeWorkspaceFiles } from '../workspace-write.js';

/** Large enough for any hand-written document, small enough that one call cannot fill the disk. */
export const MAX_CREATE_CHARS = 5_000_000;

export const FilesCreateParams = z.object({
  path: workspacePathSchema('notes/todo.md').describe('relative path in the workspace'),
  content: z.string({ error: 'must be the text to write into the file' }).max(MAX_CREATE_CHARS, `must be at most ${MAX_CREATE_CHARS.toLocaleString('en-US')} characters`),
  overwrite: z.boolean({ error: 'must be true or false' }).default(false),
});

export interface FilesCreateOutput {
  path: string;
  bytes: number;
  replaced: boolean;
}

export const filesCreateTool = defineTool({
  name: 'files.create',
  title: 'Create a file',
  userDescription: "Writes a text file in the task's workspace folder.",
  description:
    'Write a text file in the task workspace (creating folders as needed). Refuses to replace an existing file unless overwrite is true. Paths are relative to the workspace.',
  parameters: FilesCreateParams,
  describe: (params) => {
    const lines = params.content === '' ? 0 : params.content.split('\n').length;
    return `${params.overwrite ? 'Write (replacing if it exists)' : 'Create'} ${params.path} — ${lines} line${lines === 1 ? '' : 's'}`;
  },
  sideEffect: 'local',
  defaultPermission: 'always',
  // A retry finds its own file with the same bytes and succeeds without writing (workspace-write.ts).
  idempotent: true,
  /** The result only says what Steward wrote. */
  resultOrigin: () => null,
  // Without overwrite the tool refuses to replace a file, so the call can only create one.
  newFilesCreated: async (params, workspaceDir) => (!params.overwrite || !(await pathExists(workspaceDir, params.path)) ? [params.path] : null),
  async execute(params, ctx) {
    const written = await writeWorkspaceFiles(ctx.workspaceDir, [{ path: params.path, data: params.content }], { overwrite: params.overwrite });
    const file = written[0]!;
    return {
      output: { path: file.path, bytes: file.bytes, replaced: file.existedBefore } satisfies FilesCreateOutput,
      summary: file.unchanged
        ? `${file.path} already had this content; nothing changed`
        : `${file.existedBefore ? 'Replaced' : 'Created'} ${file.path} (${file.bytes} bytes)`,
      artifacts: [{ kind: 'file', path: file.path, mime: 'text/plain', title: file.path }],
      rollbackData: { files: written },
    };
  },
  async rollback(result, _params, ctx) {
    await rollbackWorkspaceWrite(ctx.workspaceDir, result.rollbackData);
  },
});
