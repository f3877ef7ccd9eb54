/**
 * RFC 5322 messages for Gmail's send (which takes the raw message, base64url-encoded). Built by
 * nodemailer's MailComposer: non-ASCII subjects and names become RFC 2047 encoded-words, bodies
 * are quoted-printable or base64 as needed, attachments go in multipart/mixed with RFC 2231 file
 * names — the details a hand-written builder gets wrong.
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

export interface MimeInput {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  subject: string;
  text?: string;
  html?: string;
  attachments: { filename: string; content: Buffer }[];
}

export async function buildMime(input: MimeInput): Promise<Buffer> {
  const composer = new MailComposer({
    from: input.from,
    to: input.to,
    cc: input.cc.length > 0 ? input.cc : undefined,
    // Gmail reads Bcc from the raw message and removes it before delivery.
    bcc: input.bcc.length > 0 ? input.bcc : undefined,
    replyTo: input.replyTo,
    subject: input.subject,
    text: input.text,
    html: input.html,
    attachments: input.attachments.map((a) => ({ filename: a.filename, content: a.content })),
  });
  const node = composer.compile();
  node.keepBcc = true;
  return node.build();
}
