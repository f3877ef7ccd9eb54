import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src-main/core/errors.js';
import { documentsDocxTool } from '../../../src-main/core/tools/builtin/documents/documents-docx.js';
import { createDocumentsPdfTool, documentsPdfTool } from '../../../src-main/core/tools/builtin/documents/documents-pdf.js';
import { documentsXlsxTool } from '../../../src-main/core/tools/builtin/documents/documents-xlsx.js';
import { FileExistsError } from '../../../src-main/core/tools/builtin/tool-errors.js';
import { pdfPageCount, pdfText } from '../../unit/tools/helpers/pdf-text.js';
import { createTestWorkspace, rollbackTool, runTool, type TestWorkspace } from '../../unit/tools/helpers/tool-context.js';
import { readZipEntries, xmlText } from '../../unit/tools/helpers/zip-reader.js';

const offerLetter = {
  title: 'Offer of Employment — Ana Souza',
  subtitle: 'Bistro Verde, Lisbon',
  blocks: [
    { type: 'heading', text: 'Position', level: 1 },
    { type: 'paragraph', text: 'We are pleased to offer you the role of Head Chef & Kitchen Manager <starting soon>.\nPlease reply by Friday.' },
    { type: 'heading', text: 'Benefits', level: 2 },
    { type: 'bullets', items: ['25 days paid leave', 'Health insurance', 'Staff meals'] },
    {
      type: 'table',
      columns: ['Item', 'Amount (EUR)'],
      rows: [
        ['Base salary', 42000],
        ['Signing bonus', 1500.5],
        ['Notes', null],
      ],
    },
  ],
};

describe('document tools', () => {
  let ws: TestWorkspace;
  beforeEach(async () => {
    ws = await createTestWorkspace();
  });
  afterEach(async () => ws.cleanup());

  describe('documents.docx', () => {
    it('writes a Word file whose document.xml holds every heading, paragraph, bullet and cell', async () => {
      const result = await runTool(documentsDocxTool, offerLetter, ws.ctx);
      expect(result.output.path).toBe('documents/offer-of-employment-ana-souza.docx');
      expect(result.artifacts?.[0]).toEqual({
        kind: 'document',
        path: 'documents/offer-of-employment-ana-souza.docx',
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        title: 'Offer of Employment — Ana Souza',
      });
      const zip = await readFile(path.join(ws.dir, result.output.path));
      expect(zip.subarray(0, 2).toString()).toBe('PK');
      const entries = readZipEntries(zip);
      expect([...entries.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/numbering.xml']));
      const xml = entries.get('word/document.xml')!.toString('utf8');
      const text = xmlText(xml);
      for (const expected of ['Offer of Employment — Ana Souza', 'Bistro Verde, Lisbon', 'Position', 'Head Chef & Kitchen Manager <starting soon>.', 'Please reply by Friday.', '25 days paid leave', 'Staff meals', 'Amount (EUR)', '42000', '1500.5']) {
        expect(text).toContain(expected);
      }
      // Structure, not just text: title and heading styles, bullets via numbering, a real table.
      expect(xml).toContain('w:val="Title"');
      expect(xml).toContain('w:val="Heading1"');
      expect(xml).toContain('w:val="Heading2"');
      expect((xml.match(/<w:numPr>/g) ?? []).length).toBe(3);
      expect((xml.match(/<w:tr>|<w:tr /g) ?? []).length).toBe(4);
      // Escaped, never raw markup from the parameters.
      expect(xml).not.toContain('<starting soon>');
      const core = xmlText(entries.get('docProps/core.xml')!.toString('utf8'));
      expect(core).toContain('Offer of Employment — Ana Souza');
    });

    it('refuses to overwrite and rolls back by deleting the file', async () => {
      const params = { ...offerLetter, path: 'out/letter.docx' };
      const result = await runTool(documentsDocxTool, params, ws.ctx);
      await expect(runTool(documentsDocxTool, params, ws.ctx)).rejects.toBeInstanceOf(FileExistsError);
      await rollbackTool(documentsDocxTool, params, result, ws.ctx);
      await expect(readFile(path.join(ws.dir, 'out/letter.docx'))).rejects.toThrow(/ENOENT/);
    });

    it('explains bad blocks field by field', async () => {
      const err = await runTool(documentsDocxTool, { title: 'x', blocks: [{ type: 'video', url: 'x' }, { type: 'table', columns: ['a'], rows: [['1', '2']] }], path: 'a.doc' }, ws.ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      const message = (err as ValidationError).userMessage;
      expect(message).toContain('path: must end with .docx');
      expect(message).toContain('blocks.0');
      expect(message).toContain('blocks.1.rows.0: has 2 cells but the table has only 1 columns');
    });
  });

  describe('documents.xlsx', () => {
    it('writes sheets with a bold frozen header, widths, numbers as numbers and working formulas', async () => {
      const result = await runTool(
        documentsXlsxTool,
        {
          title: 'Q3 invoices',
          sheets: [
            {
              name: 'Invoices',
              columns: [{ header: 'Invoice' }, { header: 'Client', width: 30 }, { header: 'Amount', numberFormat: '#,##0.00' }, { header: 'Zip' }],
              rows: [
                ['INV-001', 'Acme Ltd', 1200.5, '02139'],
                ['INV-002', 'Globex', '800', '10001'],
                ['Total', null, { formula: 'SUM(C2:C3)' }, '=LEN(B2)'],
                ['Literal', "'=not a formula", '=WEBSERVICE("http://evil.test")', null],
              ],
            },
            { name: 'Notes', columns: [{ header: 'Note' }], rows: [['Paid on time: TRUE'], [true]] },
          ],
        },
        ws.ctx,
      );
      expect(result.output).toMatchObject({ path: 'spreadsheets/q3-invoices.xlsx', sheets: ['Invoices', 'Notes'], rows: 6 });
      expect(result.artifacts?.[0]?.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path.join(ws.dir, result.output.path));
      const sheet = workbook.getWorksheet('Invoices')!;
      expect(sheet.getRow(1).values).toEqual([undefined, 'Invoice', 'Client', 'Amount', 'Zip']);
      expect(sheet.getCell('A1').font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getColumn(2).width).toBe(30);
      expect(sheet.getColumn(1).width).toBe(10); // auto width: "INV-001" + padding, at least 10
      expect(sheet.getColumn(4).width).toBe(12); // a formula column is sized for a 10-digit result
      expect(sheet.getCell('C2').value).toBe(1200.5);
      expect(sheet.getCell('C3').value).toBe(800); // "800" became a number
      expect(sheet.getCell('C3').numFmt).toBe('#,##0.00');
      expect(sheet.getCell('D2').value).toBe('02139'); // leading zero kept as text
      expect(sheet.getCell('C4').value).toMatchObject({ formula: 'SUM(C2:C3)' });
      expect(sheet.getCell('D4').value).toMatchObject({ formula: 'LEN(B2)' });
      expect(sheet.getCell('B5').value).toBe('=not a formula');
      expect(sheet.getCell('C5').value).toBe('=WEBSERVICE("http://evil.test")'); // inert text, not a formula
      expect(workbook.getWorksheet('Notes')!.getCell('A3').value).toBe(true);
    });

    it('rejects dangerous formulas and bad sheet names with the reason', async () => {
      const err = await runTool(
        documentsXlsxTool,
        {
          sheets: [
            { name: 'Bad/Name', columns: [{ header: 'A' }], rows: [[{ formula: 'cmd|" /C calc"!A0' }]] },
            { name: 'bad/name', columns: [], rows: [] },
          ],
        },
        ws.ctx,
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      const message = (err as ValidationError).userMessage;
      expect(message).toContain('sheets.0.name: must not contain : \\ / ? * [ or ]');
      expect(message).toContain('uses a function that reaches outside the workbook');
      expect(message).toContain('sheets.1.columns: must have at least one column');
    });
  });

  describe('documents.pdf', () => {
    it('writes a PDF that holds the title, headings, paragraphs, bullets and table cells', async () => {
      const tool = createDocumentsPdfTool({ compress: false });
      const result = await runTool(tool, { ...offerLetter, author: 'Maria Costa' }, ws.ctx);
      expect(result.output.path).toBe('documents/offer-of-employment-ana-souza.pdf');
      expect(result.artifacts?.[0]).toMatchObject({ kind: 'document', mime: 'application/pdf' });
      const pdf = await readFile(path.join(ws.dir, result.output.path));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf).replace(/\s+/g, ' ');
      for (const expected of ['Offer of Employment — Ana Souza', 'Bistro Verde, Lisbon', 'Position', 'Head Chef & Kitchen Manager <starting soon>.', 'Please reply by Friday.', 'Staff meals', 'Amount (EUR)', '42000', '1500.5']) {
        expect(text).toContain(expected);
      }
      const raw = pdf.toString('latin1');
      const authorRef = /\/Author (\d+) 0 R/.exec(raw)?.[1];
      expect(raw).toContain(`${authorRef} 0 obj\n(Maria Costa)`);
    });

    it('compresses by default and still holds the text once inflated', async () => {
      const result = await runTool(documentsPdfTool, { title: 'Quote 2024-17', blocks: [{ type: 'paragraph', text: 'Website redesign, 3 pages.' }] }, ws.ctx);
      const pdf = await readFile(path.join(ws.dir, result.output.path));
      expect(pdf.toString('latin1')).toContain('/FlateDecode');
      expect(pdfText(pdf)).toContain('Website redesign, 3 pages.');
    });

    it('breaks long tables across pages and repeats the header', async () => {
      const rows = Array.from({ length: 120 }, (_, i) => [`Line item ${i + 1}`, i * 10]);
      const tool = createDocumentsPdfTool({ compress: false });
      const result = await runTool(tool, { title: 'Inventory', blocks: [{ type: 'table', columns: ['Product', 'Qty'], rows }] }, ws.ctx);
      const pdf = await readFile(path.join(ws.dir, result.output.path));
      const pages = pdfPageCount(pdf);
      expect(pages).toBeGreaterThan(1);
      const text = pdfText(pdf);
      expect(text).toContain('Line item 120');
      expect(text.split('\n').filter((l) => l === 'Product').length).toBe(pages);
      expect(text).toContain(`Page ${pages} of ${pages}`);
    });

    it('prints characters the standard fonts lack as "?" instead of garbage', async () => {
      const tool = createDocumentsPdfTool({ compress: false });
      const result = await runTool(tool, { title: 'Café – €5 · 東京' }, ws.ctx);
      const pdf = await readFile(path.join(ws.dir, result.output.path));
      expect(pdfText(pdf)).toContain('Café – €5 · ??');
    });
  });
});
