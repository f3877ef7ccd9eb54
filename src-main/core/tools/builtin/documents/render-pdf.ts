/** Renders the shared document content model to a PDF with pdfkit (A4, standard fonts, drawn tables). */
import PDFDocument from 'pdfkit';
import { cellText, type DocumentBlock, type TableBlock } from './document-blocks.js';

export interface PdfContent {
  title: string;
  subtitle?: string;
  author?: string;
  blocks: readonly DocumentBlock[];
}

export interface PdfRenderOptions {
  /** Streams are compressed in real output; tests turn it off to read the text back. */
  compress?: boolean;
}

const MARGIN = 56;
const ACCENT = '#1F3A5F';
const TEXT = '#222222';
const MUTED = '#666666';
const HEADING_SIZES = [16, 13.5, 11.5] as const;

export async function renderPdf(content: PdfContent, options: PdfRenderOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    bufferPages: true,
    info: { Title: winAnsi(content.title), Author: winAnsi(content.author ?? 'Steward'), Creator: 'Steward' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(22).fillColor(ACCENT).text(winAnsi(content.title));
  if (content.subtitle) doc.moveDown(0.2).font('Helvetica-Oblique').fontSize(12).fillColor(MUTED).text(winAnsi(content.subtitle));
  const ruleY = doc.y + 6;
  doc.moveTo(MARGIN, ruleY).lineTo(doc.page.width - MARGIN, ruleY).lineWidth(1).strokeColor(ACCENT).stroke();
  doc.y = ruleY + 12;

  for (const block of content.blocks) renderBlock(doc, block);
  addPageNumbers(doc);
  doc.end();
  return finished;
}

function renderBlock(doc: PDFKit.PDFDocument, block: DocumentBlock): void {
  const width = contentWidth(doc);
  switch (block.type) {
    case 'heading':
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(HEADING_SIZES[block.level - 1] ?? 11.5).fillColor(ACCENT).text(winAnsi(block.text), MARGIN, doc.y, { width });
      doc.moveDown(0.3);
      return;
    case 'paragraph':
      doc.font('Helvetica').fontSize(11).fillColor(TEXT).text(winAnsi(block.text), MARGIN, doc.y, { width, lineGap: 2, align: 'left' });
      doc.moveDown(0.6);
      return;
    case 'bullets':
      doc.font('Helvetica').fontSize(11).fillColor(TEXT);
      for (const item of block.items) {
        const text = winAnsi(item);
        const height = doc.heightOfString(text, { width: width - 16, lineGap: 2 });
        if (doc.y + height > bottom(doc)) doc.addPage();
        const y = doc.y;
        doc.circle(MARGIN + 4, y + 6, 1.8).fillColor(TEXT).fill();
        doc.text(text, MARGIN + 16, y, { width: width - 16, lineGap: 2 });
        doc.moveDown(0.2);
      }
      doc.x = MARGIN;
      doc.moveDown(0.4);
      return;
    case 'table':
      renderTable(doc, block);
      doc.moveDown(0.8);
      return;
  }
}

function renderTable(doc: PDFKit.PDFDocument, table: TableBlock): void {
  const width = contentWidth(doc);
  const widths = columnWidths(doc, table, width);
  const padding = 5;
  const rowHeight = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * padding }))) + 2 * padding;
  };
  const drawRow = (cells: string[], header: boolean, numeric: boolean[]) => {
    const height = rowHeight(cells, header);
    let x = MARGIN;
    const y = doc.y;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      if (header) doc.rect(x, y, w, height).fillColor('#D9E2F3').fill();
      doc.rect(x, y, w, height).lineWidth(0.5).strokeColor('#A6A6A6').stroke();
      doc
        .font(header ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(10)
        .fillColor(TEXT)
        .text(cell, x + padding, y + padding, { width: w - 2 * padding, align: !header && numeric[i] ? 'right' : 'left' });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };

  const header = table.columns.map(winAnsi);
  const noneNumeric = header.map(() => false);
  if (doc.y + rowHeight(header, true) * 2 > bottom(doc)) doc.addPage();
  drawRow(header, true, noneNumeric);
  for (const row of table.rows) {
    const cells = table.columns.map((_, i) => winAnsi(cellText(row[i])));
    const numeric = table.columns.map((_, i) => typeof row[i] === 'number');
    if (doc.y + rowHeight(cells, false) > bottom(doc)) {
      doc.addPage();
      drawRow(header, true, noneNumeric); // repeat the header on every page the table spans
    }
    drawRow(cells, false, numeric);
  }
}

/** Columns share the width in proportion to their longest text, with a floor so none collapses. */
function columnWidths(doc: PDFKit.PDFDocument, table: TableBlock, total: number): number[] {
  doc.font('Helvetica').fontSize(10);
  const natural = table.columns.map((column, i) => {
    const texts = [column, ...table.rows.slice(0, 200).map((row) => cellText(row[i]))];
    return Math.min(220, Math.max(...texts.map((t) => doc.widthOfString(winAnsi(t)))) + 12);
  });
  const sum = natural.reduce((a, b) => a + b, 0);
  const floor = Math.min(48, total / table.columns.length);
  const scaled = natural.map((w) => Math.max(floor, (w / sum) * total));
  const scaledSum = scaled.reduce((a, b) => a + b, 0);
  return scaled.map((w) => (w / scaledSum) * total);
}

function addPageNumbers(doc: PDFKit.PDFDocument): void {
  const range = doc.bufferedPageRange();
  if (range.count < 2) return;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN / 2 - 6;
    // Writing below the bottom margin would make pdfkit add a page; lift the margin while we do it.
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`Page ${i + 1} of ${range.count}`, MARGIN, y, { width: contentWidth(doc), align: 'center', lineBreak: false });
    doc.page.margins.bottom = saved;
  }
}

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - 2 * MARGIN;
}

function bottom(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * The standard PDF fonts only cover the WinAnsi character set; anything else would print as
 * garbage, so it becomes "?" (a Unicode font would have to be bundled to do better).
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || ch === '\t' || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(ch)) out += ch;
    else if (code < 0x20 || code === 0x7f) continue;
    else out += '?';
  }
  return out;
}
