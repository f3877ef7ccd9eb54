/** Renders sheets to an .xlsx buffer with exceljs: bold frozen header row, widths, numbers and formulas. */
import ExcelJS from 'exceljs';
import { toCellValue, type CellValue, type SheetSpec } from './spreadsheet-schema.js';

export async function renderXlsx(sheets: readonly SheetSpec[], options: { title?: string; author?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.author ?? 'Steward';
  workbook.created = new Date();
  if (options.title) workbook.title = options.title;

  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const rows = spec.rows.map((row) => spec.columns.map((_, i) => toCellValue(row[i] ?? null)));
    sheet.columns = spec.columns.map((column, i) => ({
      header: column.header,
      key: `c${i}`,
      width: column.width ?? autoWidth(column.header, rows.map((r) => r[i] ?? null)),
      style: column.numberFormat ? { numFmt: column.numberFormat } : {},
    }));
    for (const row of rows) sheet.addRow(row.map(toExcelValue));

    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
    header.alignment = { vertical: 'middle' };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  }
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

function toExcelValue(value: CellValue): ExcelJS.CellValue {
  if (value !== null && typeof value === 'object') return { formula: value.formula } as ExcelJS.CellFormulaValue;
  return value;
}

/** Width in characters that fits the header and the longest value, within sensible bounds. */
function autoWidth(header: string, values: readonly CellValue[]): number {
  let longest = header.length;
  for (const value of values) {
    if (value === null) continue;
    const text = typeof value === 'object' ? '0000000000' : String(value);
    longest = Math.max(longest, ...text.split('\n').map((l) => l.length));
  }
  return Math.min(60, Math.max(10, longest + 2));
}
