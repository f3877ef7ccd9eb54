/**
 * Gmail through googleapis: send a raw message as the connected user, search, and read one
 * message. Sending is not safe to repeat (Gmail has no idempotency key), so only a 429 is
 * retried; reads retry on server errors too.
 */
import type { gmail_v1 } from 'googleapis';
import type { OAuth2Client } from 'google-auth-library';
import { callWithRetry } from '../call-with-retry.js';
import { gmailApi } from './google-api.js';
import { classifyGoogleError, mapGoogleError } from './google-errors.js';

export interface GmailOptions {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  retryBaseDelayMs?: number;
  timeoutMs?: number;
}

export interface MailSummary {
  id: string;
  threadId: string;
  from: string;
  to: string;
  subject: string;
  date: string;
  snippet: string;
}

export interface MailBody extends MailSummary {
  text: string;
}

export class GoogleGmail {
  private readonly api: gmail_v1.Gmail;

  constructor(
    auth: OAuth2Client,
    private readonly options: GmailOptions = {},
  ) {
    this.api = gmailApi(auth, options.timeoutMs);
  }

  async send(raw: Buffer, signal?: AbortSignal): Promise<{ id: string; threadId: string }> {
    const res = await this.call(() => this.api.users.messages.send({ userId: 'me', requestBody: { raw: raw.toString('base64url') } }, { signal }), false, 'sending the email', signal);
    return { id: res.data.id ?? '', threadId: res.data.threadId ?? '' };
  }

  async search(query: string, max: number, signal?: AbortSignal): Promise<MailSummary[]> {
    const list = await this.call(() => this.api.users.messages.list({ userId: 'me', q: query, maxResults: max }, { signal }), true, 'searching Gmail', signal);
    const found: MailSummary[] = [];
    for (const ref of list.data.messages ?? []) {
      const res = await this.call(() => this.api.users.messages.get({ userId: 'me', id: ref.id!, format: 'metadata', metadataHeaders: ['From', 'To', 'Subject', 'Date'] }, { signal }), true, 'reading a message', signal);
      found.push(summaryOf(res.data));
    }
    return found;
  }

  async read(id: string, signal?: AbortSignal): Promise<MailBody> {
    const res = await this.call(() => this.api.users.messages.get({ userId: 'me', id, format: 'full' }, { signal }), true, 'reading the message', signal);
    return { ...summaryOf(res.data), text: bodyText(res.data.payload) };
  }

  private async call<T>(fn: () => Promise<T>, safeToRepeat: boolean, during: string, signal?: AbortSignal): Promise<T> {
    try {
      return await callWithRetry(fn, { safeToRepeat, classify: classifyGoogleError, signal, sleep: this.options.sleep, baseDelayMs: this.options.retryBaseDelayMs ?? 500, maxDelayMs: 60_000 });
    } catch (err) {
      throw mapGoogleError(err, during, !safeToRepeat);
    }
  }
}

function header(message: gmail_v1.Schema$Message, name: string): string {
  return message.payload?.headers?.find((h) => h.name?.toLowerCase() === name.toLowerCase())?.value ?? '';
}

function summaryOf(message: gmail_v1.Schema$Message): MailSummary {
  return { id: message.id ?? '', threadId: message.threadId ?? '', from: header(message, 'From'), to: header(message, 'To'), subject: header(message, 'Subject'), date: header(message, 'Date'), snippet: message.snippet ?? '' };
}

/** The text of a message: its text/plain part, else its HTML with the tags taken out. */
export function bodyText(part: gmail_v1.Schema$MessagePart | undefined): string {
  const plain = findPart(part, 'text/plain');
  if (plain?.body?.data) return Buffer.from(plain.body.data, 'base64url').toString('utf8');
  const html = findPart(part, 'text/html');
  if (html?.body?.data) return stripHtml(Buffer.from(html.body.data, 'base64url').toString('utf8'));
  return '';
}

function findPart(part: gmail_v1.Schema$MessagePart | undefined, mime: string): gmail_v1.Schema$MessagePart | undefined {
  if (!part) return undefined;
  if (part.mimeType === mime && !part.filename) return part;
  for (const child of part.parts ?? []) {
    const found = findPart(child, mime);
    if (found) return found;
  }
  return undefined;
}

function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
