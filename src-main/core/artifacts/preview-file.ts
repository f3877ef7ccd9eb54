/**
 * A readable preview of one workspace file for the renderer: images as data URLs, .docx as
 * allow-listed HTML (mammoth), .xlsx as tables (exceljs), .pdf as text per page, text and code as
 * text with a language hint. Paths are confined to the workspace exactly like the tools' own paths.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import type { ArtifactPreview } from '../../../src-preload/schemas/artifacts.js';
import { resolveInWorkspace } from '../tools/builtin/workspace-path.js';
import { ArtifactNotFoundError, ArtifactTooLargeError, ArtifactUnreadableError, ArtifactUnsupportedError } from './artifact-errors.js';
import { sanitizeHtml } from './html-allowlist.js';
import { extractPdfPages } from './pdf-text.js';

/** Bigger files are refused rather than shipped whole over IPC. */
export const MAX_PREVIEW_BYTES = 15 * 1024 * 1024;
/** Text longer than this is cut (and marked truncated) so the renderer never freezes on a log. */
export const MAX_PREVIEW_TEXT_CHARS = 200_000;
export const MAX_SHEET_ROWS = 500;
export const MAX_SHEET_COLUMNS = 50;

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  // An SVG shown through <img> cannot run its scripts.
  '.svg': 'image/svg+xml',
};

const LANGUAGES: Record<string, string> = {
  '.ts': 'typescript', '.tsx': 'typescript', '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascript',
  '.json': 'json', '.html': 'html', '.htm': 'html', '.css': 'css', '.md': 'markdown', '.py': 'python', '.sh': 'bash',
  '.yml': 'yaml', '.yaml': 'yaml', '.xml': 'xml', '.sql': 'sql', '.csv': 'plaintext', '.txt': 'plaintext', '.log': 'plaintext',
  '.go': 'go', '.rs': 'rust', '.java': 'java', '.rb': 'ruby', '.php': 'php', '.c': 'c', '.h': 'c', '.cpp': 'cpp', '.toml': 'ini', '.ini': 'ini',
};

export async function previewWorkspaceFile(workspaceDir: string, given: string): Promise<ArtifactPreview> {
  const resolved = await resolveInWorkspace(workspaceDir, given);
  const info = await stat(resolved.absolute).catch(() => null);
  if (!info || !info.isFile()) throw new ArtifactNotFoundError(resolved.relative);
  if (info.size > MAX_PREVIEW_BYTES) throw new ArtifactTooLargeError(resolved.relative, info.size, MAX_PREVIEW_BYTES);
  const bytes = await readFile(resolved.absolute);
  const extension = path.extname(resolved.relative).toLowerCase();
  const relative = resolved.relative;

  const mime = IMAGE_TYPES[extension];
  if (mime) return { kind: 'image', path: relative, mime, dataUrl: `data:${mime};base64,${bytes.toString('base64')}` };
  if (extension === '.docx') return { kind: 'html', path: relative, html: await docxHtml(bytes, relative) };
  if (extension === '.xlsx') return { kind: 'table', path: relative, sheets: await xlsxSheets(bytes, relative) };
  if (extension === '.pdf') {
    if (!bytes.subarray(0, 5).toString('latin1').startsWith('%PDF-')) throw new ArtifactUnreadableError(relative, 'it is not a PDF file');
    return { kind: 'pdf', path: relative, pages: extractPdfPages(bytes) };
  }
  if (bytes.includes(0)) throw new ArtifactUnsupportedError(relative);
  const text = bytes.toString('utf8');
  const truncated = text.length > MAX_PREVIEW_TEXT_CHARS;
  const language = LANGUAGES[extension];
  return { kind: 'text', path: relative, text: truncated ? text.slice(0, MAX_PREVIEW_TEXT_CHARS) : text, truncated, ...(language ? { language } : {}) };
}

async function docxHtml(bytes: Buffer, relative: string): Promise<string> {
  try {
    // Images would arrive as data URLs inside <img>; the allowlist drops them, so skip the work.
    const result = await mammoth.convertToHtml({ buffer: bytes }, { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) });
    return sanitizeHtml(result.value);
  } catch (err) {
    throw new ArtifactUnreadableError(relative, 'it is not a valid Word document', err);
  }
}

async function xlsxSheets(bytes: Buffer, relative: string): Promise<{ name: string; rows: string[][]; truncated: boolean }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new ArtifactUnreadableError(relative, 'it is not a valid Excel workbook', err);
  }
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    const lastRow = Math.min(sheet.rowCount, MAX_SHEET_ROWS);
    const columns = Math.min(sheet.columnCount, MAX_SHEET_COLUMNS);
    for (let r = 1; r <= lastRow; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= columns; c++) cells.push(cellText(row.getCell(c)));
      rows.push(cells);
    }
    return { name: sheet.name, rows, truncated: sheet.rowCount > MAX_SHEET_ROWS || sheet.columnCount > MAX_SHEET_COLUMNS };
  });
}

/** What the cell shows: a formula's cached result (else the formula itself), a date as YYYY-MM-DD, rich text as plain text. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value || 'result' in value) {
      const result = 'result' in value ? value.result : undefined;
      if (result !== undefined && result !== null) return String(result instanceof Date ? result.toISOString().slice(0, 10) : result);
      // A workbook written without computed results (as Steward's own are) still shows what the cell holds.
      const formula = 'formula' in value ? value.formula : 'sharedFormula' in value ? value.sharedFormula : undefined;
      return typeof formula === 'string' && formula !== '' ? `=${formula}` : '';
    }
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return cell.text ?? String(value);
}
