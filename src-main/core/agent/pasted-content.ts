/**
 * Text the user pasted is not the user's own words (DESIGN §4.2): a forwarded email, a web page's
 * HTML, a log or a JSON export can carry instructions written by someone else. A message is split
 * into paragraphs; those that look pasted — mail headers, HTML, JSON, log lines, quoted or fenced
 * blocks, hidden characters, or simply long — are their own origin, "text pasted by you": they go
 * to the model wrapped as untrusted data, and whatever is proposed after reading them asks for
 * approval with that origin on the card. What the user typed around them stays an instruction.
 */
import { PASTED_ORIGIN } from '../tools/provenance.js';
import { wrapUntrusted } from '../tools/untrusted-content.js';

/** A paragraph longer than this is not something one types as an instruction to an assistant. */
const LONG_PARAGRAPH_CHARS = 600;
/** A message longer than this is treated as carrying pasted text after its first paragraph. */
const LONG_MESSAGE_CHARS = 1500;

const MAIL_HEADER = /^\s*(from|to|subject|date|cc|bcc|reply-to|sent|received|return-path|message-id)\s*:/gim;
const MAIL_MARKERS = /-{2,}\s*(original message|forwarded message)\s*-{2,}|^\s*on .{5,80} wrote:\s*$/im;
const HTML = /<\s*\/?\s*(html|head|body|div|p|span|table|tr|td|a|img|script|style|iframe|form|input|br|meta|link|h[1-6]|ul|li)\b[^>]*>|<!--/i;
const LOG_LINE = /^\s*(\[?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}|\[?(ERROR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL)\]?[\s:])/gm;
const QUOTED_LINE = /^\s*>/gm;
/** Zero-width and bidirectional control characters: nobody types them, hidden instructions use them. */
const HIDDEN = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/;
const BASE64_RUN = /[A-Za-z0-9+/]{120,}={0,2}/;

export interface PasteSplit {
  /** The message for prompts: typed paragraphs as they are, pasted ones wrapped as untrusted data. */
  promptText: string;
  /** The pasted paragraphs, in order. */
  pasted: string[];
}

function count(re: RegExp, text: string): number {
  return text.match(re)?.length ?? 0;
}

function looksJson(text: string): boolean {
  const t = text.trim();
  if (!/^[[{]/.test(t)) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return count(/"[^"\n]{1,80}"\s*:/g, t) >= 3;
  }
}

/** Whether one paragraph looks like something pasted rather than typed. */
export function looksPasted(paragraph: string): boolean {
  if (paragraph.length > LONG_PARAGRAPH_CHARS) return true;
  if (HIDDEN.test(paragraph) || BASE64_RUN.test(paragraph)) return true;
  if (count(MAIL_HEADER, paragraph) >= 2 || MAIL_MARKERS.test(paragraph)) return true;
  if (HTML.test(paragraph)) return true;
  if (/^\s*```/m.test(paragraph)) return true;
  if (count(LOG_LINE, paragraph) >= 2 || count(QUOTED_LINE, paragraph) >= 2) return true;
  return looksJson(paragraph);
}

/** Splits a message into typed and pasted parts; null when nothing in it looks pasted. */
export function splitPasted(text: string, nonce?: string): PasteSplit | null {
  const paragraphs = splitParagraphs(text);
  const long = text.length > LONG_MESSAGE_CHARS;
  const marks = paragraphs.map((p, i) => looksPasted(p) || (long && i > 0));
  if (!marks.some(Boolean)) return null;
  const parts: string[] = [];
  const pasted: string[] = [];
  for (let i = 0; i < paragraphs.length; ) {
    if (!marks[i]) {
      parts.push(paragraphs[i]!);
      i += 1;
      continue;
    }
    const run: string[] = [];
    while (i < paragraphs.length && marks[i]) run.push(paragraphs[i++]!);
    const block = run.join('\n\n');
    pasted.push(block);
    parts.push(wrapUntrusted(block, { kind: 'pasted', detail: PASTED_ORIGIN }, nonce));
  }
  return { promptText: parts.join('\n\n'), pasted };
}

/** Paragraphs separated by blank lines; a fenced code block stays one paragraph. */
function splitParagraphs(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let inFence = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    if (!inFence && line.trim() === '') {
      if (current.length) out.push(current.join('\n'));
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length) out.push(current.join('\n'));
  return out;
}
