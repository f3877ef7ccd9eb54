/**
 * A local Twilio REST API (2010-04-01) for the real `twilio` SDK, following Twilio's documented
 * wire format for the endpoints Steward uses: HTTP Basic auth with the Account SID and auth token,
 * form-encoded request bodies, JSON resources with snake_case fields and RFC 2822 dates, paged
 * lists ({ messages: [...], next_page_uri }), and errors as { code, message, more_info, status }.
 *
 * - POST /2010-04-01/Accounts/{Sid}/Messages.json            send (To, From, Body)
 * - GET  /2010-04-01/Accounts/{Sid}/Messages/{MessageSid}.json   one message (status advances per read)
 * - GET  /2010-04-01/Accounts/{Sid}/Messages.json?To=&From=   list (inbound replies for STOP)
 * - GET  /2010-04-01/Accounts/{Sid}.json                      the account (connection test)
 *
 * Numbers that replied STOP are refused with error 21610, as Twilio does. Tests can queue faults
 * per operation (429 with Retry-After, 5xx, hang) and read every request.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const FAKE_AUTH_TOKEN = 'fake-twilio-auth-token-0123456789';

export type TwilioOperation = 'send' | 'fetch' | 'list' | 'account';
export type TwilioFault = { status: number; code?: number; message?: string; retryAfter?: string } | { hang: true };

export interface FakeSms {
  sid: string;
  to: string;
  from: string;
  body: string;
  direction: 'outbound-api' | 'inbound';
  status: string;
  numSegments: number;
  dateCreated: Date;
  reads: number;
}

export interface TwilioRecordedRequest {
  method: string;
  path: string;
  operation: TwilioOperation | 'unknown';
  headers: IncomingHttpHeaders;
  form: Record<string, string>;
  query: Record<string, string>;
}

export interface TwilioFake {
  /** Base URL that replaces https://api.twilio.com. */
  url: string;
  accountSid: string;
  authToken: string;
  requests: TwilioRecordedRequest[];
  /** Outbound texts Twilio accepted. */
  sent(): FakeSms[];
  /** A reply the person texted to our number (e.g. "STOP"). */
  inbound(from: string, to: string, body: string, at?: Date): void;
  /** Statuses an outbound text moves through, one per status read after sending (default queued → sent → delivered). */
  statusSequence: string[];
  fail(operation: TwilioOperation, ...faults: TwilioFault[]): void;
  close(): Promise<void>;
}

const GSM_SEGMENT = 153;

export async function startTwilioFake(options: { accountSid?: string; authToken?: string } = {}): Promise<TwilioFake> {
  const accountSid = options.accountSid ?? FAKE_ACCOUNT_SID;
  const authToken = options.authToken ?? FAKE_AUTH_TOKEN;
  const messages: FakeSms[] = [];
  const requests: TwilioRecordedRequest[] = [];
  const faults = new Map<TwilioOperation, TwilioFault[]>();
  const fake: Omit<TwilioFake, 'url' | 'close'> = {
    accountSid,
    authToken,
    requests,
    sent: () => messages.filter((m) => m.direction === 'outbound-api'),
    inbound(from, to, body, at = new Date()) {
      messages.push({ sid: newSid('SM'), from, to, body, direction: 'inbound', status: 'received', numSegments: 1, dateCreated: at, reads: 0 });
    },
    statusSequence: ['queued', 'sent', 'delivered'],
    fail(operation, ...list) {
      faults.set(operation, [...(faults.get(operation) ?? []), ...list]);
    },
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const query = Object.fromEntries(url.searchParams);
      const base = `/2010-04-01/Accounts/${accountSid}`;
      const method = req.method ?? 'GET';
      const messageMatch = new RegExp(`^${base}/Messages/(SM[0-9a-f]{32})\\.json$`).exec(url.pathname);
      const operation: TwilioOperation | 'unknown' =
        method === 'POST' && url.pathname === `${base}/Messages.json`
          ? 'send'
          : method === 'GET' && url.pathname === `${base}/Messages.json`
            ? 'list'
            : method === 'GET' && messageMatch
              ? 'fetch'
              : method === 'GET' && url.pathname === `${base}.json`
                ? 'account'
                : 'unknown';
      requests.push({ method, path: url.pathname, operation, headers: req.headers, form, query });

      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, code: number, message: string, headers: Record<string, string> = {}) =>
        json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);

      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return error(401, 20003, 'Authenticate');
      if (operation === 'unknown') return error(404, 20404, `The requested resource ${url.pathname} was not found`);

      const fault = faults.get(operation)?.shift();
      if (fault) {
        if ('hang' in fault) return;
        return error(fault.status, fault.code ?? (fault.status === 429 ? 20429 : 20500), fault.message ?? (fault.status === 429 ? 'Too Many Requests' : 'Internal Server Error'), fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {});
      }

      switch (operation) {
        case 'send': {
          const to = form.To ?? '';
          const from = form.From ?? '';
          const body = form.Body ?? '';
          if (!/^\+[1-9]\d{7,14}$/.test(to)) return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
          if (!body) return error(400, 21602, 'Message body is required.');
          if (optedOut(messages, to, from)) return error(400, 21610, 'Attempt to send to unsubscribed recipient');
          const units = [...body].length;
          const message: FakeSms = { sid: newSid('SM'), to, from, body, direction: 'outbound-api', status: fake.statusSequence[0] ?? 'queued', numSegments: units <= 160 ? 1 : Math.ceil(units / GSM_SEGMENT), dateCreated: new Date(), reads: 0 };
          messages.push(message);
          return json(201, resource(accountSid, message));
        }
        case 'fetch': {
          const message = messages.find((m) => m.sid === messageMatch![1]);
          if (!message) return error(404, 20404, `The requested resource ${url.pathname} was not found`);
          if (message.direction === 'outbound-api') {
            message.reads += 1;
            message.status = fake.statusSequence[Math.min(message.reads, fake.statusSequence.length - 1)] ?? message.status;
          }
          return json(200, resource(accountSid, message));
        }
        case 'list': {
          const list = messages
            .filter((m) => (!query.To || m.to === query.To) && (!query.From || m.from === query.From))
            .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime())
            .slice(0, Number(query.PageSize ?? 50));
          return json(200, { messages: list.map((m) => resource(accountSid, m)), end: list.length - 1, first_page_uri: `${url.pathname}?PageSize=50&Page=0`, next_page_uri: null, page: 0, page_size: list.length, previous_page_uri: null, start: 0, uri: url.pathname });
        }
        case 'account':
          return json(200, { sid: accountSid, friendly_name: 'Steward Test Account', status: 'active', type: 'Full', owner_account_sid: accountSid, date_created: rfc2822(new Date(0)), date_updated: rfc2822(new Date(0)), auth_token: '[redacted]', uri: `${base}.json` });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  // The same object the server reads, so tests can change the status sequence later.
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

function optedOut(messages: FakeSms[], recipient: string, ourNumber: string): boolean {
  const replies = messages.filter((m) => m.direction === 'inbound' && m.from === recipient && m.to === ourNumber).sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime());
  for (const reply of replies) {
    const word = reply.body.trim().toUpperCase();
    if (['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'].includes(word)) return true;
    if (['START', 'YES', 'UNSTOP'].includes(word)) return false;
  }
  return false;
}

function resource(accountSid: string, m: FakeSms) {
  const delivered = m.status === 'delivered';
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: m.status === 'queued' ? null : rfc2822(m.dateCreated),
    date_updated: rfc2822(new Date()),
    direction: m.direction,
    error_code: m.status === 'undelivered' ? 30003 : null,
    error_message: m.status === 'undelivered' ? 'Unreachable destination handset' : null,
    from: m.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: String(m.numSegments),
    price: delivered ? (-0.0079 * m.numSegments).toFixed(5) : null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}/Media.json` },
    to: m.to,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
  };
}

function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}
