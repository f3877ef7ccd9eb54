import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { workspacePathSchema } from '../workspace-path.js';
import { rollbackWorkspaceWrite, writeWorkspaceFiles } from '../workspace-write.js';
import { DocumentContent, hasExtension, slugify } from './document-blocks.js';
import { renderPdf, type PdfRenderOptions } from './render-pdf.js';

export const DocumentsPdfParams = z.object({
  path: workspacePathSchema('documents/quote.pdf').refine(hasExtension('.pdf'), 'must end with .pdf').optional(),
  ...DocumentContent,
});

/** `render` lets tests ask for uncompressed streams; the app uses the defaults. */
export function createDocumentsPdfTool(render: PdfRenderOptions = {}) {
  return defineTool({
    name: 'documents.pdf',
    title: 'Create a PDF',
    userDescription: 'Makes a PDF document (headings, text, lists, tables) in the workspace.',
    describe: (params) => `Create the PDF “${params.title}”${params.path ? ` as ${params.path}` : ''} — ${params.blocks.length} block${params.blocks.length === 1 ? '' : 's'}`,
    description:
      'Create a PDF document in the workspace from a title, optional subtitle, and blocks: headings (level 1-3), paragraphs, bullet lists and simple tables. Defaults to documents/<title>.pdf.',
    parameters: DocumentsPdfParams,
    sideEffect: 'local',
    defaultPermission: 'always',
    // The file embeds its creation time, so a retry after a crash would find different bytes and
    // refuse to overwrite; the runner shows the call as interrupted instead of retrying it.
    idempotent: false,
    resultOrigin: () => null,
    async execute(params, ctx) {
      const path = params.path ?? `documents/${slugify(params.title)}.pdf`;
      const buffer = await renderPdf(params, render);
      const written = await writeWorkspaceFiles(ctx.workspaceDir, [{ path, data: buffer }], { overwrite: params.overwrite });
      const file = written[0]!;
      return {
        output: { path: file.path, bytes: file.bytes, blocks: params.blocks.length },
        summary: `Created PDF ${file.path}`,
        artifacts: [{ kind: 'document', path: file.path, mime: 'application/pdf', title: params.title }],
        rollbackData: { files: written },
      };
    },
    async rollback(result, _params, ctx) {
      await rollbackWorkspaceWrite(ctx.workspaceDir, result.rollbackData);
    },
  });
}

export const documentsPdfTool = createDocumentsPdfTool();
