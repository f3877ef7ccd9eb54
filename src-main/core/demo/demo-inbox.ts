/**
 * The demo company's mail server: a real SMTP server (the smtp-server package) on 127.0.0.1 that
 * accepts every message without a login and keeps it, so the demo's "welcome email" can be seen
 * in the demo inbox page. It delivers nothing anywhere else.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { readMime } from './mime-reader.js';

export interface InboxMessage {
  id: string;
  receivedAt: string;
  /** Envelope sender and recipients, as the SMTP client gave them. */
  from: string;
  to: string[];
  subject: string;
  text: string;
  attachments: string[];
  raw: string;
}

export interface DemoInbox {
  host: '127.0.0.1';
  port: number;
  messages(): InboxMessage[];
  close(): Promise<void>;
}

/** Larger messages are refused with SMTP 552: a demo inbox has no business holding big files. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export async function startDemoInbox(options: { port?: number } = {}): Promise<DemoInbox> {
  const received: InboxMessage[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: 'Steward demo inbox',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mime = readMime(raw);
        received.push({
          id: randomUUID(),
          receivedAt: new Date().toISOString(),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: mime.headers.subject ?? '(no subject)',
          text: mime.text,
          attachments: mime.attachments,
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    host: '127.0.0.1',
    port: (server.server.address() as AddressInfo).port,
    messages: () => [...received],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
