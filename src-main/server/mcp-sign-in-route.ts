import type { ServerResponse } from 'node:http';
import type { Core } from '../core/core-types.js';
import { toStewardError } from '../core/errors.js';
import { signInPage, signInQuery } from '../core/mcp/mcp-oauth-callback.js';

/**
 * GET /mcp/oauth/callback: a remote MCP server's sign-in page sends the browser back here with a
 * code and the state Steward made up for that sign-in. No bearer token (the browser has none): the
 * one-time state is the guard, checked by mcp.oauth.complete, which also audits the outcome. The
 * answer is a page for a person, not JSON.
 */
export async function mcpSignInRoute(core: Core, url: URL, res: ServerResponse): Promise<void> {
  let page: string;
  let status = 200;
  try {
    const info = await core.call('mcp.oauth.complete', signInQuery(url.searchParams), { actor: 'browser sign-in' });
    page = signInPage({ ok: true, server: info.name });
  } catch (err) {
    status = 400;
    page = signInPage({ ok: false, message: toStewardError(err).userMessage });
  }
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(page);
}
