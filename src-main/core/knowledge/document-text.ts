/**
 * A knowledge file's text in the sections its passages are cut from: a PDF's pages, a workbook's
 * sheets, and for Markdown, text and CSV the whole file (its lines numbered as in an editor).
 * The readers are the ones chat attachments and previews use (mammoth, exceljs, the PDF page
 * reader). A file that cannot be read fails with the reason a person can act on.
 */
import path from 'node:path';
import { workbookText } from '../agent/attachments/attachment-reader.js';
import { extractPdfPages } from '../artifacts/pdf-text.js';
import { docxLinesWithHeadings } from './docx-headings.js';

/** What Steward indexes; the same documents chat attachments accept. */
export const KNOWLEDGE_EXTENSIONS = ['.md', '.txt', '.pdf', '.docx', '.xlsx', '.csv'] as const;

export interface DocumentSection {
  /** 1-based PDF page; null for other kinds. */
  page: number | null;
  /** The sheet's name for a workbook; '' otherwise (Markdown headings are found by the chunker). */
  title: string;
  lines: string[];
}

export class DocumentUnreadableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function isKnowledgeFile(file: string): boolean {
  return (KNOWLEDGE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

export async function documentSections(file: string, data: Buffer): Promise<DocumentSection[]> {
  const extension = path.extname(file).toLowerCase();
  const sections = await read(extension, data);
  if (sections.every((s) => s.lines.every((l) => l.trim() === ''))) {
    throw new DocumentUnreadableError(extension === '.pdf' ? 'no text could be read from it (a scanned PDF? Save it with its text, or export it as .txt)' : 'it has no text in it');
  }
  return sections;
}

async function read(extension: string, data: Buffer): Promise<DocumentSection[]> {
  if (extension === '.pdf') return pdfSections(data);
  if (extension === '.docx') {
    // Its headings marked as Markdown ones, so passages and citations name their section.
    const lines = await docxLinesWithHeadings(data).catch((err: unknown) => {
      throw new DocumentUnreadableError(`it is not a valid Word document (${shortReason(err)}) — open it in Word and save it again`);
    });
    return [{ page: null, title: '', lines }];
  }
  if (extension === '.xlsx') {
    const text = await workbookText(data).catch((err: unknown) => {
      throw new DocumentUnreadableError(`it is not a valid Excel workbook (${shortReason(err)}) — open it in Excel and save it again`);
    });
    return text.split(/\n\n(?=\[sheet )/).map((block) => {
      const [first, ...rest] = block.split('\n');
      return { page: null, title: /^\[sheet (.*)\]$/.exec(first ?? '')?.[1] ?? '', lines: rest };
    });
  }
  const text = data.toString('utf8');
  if (text.includes('\u0000')) throw new DocumentUnreadableError(`it does not hold text (a binary file named ${extension}?)`);
  return [{ page: null, title: '', lines: splitLines(text.replace(/^\uFEFF/, '')) }];
}

function pdfSections(data: Buffer): DocumentSection[] {
  if (!data.subarray(0, 1024).toString('latin1').includes('%PDF-')) throw new DocumentUnreadableError('it is not a PDF: it does not start with the “%PDF-” header (damaged, or another kind of file renamed to .pdf)');
  const pages = extractPdfPages(data);
  if (pages.length === 0) throw new DocumentUnreadableError('it is damaged: no pages could be found in it — open it in a PDF reader and save or print it to PDF again');
  return pages.map((page, i) => ({ page: i + 1, title: '', lines: splitLines(page) }));
}

const splitLines = (text: string): string[] => text.replace(/\r\n?/g, '\n').split('\n');

function shortReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.slice(0, 120);
}
