/**
 * Reads a file attached to a chat message into text for the model, with the same readers the
 * previews use (.docx with mammoth, .xlsx with exceljs, .pdf page text) and plain text as it is.
 * Everything it returns is untrusted content (DESIGN §4.2): the caller wraps it and names its origin.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import {
  ATTACHMENT_DOCUMENT_EXTENSIONS,
  ATTACHMENT_IMAGE_EXTENSIONS,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_TOTAL_BYTES,
  MAX_IMAGES,
  type AttachmentInput,
} from '../../../../src-preload/schemas/attachments.js';
import { extractPdfPages } from '../../artifacts/pdf-text.js';
import { StewardError } from '../../errors.js';
import { imageMediaType, imagePlaceholder, imageProblem, type ImageData } from './image-attachment.js';

/** Read text longer than this is cut, and the model is told where (a whole book would not fit a prompt anyway). */
export const MAX_ATTACHMENT_TEXT_CHARS = 60_000;

export interface ReadAttachment {
  name: string;
  bytes: number;
  /** A document's text; for an image, what stands for it where only text goes (imagePlaceholder). */
  text: string;
  /** The picture itself, for a model that reads images; absent for documents. */
  image?: ImageData | null;
}

/** True for an attached image (given to the model as a picture, not as text). */
export function isImageFile(name: string): boolean {
  return (ATTACHMENT_IMAGE_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase());
}

/** A file that cannot be given to the model; the message says which and why, and what to do. */
export class AttachmentRefusedError extends StewardError {
  constructor(userMessage: string) {
    super('invalid_input', `${userMessage} Nothing was sent.`);
  }
}

/** Decodes, checks and reads every file; refuses them all if any one cannot be read. */
export async function readAttachments(files: readonly AttachmentInput[]): Promise<ReadAttachment[]> {
  const decoded = files.map((f) => ({ name: f.name, data: Buffer.from(f.dataBase64, 'base64') }));
  const total = decoded.reduce((sum, f) => sum + f.data.length, 0);
  if (total > MAX_ATTACHMENTS_TOTAL_BYTES) {
    throw new AttachmentRefusedError(`The files together are ${megabytes(total)}; at most ${megabytes(MAX_ATTACHMENTS_TOTAL_BYTES)} can be attached to one message — send them in several messages.`);
  }
  const images = decoded.filter((f) => isImageFile(f.name)).length;
  if (images > MAX_IMAGES) throw new AttachmentRefusedError(`${images} images are attached; at most ${MAX_IMAGES} can go with one message — send the rest in another message.`);
  const read: ReadAttachment[] = [];
  for (const file of decoded) read.push(isImageFile(file.name) ? readImage(file.name, file.data) : { name: file.name, bytes: file.data.length, text: await readOne(file.name, file.data) });
  return read;
}

/** An image is kept as it is (checked by its bytes); whether the conversation's model can read it is checked by the caller. */
function readImage(name: string, data: Buffer): ReadAttachment {
  const problem = imageProblem(name, data);
  if (problem) throw new AttachmentRefusedError(problem);
  const mediaType = imageMediaType(data)!;
  return { name, bytes: data.length, text: imagePlaceholder(name, mediaType, data.length), image: { mediaType, data } };
}

async function readOne(name: string, data: Buffer): Promise<string> {
  const extension = path.extname(name).toLowerCase();
  if (!(ATTACHMENT_DOCUMENT_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new AttachmentRefusedError(`“${name}” is not a kind of file Steward can read. Attach ${ATTACHMENT_DOCUMENT_EXTENSIONS.join(', ')} files, or ${ATTACHMENT_IMAGE_EXTENSIONS.join(', ')} images for a model that reads images.`);
  }
  if (data.length > MAX_ATTACHMENT_BYTES) throw new AttachmentRefusedError(`“${name}” is ${megabytes(data.length)}; files up to ${megabytes(MAX_ATTACHMENT_BYTES)} can be attached.`);
  if (data.length === 0) throw new AttachmentRefusedError(`“${name}” is empty.`);
  const text = await extractText(name, extension, data);
  if (!text.trim()) throw new AttachmentRefusedError(`No text could be read from “${name}” (a scanned PDF or an empty document?). Attach a file with text in it.`);
  return text.length > MAX_ATTACHMENT_TEXT_CHARS ? `${text.slice(0, MAX_ATTACHMENT_TEXT_CHARS)}\n[… the rest of ${name} was cut: only its first ${MAX_ATTACHMENT_TEXT_CHARS.toLocaleString('en-US')} characters were read]` : text;
}

async function extractText(name: string, extension: string, data: Buffer): Promise<string> {
  try {
    if (extension === '.docx') return (await mammoth.extractRawText({ buffer: data })).value;
    if (extension === '.xlsx') return await workbookText(data);
    if (extension === '.pdf') return extractPdfPages(data).map((page, i) => `[page ${i + 1}]\n${page}`).join('\n\n');
  } catch {
    const kind = extension === '.docx' ? 'a valid Word document' : extension === '.xlsx' ? 'a valid Excel workbook' : 'a readable PDF';
    throw new AttachmentRefusedError(`“${name}” could not be read: it is not ${kind}. Open it and save it again, or attach its text.`);
  }
  const text = data.toString('utf8');
  if (text.includes('\u0000')) throw new AttachmentRefusedError(`“${name}” does not hold text (it looks like a binary file renamed to ${extension}).`);
  return text;
}

/** Each sheet as comma-separated rows under its name. */
export async function workbookText(data: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return workbook.worksheets
    .map((sheet) => {
      const rows: string[] = [];
      sheet.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1).map((v) => cell(v));
        rows.push(values.join(', '));
      });
      return `[sheet ${sheet.name}]\n${rows.join('\n')}`;
    })
    .join('\n\n');
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { result?: unknown; text?: unknown; richText?: { text: string }[]; formula?: string };
    if (v.result !== undefined) return cell(v.result);
    if (v.richText) return v.richText.map((p) => p.text).join('');
    if (v.text !== undefined) return String(v.text);
    if (v.formula) return `=${v.formula}`;
  }
  return String(value);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
