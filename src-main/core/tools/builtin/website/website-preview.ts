import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { WorkspaceFileNotFoundError, WorkspacePathError } from '../tool-errors.js';
import { resolveInWorkspace, workspacePathSchema } from '../workspace-path.js';
import type { PreviewServers } from './preview-servers.js';

export const WebsitePreviewParams = z.object({
  dir: workspacePathSchema('site').default('site'),
});

export interface WebsitePreviewOutput {
  url: string;
  previewId: string;
  dir: string;
}

/** Needs the shared PreviewServers so the app can stop previews when their task ends. */
export function createWebsitePreviewTool(previews: PreviewServers) {
  return defineTool({
    name: 'website.preview',
    title: 'Preview a website',
    userDescription: 'Opens a generated website on this computer only, for you to look at.',
    describe: (params) => `Preview the website in ${params.dir}/ on this computer`,
    description:
      'Start a local preview of a generated website folder (default "site") on this computer only (http://127.0.0.1:<port>/) and return its address. The preview stops when the task ends.',
    parameters: WebsitePreviewParams,
    sideEffect: 'local',
    defaultPermission: 'always',
    idempotent: true,
    resultOrigin: () => null,
    async execute(params, ctx) {
      const { absolute, relative } = await resolveInWorkspace(ctx.workspaceDir, params.dir);
      const info = await stat(absolute).catch(() => null);
      if (!info) throw new WorkspaceFileNotFoundError(relative, 'website folder');
      if (!info.isDirectory()) throw new WorkspacePathError(relative, 'is a file, not a website folder');
      if (!(await stat(path.join(absolute, 'index.html')).catch(() => null))) {
        throw new WorkspaceFileNotFoundError(`${relative}/index.html`, 'home page');
      }
      const handle = await previews.start(absolute, { taskId: ctx.taskId });
      ctx.signal.addEventListener('abort', () => void handle.stop(), { once: true });
      return {
        output: { url: handle.url, previewId: handle.id, dir: relative } satisfies WebsitePreviewOutput,
        summary: `Preview of ${relative}/ running at ${handle.url}`,
        artifacts: [{ kind: 'website', path: `${relative}/index.html`, mime: 'text/html', title: `Preview: ${handle.url}` }],
        rollbackData: { previewId: handle.id },
      };
    },
    async rollback(result) {
      const id = result.rollbackData?.previewId;
      if (typeof id === 'string') await previews.stop(id);
    },
  });
}
