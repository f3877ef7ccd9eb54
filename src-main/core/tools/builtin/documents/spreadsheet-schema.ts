/** Parameters of documents.xlsx: sheets with typed columns, rows of cells, and formulas. */
import { z } from 'zod';

/**
 * Formula functions that reach outside the workbook (web calls, DLL calls, DDE). A spreadsheet
 * built from model output must not turn into a way to run code or leak data when it is opened.
 */
const FORBIDDEN_FORMULA = /\b(WEBSERVICE|CALL|REGISTER(\.ID)?|EXEC|RTD|DDE|DDEAUTO|IMPORTDATA|IMPORTXML|IMPORTHTML)\s*\(|\|/i;

export const FormulaCell = z.object({
  formula: z
    .string({ error: 'must be a formula such as "SUM(B2:B10)"' })
    .min(1, 'must not be empty')
    .max(8192, 'must be at most 8192 characters')
    .refine((f) => !FORBIDDEN_FORMULA.test(f), 'uses a function that reaches outside the workbook (web, DDE or DLL calls are not allowed)'),
});

export const SheetCell = z.union([z.string().max(32_767, 'must be at most 32767 characters (the Excel cell limit)'), z.number(), z.boolean(), z.null(), FormulaCell], {
  error: 'must be text, a number, true/false, null or {"formula": "..."}',
});
export type SheetCell = z.output<typeof SheetCell>;

export const SheetColumn = z.object({
  header: z.string({ error: 'must be the column header text' }).min(1, 'must not be empty').max(255, 'must be at most 255 characters'),
  width: z.number().min(2, 'must be at least 2').max(120, 'must be at most 120').optional(),
  /** Excel number format, e.g. "#,##0.00", "0%", "yyyy-mm-dd". */
  numberFormat: z.string().min(1).max(64, 'must be at most 64 characters').optional(),
});

const SHEET_NAME_BAD_CHARS = /[:\\/?*[\]]/;

export const SheetSpec = z
  .object({
    name: z
      .string({ error: 'must be the sheet name' })
      .min(1, 'must not be empty')
      .max(31, 'must be at most 31 characters (an Excel limit)')
      .refine((n) => !SHEET_NAME_BAD_CHARS.test(n), 'must not contain : \\ / ? * [ or ]')
      .refine((n) => !/^'|'$/.test(n), 'must not start or end with an apostrophe'),
    columns: z.array(SheetColumn, { error: 'must be a list of columns' }).min(1, 'must have at least one column').max(200, 'must have at most 200 columns'),
    rows: z.array(z.array(SheetCell, { error: 'each row must be a list of cells' }), { error: 'must be a list of rows' }).max(100_000, 'must have at most 100,000 rows'),
  })
  .superRefine((sheet, ctx) => {
    sheet.rows.forEach((row, i) => {
      if (row.length > sheet.columns.length) {
        ctx.addIssue({ code: 'custom', path: ['rows', i], message: `has ${row.length} cells but the sheet has only ${sheet.columns.length} columns` });
      }
    });
  });
export type SheetSpec = z.output<typeof SheetSpec>;

export const SheetList = z
  .array(SheetSpec, { error: 'must be a list of sheets' })
  .min(1, 'must have at least one sheet')
  .max(50, 'must have at most 50 sheets')
  .superRefine((sheets, ctx) => {
    const seen = new Set<string>();
    sheets.forEach((sheet, i) => {
      const key = sheet.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${sheet.name}" is used twice; sheet names must be unique` });
      seen.add(key);
    });
  });

/** Plain decimal numbers become numeric cells; leading zeros (ZIP codes, phone numbers) stay text. */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$/;

export type CellValue = string | number | boolean | null | { formula: string };

/** How a parameter cell is stored: numbers as numbers, "=..." as a formula, "'=..." as literal text. */
export function toCellValue(cell: SheetCell): CellValue {
  if (typeof cell === 'object' && cell !== null) return { formula: cell.formula.replace(/^=/, '') };
  if (typeof cell !== 'string') return cell;
  if (PLAIN_NUMBER.test(cell)) return Number(cell);
  if (cell.startsWith("'=")) return cell.slice(1);
  if (cell.startsWith('=') && cell.length > 1) {
    const parsed = FormulaCell.safeParse({ formula: cell });
    // A forbidden formula typed as a string is kept as inert text rather than silently executed.
    return parsed.success ? { formula: parsed.data.formula.slice(1) } : cell;
  }
  return cell;
}
