import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { workspacePathSchema } from '../workspace-path.js';
import { rollbackWorkspaceWrite, writeWorkspaceFiles } from '../workspace-write.js';
import { hasExtension, slugify } from './document-blocks.js';
import { renderXlsx } from './render-xlsx.js';
import { SheetList } from './spreadsheet-schema.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const DocumentsXlsxParams = z.object({
  path: workspacePathSchema('spreadsheets/invoices.xlsx').refine(hasExtension('.xlsx'), 'must end with .xlsx').optional(),
  title: z.string().min(1, 'must not be empty').max(300, 'must be at most 300 characters').optional(),
  sheets: SheetList,
  overwrite: z.boolean({ error: 'must be true or false' }).default(false),
});

export const documentsXlsxTool = defineTool({
  name: 'documents.xlsx',
  title: 'Create a spreadsheet',
  userDescription: 'Makes an Excel workbook (.xlsx) with sheets, numbers and formulas in the workspace.',
  describe: (params) => `Create the spreadsheet ${params.path ?? `“${params.title ?? 'workbook'}”`} — ${params.sheets.length} sheet${params.sheets.length === 1 ? '' : 's'}`,
  description:
    'Create an Excel workbook (.xlsx) in the workspace: one or more sheets, each with column headers (bold, frozen), optional widths and number formats, and rows of cells. Numbers stay numeric; a cell like {"formula": "SUM(B2:B5)"} or "=SUM(B2:B5)" is a formula.',
  parameters: DocumentsXlsxParams,
  sideEffect: 'local',
  defaultPermission: 'always',
  // The file embeds its creation time, so a retry after a crash would find different bytes and
  // refuse to overwrite; the runner shows the call as interrupted instead of retrying it.
  idempotent: false,
  resultOrigin: () => null,
  async execute(params, ctx) {
    const path = params.path ?? `spreadsheets/${slugify(params.title ?? params.sheets[0]!.name, 'workbook')}.xlsx`;
    const buffer = await renderXlsx(params.sheets, { title: params.title });
    const written = await writeWorkspaceFiles(ctx.workspaceDir, [{ path, data: buffer }], { overwrite: params.overwrite });
    const file = written[0]!;
    const rowCount = params.sheets.reduce((sum, s) => sum + s.rows.length, 0);
    return {
      output: { path: file.path, bytes: file.bytes, sheets: params.sheets.map((s) => s.name), rows: rowCount },
      summary: `Created spreadsheet ${file.path} (${params.sheets.length} sheet${params.sheets.length === 1 ? '' : 's'}, ${rowCount} rows)`,
      artifacts: [{ kind: 'document', path: file.path, mime: XLSX_MIME, title: params.title ?? file.path }],
      rollbackData: { files: written },
    };
  },
  async rollback(result, _params, ctx) {
    await rollbackWorkspaceWrite(ctx.workspaceDir, result.rollbackData);
  },
});
