/**
 * Where the browser lands after signing in to a remote MCP server: GET /mcp/oauth/callback with
 * `code` and `state` (or `error`). The local server host answers it on its own port; hosts without
 * an HTTP server (the desktop app, the terminal chat) get this one-route listener on 127.0.0.1 at a
 * free port instead (RFC 8252 loopback redirect). Either way the page only hands the query to
 * mcp.oauth.complete and shows the outcome in words; the state check that makes it safe is there.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MCP_OAUTH_REDIRECT_PATH } from './mcp-oauth-provider.js';

export interface SignInCallbackQuery {
  state: string;
  code?: string;
  error?: string;
  errorDescription?: string;
}

/** The callback's query as the contract's input; fields the server did not send stay out. */
export function signInQuery(params: URLSearchParams): SignInCallbackQuery {
  const get = (key: string) => params.get(key) ?? undefined;
  const query: SignInCallbackQuery = { state: params.get('state') ?? '' };
  if (get('code') !== undefined) query.code = get('code');
  if (get('error') !== undefined) query.error = get('error');
  if (get('error_description') !== undefined) query.errorDescription = get('error_description');
  return query;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page for the browser tab the sign-in ends in. */
export function signInPage(outcome: { ok: true; server: string } | { ok: false; message: string }): string {
  const title = outcome.ok ? 'Signed in' : 'Sign-in did not finish';
  const body = outcome.ok
    ? `Steward is now signed in to the MCP server “${escapeHtml(outcome.server)}”. You can close this tab; its tools are ready under MCP servers.`
    : escapeHtml(outcome.message);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} — Steward</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;line-height:1.5"><h1>${title}</h1><p>${body}</p></body></html>`;
}

/** Starts the loopback listener; `complete` finishes the sign-in and says how it went. */
export async function startSignInCallbackListener(complete: (query: SignInCallbackQuery) => Promise<{ ok: true; server: string } | { ok: false; message: string }>): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== MCP_OAUTH_REDIRECT_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Steward only answers MCP sign-in callbacks here.');
      return;
    }
    void complete(signInQuery(url.searchParams)).then((outcome) => {
      res.writeHead(outcome.ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(signInPage(outcome));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
