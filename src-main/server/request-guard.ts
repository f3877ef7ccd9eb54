import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { StewardError } from '../core/errors.js';

/**
 * Only this machine may talk to the server, and only with the install's bearer token. The Host
 * check defeats DNS rebinding (a web page on evil.example resolving to 127.0.0.1).
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(hostHeader.toLowerCase());
}

export function tokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

export class UnauthorizedError extends StewardError {
  constructor() {
    super('unauthorized', 'Missing or wrong access token. Use the link printed by `npm run serve` (it carries the token), or send "Authorization: Bearer <token>".');
  }
}

/** Every request body may be this large… */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/**
 * …except a memory import, which carries a whole export file: its content may be up to 50 MB
 * (MAX_MEMORY_IMPORT_CHARS), and JSON escaping of quotes and newlines makes the body larger still.
 */
export const MAX_IMPORT_BODY_BYTES = 128 * 1024 * 1024;

/** …and a message with attached files: up to 20 MB of files (MAX_ATTACHMENTS_TOTAL_BYTES), as base64. */
export const MAX_ATTACHMENTS_BODY_BYTES = 32 * 1024 * 1024;

export function bodyLimitFor(method: string): number {
  if (method === 'chat.sendFiles') return MAX_ATTACHMENTS_BODY_BYTES;
  return method === 'memory.import' ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;
}

/**
 * Browsers send Origin on WebSocket upgrades and cannot forge it: only pages served by this
 * server may open the event stream. Programs (no Origin header) are let through to the token check.
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`].includes(origin.toLowerCase());
}

/** Reads a JSON body; rejects non-JSON content types (a cross-site form cannot send application/json without a preflight). */
export async function readJsonBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new StewardError('invalid_input', 'Requests must be JSON: send the header "Content-Type: application/json".');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      const limit = `${maxBytes / 1024 / 1024} MB`;
      throw new StewardError('invalid_input', maxBytes === MAX_BODY_BYTES ? `The request body is larger than ${limit}. Send less at once (only memory.import accepts more: a 50 MB export).` : `The request body is larger than ${limit}. Send less at once.`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new StewardError('invalid_input', 'The request body is not valid JSON.');
  }
}
