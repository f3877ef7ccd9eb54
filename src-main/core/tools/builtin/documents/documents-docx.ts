import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { workspacePathSchema } from '../workspace-path.js';
import { rollbackWorkspaceWrite, writeWorkspaceFiles } from '../workspace-write.js';
import { DocumentContent, hasExtension, slugify } from './document-blocks.js';
import { renderDocx } from './render-docx.js';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const DocumentsDocxParams = z.object({
  path: workspacePathSchema('documents/offer-letter.docx').refine(hasExtension('.docx'), 'must end with .docx').optional(),
  ...DocumentContent,
});

export const documentsDocxTool = defineTool({
  name: 'documents.docx',
  title: 'Create a Word document',
  userDescription: 'Makes a Word document (.docx) in the workspace.',
  describe: (params) => `Create the Word document “${params.title}”${params.path ? ` as ${params.path}` : ''} — ${params.blocks.length} block${params.blocks.length === 1 ? '' : 's'}`,
  description:
    'Create a Word document (.docx) in the workspace from a title and blocks: headings (level 1-3), paragraphs, bullet lists and simple tables. Defaults to documents/<title>.docx.',
  parameters: DocumentsDocxParams,
  sideEffect: 'local',
  defaultPermission: 'always',
  // The file embeds its creation time, so a retry after a crash would find different bytes and
  // refuse to overwrite; the runner shows the call as interrupted instead of retrying it.
  idempotent: false,
  resultOrigin: () => null,
  async execute(params, ctx) {
    const path = params.path ?? `documents/${slugify(params.title)}.docx`;
    const buffer = await renderDocx(params);
    const written = await writeWorkspaceFiles(ctx.workspaceDir, [{ path, data: buffer }], { overwrite: params.overwrite });
    const file = written[0]!;
    return {
      output: { path: file.path, bytes: file.bytes, blocks: params.blocks.length },
      summary: `Created Word document ${file.path}`,
      artifacts: [{ kind: 'document', path: file.path, mime: DOCX_MIME, title: params.title }],
      rollbackData: { files: written },
    };
  },
  async rollback(result, _params, ctx) {
    await rollbackWorkspaceWrite(ctx.workspaceDir, result.rollbackData);
  },
});
