/**
 * A local Google for the real `googleapis` / `google-auth-library` SDKs, following Google's
 * documented wire formats for the endpoints Steward uses:
 *
 * OAuth 2.0 (https://developers.google.com/identity/protocols/oauth2/native-app):
 * - GET  /o/oauth2/v2/auth   consent: redirects to the loopback redirect_uri with code and state
 *                            (or error=access_denied), checking client_id, redirect_uri and PKCE
 * - POST /token              grant_type=authorization_code (code_verifier checked against the S256
 *                            challenge) and grant_type=refresh_token; errors as { error, error_description }
 * - POST /revoke?token=      revokes a refresh token and every access token issued from it
 * Calendar v3: POST /calendar/v3/freeBusy, POST|GET|PATCH|DELETE /calendar/v3/calendars/{id}/events[/{eventId}]
 *   (client-chosen ids, 409 on a duplicate, conferenceData with a Meet link when conferenceDataVersion=1)
 * Gmail v1: POST /gmail/v1/users/me/messages/send ({ raw } base64url), GET …/messages?q=, GET …/messages/{id},
 *   GET …/profile
 * API errors: { error: { code, message, errors: [{ domain, reason, message }], status } }; a missing,
 * expired or revoked access token gets 401, a token without the scope 403 insufficientPermissions.
 *
 * Tests use it as their Google fake (test/fakes/google-fake.ts re-exports it); the HR demo runs it
 * as the demo company's calendar, with a grant seeded so no browser sign-in is needed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_CLIENT_ID = '123456789012-abcdefghijklmnop.apps.googleusercontent.com';
export const FAKE_USER = 'owner@acme.test';

export type GoogleOperation = 'auth' | 'token' | 'revoke' | 'freeBusy' | 'insert' | 'get' | 'patch' | 'delete' | 'send' | 'list' | 'message' | 'profile';
export type GoogleFault = { status: number; reason?: string; message?: string; retryAfter?: string } | { hang: true } | { dropAfterCommit: true };

export interface FakeEvent {
  id: string;
  summary: string;
  description?: string;
  start: { dateTime: string; timeZone?: string };
  end: { dateTime: string; timeZone?: string };
  attendees: { email: string; responseStatus: string }[];
  status: 'confirmed' | 'cancelled';
  conferenceData?: unknown;
  hangoutLink?: string;
  sendUpdates: string | null;
  conferenceDataVersion: string | null;
}

export interface FakeMail {
  id: string;
  threadId: string;
  from: string;
  to: string;
  subject: string;
  date: Date;
  text: string;
  html?: string;
}

export interface GoogleRecordedRequest {
  method: string;
  path: string;
  operation: GoogleOperation | 'unknown';
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface GoogleFake {
  url: string;
  clientId: string;
  /** When set, the token endpoint requires this client_secret (Google's "Desktop app" clients have one). */
  clientSecret: string | null;
  requests: GoogleRecordedRequest[];
  /** What the consent screen answers: allow (granting `grantScopes` or all asked) or deny. */
  consent: 'allow' | 'deny';
  /** Scopes the user leaves ticked on the consent screen; null = all asked for. */
  grantScopes: string[] | null;
  accessTokenLifetimeSeconds: number;
  events: Map<string, FakeEvent>;
  /** Raw MIME of every message sent, decoded from base64url. */
  sentMail: string[];
  mailbox: FakeMail[];
  busy: Map<string, { start: string; end: string }[]>;
  /** Calendars free/busy may not show (answered with errors: notFound). */
  hiddenCalendars: Set<string>;
  addMail(mail: Omit<FakeMail, 'id' | 'threadId'>): FakeMail;
  /** Makes every access token issued so far expire now. */
  expireAccessTokens(): void;
  /** Revokes every refresh token (the user removed Steward's access in their Google account). */
  revokeAll(): void;
  revokedTokens(): string[];
  liveRefreshTokens(): string[];
  fail(operation: GoogleOperation, ...faults: GoogleFault[]): void;
  /** A grant as if the user had signed in already: its refresh token works at /token (the demo's calendar). */
  seedGrant(scopes: string[]): { refreshToken: string };
  close(): Promise<void>;
}

interface Grant {
  refreshToken: string;
  scopes: string[];
  revoked: boolean;
}

// eslint-disable-next-line max-lines-per-function -- the demo's stand-in for Google's APIs: one route table, one case per endpoint
export async function startGoogleFake(options: { clientId?: string; clientSecret?: string | null } = {}): Promise<GoogleFake> {
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; method: string; scopes: string[] }>();
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  const revoked: string[] = [];
  const faults = new Map<GoogleOperation, GoogleFault[]>();
  const requests: GoogleRecordedRequest[] = [];

  const fake: Omit<GoogleFake, 'url' | 'close'> = {
    clientId: options.clientId ?? FAKE_CLIENT_ID,
    clientSecret: options.clientSecret ?? null,
    requests,
    consent: 'allow',
    grantScopes: null,
    accessTokenLifetimeSeconds: 3599,
    events: new Map(),
    sentMail: [],
    mailbox: [],
    busy: new Map(),
    hiddenCalendars: new Set(),
    addMail(mail) {
      const full = { ...mail, id: randomBytes(8).toString('hex'), threadId: randomBytes(8).toString('hex') };
      fake.mailbox.push(full);
      return full;
    },
    expireAccessTokens() {
      for (const token of accessTokens.values()) token.expiresAt = 0;
    },
    revokeAll() {
      for (const grant of grants.values()) grant.revoked = true;
    },
    revokedTokens: () => [...revoked],
    liveRefreshTokens: () => [...grants.values()].filter((g) => !g.revoked).map((g) => g.refreshToken),
    fail(operation, ...list) {
      faults.set(operation, [...(faults.get(operation) ?? []), ...list]);
    },
    seedGrant(scopes) {
      const grant: Grant = { refreshToken: `1//${randomBytes(24).toString('base64url')}`, scopes, revoked: false };
      grants.set(grant.refreshToken, grant);
      return { refreshToken: grant.refreshToken };
    },
  };

  const issueAccess = (grant: Grant) => {
    const token = `ya29.${randomBytes(18).toString('base64url')}`;
    accessTokens.set(token, { grant, expiresAt: Date.now() + fake.accessTokenLifetimeSeconds * 1000 });
    return token;
  };
  const idToken = () => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    return `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc({ iss: 'https://accounts.google.com', aud: fake.clientId, sub: '1001', email: FAKE_USER, email_verified: true, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 })}.c2lnbmF0dXJl`;
  };

  // eslint-disable-next-line max-lines-per-function -- the demo's stand-in for Google's APIs: one route table, one case per endpoint
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    // eslint-disable-next-line max-lines-per-function -- the demo's stand-in for Google's APIs: one route table, one case per endpoint
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      const text = Buffer.concat(chunks).toString('utf8');
      const isForm = String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
      let body: unknown = text;
      if (isForm) body = Object.fromEntries(new URLSearchParams(text));
      else if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          // keep the text
        }
      }
      const query = Object.fromEntries(url.searchParams);
      const p = url.pathname;
      const eventMatch = /^\/calendar\/v3\/calendars\/([^/]+)\/events\/([^/]+)$/.exec(p);
      const messageMatch = /^\/gmail\/v1\/users\/me\/messages\/([0-9a-f]+)$/.exec(p);
      const operation: GoogleOperation | 'unknown' =
        p === '/o/oauth2/v2/auth' ? 'auth'
        : p === '/token' && method === 'POST' ? 'token'
        : p === '/revoke' && method === 'POST' ? 'revoke'
        : p === '/calendar/v3/freeBusy' && method === 'POST' ? 'freeBusy'
        : /^\/calendar\/v3\/calendars\/[^/]+\/events$/.test(p) && method === 'POST' ? 'insert'
        : eventMatch && method === 'GET' ? 'get'
        : eventMatch && method === 'PATCH' ? 'patch'
        : eventMatch && method === 'DELETE' ? 'delete'
        : p === '/gmail/v1/users/me/messages/send' && method === 'POST' ? 'send'
        : p === '/gmail/v1/users/me/messages' && method === 'GET' ? 'list'
        : messageMatch && method === 'GET' ? 'message'
        : p === '/gmail/v1/users/me/profile' ? 'profile'
        : 'unknown';
      requests.push({ method, path: p, operation, query, headers: req.headers, body });

      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });
        res.end(status === 204 ? undefined : JSON.stringify(value));
      };
      const apiError = (status: number, reason: string, message: string, headers: Record<string, string> = {}) =>
        json(status, { error: { code: status, message, errors: [{ message, domain: status === 429 ? 'usageLimits' : 'global', reason }], status: statusName(status) } }, headers);
      const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description });

      if (operation === 'unknown') return apiError(404, 'notFound', `Not Found: ${p}`);
      const fault = faults.get(operation)?.shift();
      let dropAnswer = false;
      if (fault) {
        if ('hang' in fault) return;
        if ('dropAfterCommit' in fault) dropAnswer = true;
        else return apiError(fault.status, fault.reason ?? (fault.status === 429 ? 'rateLimitExceeded' : 'backendError'), fault.message ?? (fault.status === 429 ? 'Rate Limit Exceeded' : 'Backend Error'), fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {});
      }
      // The work is done, then the connection dies before the answer: the client never learns it happened.
      const reply: typeof json = dropAnswer ? () => void req.socket.destroy() : json;

      // ---- OAuth ----
      if (operation === 'auth') {
        const redirect = query.redirect_uri ?? '';
        if (query.client_id !== fake.clientId) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
        if (!/^http:\/\/127\.0\.0\.1:\d+\/[\w/-]*$/.test(redirect)) return oauthError(400, 'redirect_uri_mismatch', 'Desktop clients must redirect to a loopback address.');
        if (query.code_challenge_method !== 'S256' || !query.code_challenge) return oauthError(400, 'invalid_request', 'code_challenge with S256 is required.');
        const back = new URL(redirect);
        back.searchParams.set('state', query.state ?? '');
        if (fake.consent === 'deny') back.searchParams.set('error', 'access_denied');
        else {
          const asked = (query.scope ?? '').split(' ').filter(Boolean);
          const scopes = fake.grantScopes ? asked.filter((s) => fake.grantScopes!.includes(s) || s === 'openid' || s === 'email') : asked;
          const code = `4/${randomBytes(12).toString('base64url')}`;
          codes.set(code, { clientId: query.client_id, redirectUri: redirect, challenge: query.code_challenge, method: 'S256', scopes });
          back.searchParams.set('code', code);
          back.searchParams.set('scope', scopes.join(' '));
        }
        res.writeHead(302, { Location: back.toString() });
        return res.end();
      }
      if (operation === 'token') {
        const form = body as Record<string, string>;
        if (form.client_id !== fake.clientId) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
        if (fake.clientSecret !== null && form.client_secret !== fake.clientSecret) return oauthError(401, 'invalid_client', 'Unauthorized');
        if (form.grant_type === 'authorization_code') {
          const entry = codes.get(form.code ?? '');
          codes.delete(form.code ?? '');
          if (!entry) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
          if (entry.redirectUri !== form.redirect_uri) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
          const challenge = createHash('sha256').update(form.code_verifier ?? '').digest('base64url');
          if (challenge !== entry.challenge) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
          const grant: Grant = { refreshToken: `1//${randomBytes(24).toString('base64url')}`, scopes: entry.scopes, revoked: false };
          grants.set(grant.refreshToken, grant);
          return reply(200, { access_token: issueAccess(grant), expires_in: fake.accessTokenLifetimeSeconds, refresh_token: grant.refreshToken, scope: grant.scopes.join(' '), token_type: 'Bearer', id_token: idToken() });
        }
        if (form.grant_type === 'refresh_token') {
          const grant = grants.get(form.refresh_token ?? '');
          if (!grant || grant.revoked) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
          return reply(200, { access_token: issueAccess(grant), expires_in: fake.accessTokenLifetimeSeconds, scope: grant.scopes.join(' '), token_type: 'Bearer' });
        }
        return oauthError(400, 'unsupported_grant_type', 'Invalid grant_type.');
      }
      if (operation === 'revoke') {
        const token = query.token ?? (body as Record<string, string>)?.token ?? '';
        const grant = grants.get(token) ?? accessTokens.get(token)?.grant;
        if (!grant || grant.revoked) return oauthError(400, 'invalid_token', 'Token expired or revoked');
        grant.revoked = true;
        revoked.push(token);
        return reply(200, {});
      }

      // ---- APIs: bearer token, then scope ----
      const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
      const access = bearer ? accessTokens.get(bearer) : undefined;
      if (!access || access.expiresAt <= Date.now() || access.grant.revoked) return apiError(401, 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
      const needs: Partial<Record<GoogleOperation, string[]>> = {
        freeBusy: ['https://www.googleapis.com/auth/calendar.freebusy', 'https://www.googleapis.com/auth/calendar.events'],
        insert: ['https://www.googleapis.com/auth/calendar.events'],
        get: ['https://www.googleapis.com/auth/calendar.events'],
        patch: ['https://www.googleapis.com/auth/calendar.events'],
        delete: ['https://www.googleapis.com/auth/calendar.events'],
        send: ['https://www.googleapis.com/auth/gmail.send'],
        list: ['https://www.googleapis.com/auth/gmail.readonly'],
        message: ['https://www.googleapis.com/auth/gmail.readonly'],
        profile: ['https://www.googleapis.com/auth/gmail.readonly'],
      };
      if (!(needs[operation] ?? []).some((s) => access.grant.scopes.includes(s))) return apiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');

      switch (operation) {
        case 'freeBusy': {
          const b = body as { timeMin: string; timeMax: string; items: { id: string }[] };
          const calendars: Record<string, unknown> = {};
          for (const { id } of b.items) {
            if (fake.hiddenCalendars.has(id)) {
              calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
              continue;
            }
            const fromEvents = [...fake.events.values()].filter((e) => e.status === 'confirmed' && (id === FAKE_USER || e.attendees.some((a) => a.email === id))).map((e) => ({ start: e.start.dateTime, end: e.end.dateTime }));
            const all = [...(fake.busy.get(id) ?? []), ...fromEvents].filter((x) => Date.parse(x.end) > Date.parse(b.timeMin) && Date.parse(x.start) < Date.parse(b.timeMax));
            calendars[id] = { busy: all.map((x) => ({ start: new Date(x.start).toISOString(), end: new Date(x.end).toISOString() })) };
          }
          return reply(200, { kind: 'calendar#freeBusy', timeMin: b.timeMin, timeMax: b.timeMax, calendars });
        }
        case 'insert': {
          const e = body as Record<string, unknown> & { id?: string; summary?: string; start: FakeEvent['start']; end: FakeEvent['end']; attendees?: { email: string }[]; conferenceData?: { createRequest?: { requestId: string } } };
          const id = e.id ?? randomBytes(13).toString('hex');
          if (!/^[a-v0-9]{5,1024}$/.test(id)) return apiError(400, 'invalid', 'Invalid resource id value.');
          if (fake.events.has(id)) return apiError(409, 'duplicate', 'The requested identifier already exists.');
          if (Date.parse(e.end.dateTime) <= Date.parse(e.start.dateTime)) return apiError(400, 'timeRangeEmpty', 'The specified time range is empty.');
          const meet = e.conferenceData?.createRequest && query.conferenceDataVersion === '1' ? `https://meet.google.com/${randomBytes(2).toString('hex').slice(0, 3)}-${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex').slice(0, 3)}` : null;
          const event: FakeEvent = {
            id,
            summary: e.summary ?? '',
            description: e.description as string | undefined,
            start: e.start,
            end: e.end,
            attendees: (e.attendees ?? []).map((a) => ({ email: a.email, responseStatus: 'needsAction' })),
            status: 'confirmed',
            ...(meet && {
              hangoutLink: meet,
              conferenceData: {
                createRequest: { requestId: e.conferenceData!.createRequest!.requestId, conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode: 'success' } },
                entryPoints: [{ entryPointType: 'video', uri: meet, label: meet.replace('https://', '') }],
                conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
                conferenceId: meet.split('/').pop(),
              },
            }),
            sendUpdates: query.sendUpdates ?? null,
            conferenceDataVersion: query.conferenceDataVersion ?? null,
          };
          fake.events.set(id, event);
          return reply(200, eventResource(event));
        }
        case 'get':
        case 'patch':
        case 'delete': {
          const event = fake.events.get(decodeURIComponent(eventMatch![2]!));
          if (!event) return apiError(404, 'notFound', 'Not Found');
          if (operation === 'get') return reply(200, eventResource(event));
          if (event.status === 'cancelled') return apiError(410, 'deleted', 'Resource has been deleted');
          if (operation === 'delete') {
            event.status = 'cancelled';
            event.sendUpdates = query.sendUpdates ?? null;
            return reply(204, null);
          }
          const patch = body as Partial<FakeEvent> & { attendees?: { email: string }[] };
          if (patch.summary !== undefined) event.summary = patch.summary;
          if (patch.description !== undefined) event.description = patch.description;
          if (patch.start) event.start = patch.start;
          if (patch.end) event.end = patch.end;
          if (patch.attendees) event.attendees = patch.attendees.map((a) => ({ email: a.email, responseStatus: 'needsAction' }));
          event.sendUpdates = query.sendUpdates ?? null;
          return reply(200, eventResource(event));
        }
        case 'send': {
          const raw = (body as { raw?: string }).raw;
          if (!raw) return apiError(400, 'invalidArgument', "'raw' RFC822 payload message string or uploading message via /upload/* URL required");
          const mime = Buffer.from(raw, 'base64url').toString('utf8');
          if (!/^To: /im.test(mime)) return apiError(400, 'invalidArgument', 'Recipient address required');
          fake.sentMail.push(mime);
          return reply(200, { id: randomBytes(8).toString('hex'), threadId: randomBytes(8).toString('hex'), labelIds: ['SENT'] });
        }
        case 'list': {
          const found = fake.mailbox.filter((m) => matchesQuery(m, query.q ?? '')).sort((a, b) => b.date.getTime() - a.date.getTime());
          const max = Number(query.maxResults ?? 100);
          return reply(200, found.length === 0 ? { resultSizeEstimate: 0 } : { messages: found.slice(0, max).map((m) => ({ id: m.id, threadId: m.threadId })), resultSizeEstimate: found.length });
        }
        case 'message': {
          const mail = fake.mailbox.find((m) => m.id === messageMatch![1]);
          if (!mail) return apiError(404, 'notFound', 'Requested entity was not found.');
          return reply(200, messageResource(mail, query.format ?? 'full'));
        }
        case 'profile':
          return reply(200, { emailAddress: FAKE_USER, messagesTotal: fake.mailbox.length, threadsTotal: fake.mailbox.length, historyId: '1000' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  // The same object the server reads, so tests can change consent, lifetimes and so on later.
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

function statusName(status: number): string {
  return ({ 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ALREADY_EXISTS', 410: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 503: 'UNAVAILABLE' } as Record<number, string>)[status] ?? 'INTERNAL';
}

function eventResource(e: FakeEvent) {
  return {
    kind: 'calendar#event',
    id: e.id,
    status: e.status,
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(e.id).toString('base64url')}`,
    summary: e.summary,
    description: e.description,
    organizer: { email: FAKE_USER, self: true },
    start: e.start,
    end: e.end,
    attendees: e.attendees,
    ...(e.hangoutLink && { hangoutLink: e.hangoutLink, conferenceData: e.conferenceData }),
  };
}

function matchesQuery(mail: FakeMail, q: string): boolean {
  const terms = q.match(/(\w+:)?("[^"]*"|\S+)/g) ?? [];
  return terms.every((term) => {
    const [, field, value] = /^(?:(\w+):)?"?([^"]*)"?$/.exec(term) ?? [];
    const needle = (value ?? '').toLowerCase();
    if (field === 'from') return mail.from.toLowerCase().includes(needle);
    if (field === 'subject') return mail.subject.toLowerCase().includes(needle);
    return `${mail.from} ${mail.subject} ${mail.text}`.toLowerCase().includes(needle);
  });
}

function messageResource(mail: FakeMail, format: string) {
  const headers = [
    { name: 'From', value: mail.from },
    { name: 'To', value: mail.to },
    { name: 'Subject', value: mail.subject },
    { name: 'Date', value: mail.date.toUTCString() },
  ];
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
  const snippet = mail.text.replace(/\s+/g, ' ').slice(0, 100);
  const base = { id: mail.id, threadId: mail.threadId, labelIds: ['INBOX'], snippet, internalDate: String(mail.date.getTime()), sizeEstimate: mail.text.length };
  if (format === 'metadata') return { ...base, payload: { mimeType: 'multipart/alternative', headers } };
  const parts = [{ partId: '0', mimeType: 'text/plain', filename: '', headers: [{ name: 'Content-Type', value: 'text/plain; charset="UTF-8"' }], body: { size: mail.text.length, data: b64(mail.text) } }];
  if (mail.html) parts.push({ partId: '1', mimeType: 'text/html', filename: '', headers: [{ name: 'Content-Type', value: 'text/html; charset="UTF-8"' }], body: { size: mail.html.length, data: b64(mail.html) } });
  return { ...base, payload: { partId: '', mimeType: 'multipart/alternative', filename: '', headers, body: { size: 0 }, parts } };
}
