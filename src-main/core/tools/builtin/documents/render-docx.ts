/** Renders the shared document content model to a .docx buffer with the `docx` package. */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { cellText, type DocumentBlock, type TableBlock } from './document-blocks.js';

export interface DocxContent {
  title: string;
  subtitle?: string;
  author?: string;
  blocks: readonly DocumentBlock[];
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' } as const;

export async function renderDocx(content: DocxContent): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [new Paragraph({ text: content.title, heading: HeadingLevel.TITLE })];
  if (content.subtitle) children.push(new Paragraph({ children: [new TextRun({ text: content.subtitle, italics: true, color: '595959' })] }));
  for (const block of content.blocks) children.push(...renderBlock(block));
  const doc = new Document({
    title: content.title,
    creator: content.author ?? 'Steward',
    description: content.subtitle,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

function renderBlock(block: DocumentBlock): Array<Paragraph | Table> {
  switch (block.type) {
    case 'heading':
      return [new Paragraph({ text: block.text, heading: HEADINGS[block.level - 1] })];
    case 'paragraph':
      return [new Paragraph({ children: textRuns(block.text), spacing: { after: 160 } })];
    case 'bullets':
      return block.items.map((item) => new Paragraph({ children: textRuns(item), bullet: { level: 0 } }));
    case 'table':
      // An empty paragraph after the table keeps the next block from sticking to its border.
      return [renderTable(block), new Paragraph({ text: '' })];
  }
}

/** Line breaks inside a paragraph become Word line breaks rather than being lost. */
function textRuns(text: string): TextRun[] {
  return text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, break: i === 0 ? 0 : 1 }));
}

function renderTable(table: TableBlock): Table {
  const header = new TableRow({
    tableHeader: true,
    children: table.columns.map(
      (column) =>
        new TableCell({
          shading: { type: ShadingType.CLEAR, fill: 'D9E2F3', color: 'auto' },
          borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
          children: [new Paragraph({ children: [new TextRun({ text: column, bold: true })] })],
        }),
    ),
  });
  const rows = table.rows.map(
    (row) =>
      new TableRow({
        children: table.columns.map((_, i) => {
          const value = row[i];
          return new TableCell({
            borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
            children: [new Paragraph({ text: cellText(value), alignment: typeof value === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT })],
          });
        }),
      }),
  );
  return new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } });
}
