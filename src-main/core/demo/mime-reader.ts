/**
 * Just enough MIME reading to show a received message in the demo inbox: the headers (unfolded,
 * RFC 2047 words decoded), the first text/plain part (quoted-printable or base64 decoded) and
 * the names of any attachments. Not a general parser: it reads what nodemailer writes.
 */

export interface ReadMessage {
  headers: Record<string, string>;
  text: string;
  attachments: string[];
}

export function readMime(raw: string): ReadMessage {
  const { headers, body } = splitHeaders(raw);
  const found: { text: string | null; attachments: string[] } = { text: null, attachments: [] };
  walkPart(headers, body, found);
  return { headers, text: found.text ?? '', attachments: found.attachments };
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const normalised = raw.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? '' : normalised.slice(end + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function walkPart(headers: Record<string, string>, body: string, found: { text: string | null; attachments: string[] }): void {
  const type = (headers['content-type'] ?? 'text/plain').toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (type.startsWith('multipart/') && boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitHeaders(chunk.replace(/^\n/, ''));
      walkPart(part.headers, part.body, found);
    }
    return;
  }
  const disposition = headers['content-disposition'] ?? '';
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? /name="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (/attachment/i.test(disposition) || (filename && !type.startsWith('text/plain'))) {
    found.attachments.push(filename ?? 'attachment');
    return;
  }
  if (type.startsWith('text/plain') && found.text === null) found.text = decodeBody(body, headers['content-transfer-encoding'] ?? '7bit').trimEnd();
}

function decodeBody(body: string, encoding: string): string {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return quotedPrintable(body.replace(/=\n/g, ''));
  return body;
}

function quotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words: =?UTF-8?B?…?= and =?UTF-8?Q?…?=. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*(?==\?)|=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _c1, e1?: string, t1?: string, _c2?: string, e2?: string, t2?: string) => {
    const encoding = (e1 ?? e2 ?? 'Q').toUpperCase();
    const text = t1 ?? t2 ?? '';
    return encoding === 'B' ? Buffer.from(text, 'base64').toString('utf8') : quotedPrintable(text.replace(/_/g, ' '));
  });
}
