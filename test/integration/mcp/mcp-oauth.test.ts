/**
 * OAuth for remote MCP servers (issue 18): a Streamable HTTP server that asks for a sign-in, built
 * from the SDK's own authorization-server pieces (metadata discovery, dynamic client registration,
 * PKCE, token endpoint). The browser's part is played with fetch: open the sign-in link, follow the
 * server's redirect to Steward's /mcp/oauth/callback — on the local server, and on the loopback
 * listener the desktop app uses — and the server's tools work with the tokens kept in the keychain.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { installMcp } from '../../../src-main/core/mcp/install-mcp.js';
import type { McpManager } from '../../../src-main/core/mcp/mcp-manager.js';
import { mcpOAuthAccount } from '../../../src-main/core/mcp/mcp-secrets.js';
import { startServer, type RunningServer } from '../../../src-main/server/http-server.js';
import { startKeyOnlyMcpServer, startOAuthMcpServer, type FakeOAuthMcpServer } from '../../fakes/mcp-oauth-fake.js';
import { createHarness, type Harness } from '../agent/support/agent-harness.js';
import { eventually } from './mcp-support.js';

let h: Harness | undefined;
let mcp: McpManager | undefined;
let fake: FakeOAuthMcpServer | undefined;
let local: RunningServer | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await local?.close();
  await mcp?.close();
  await h?.dispose();
  await fake?.close();
  for (const close of closers.splice(0)) await close();
  local = mcp = h = fake = undefined;
});

const httpConfig = (url: string) => ({ transport: 'http' as const, url, headers: {}, secretHeaders: [] });

/** What the user's browser does after "Open the sign-in page": the fake signs in at once and redirects back. */
async function signInWithBrowser(authorizationUrl: string): Promise<{ status: number; page: string; callback: URL }> {
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const callback = new URL(consent.headers.get('location')!);
  const landed = await fetch(callback);
  return { status: landed.status, page: await landed.text(), callback };
}

async function serverNeedingSignIn(): Promise<{ authorizationUrl: string }> {
  fake = await startOAuthMcpServer();
  const added = await h!.core.request('mcp.servers.add', { name: 'crm', config: httpConfig(fake.mcpUrl) });
  expect(added).toMatchObject({ status: 'needs_auth', reason: expect.stringContaining('sign in') });
  expect(added.authorizationUrl).toBeTruthy();
  return { authorizationUrl: added.authorizationUrl! };
}

describe('remote MCP servers that ask for OAuth', () => {
  it('signs in through the local server’s /mcp/oauth/callback: registration, PKCE, tokens in the keychain, tools usable', async () => {
    h = await createHarness();
    mcp = installMcp(h.core, h.agent.deps);
    local = await startServer(h.core, { port: 0, token: 'test-token', rendererDir: '/nonexistent' });
    const { authorizationUrl } = await serverNeedingSignIn();

    const link = new URL(authorizationUrl);
    expect(link.searchParams.get('redirect_uri')).toBe(`${local.url}/mcp/oauth/callback`);
    expect(link.searchParams.get('code_challenge_method')).toBe('S256');
    expect(fake!.record.registrations).toHaveLength(1);
    expect(fake!.record.registrations[0]!.redirect_uris).toEqual([`${local.url}/mcp/oauth/callback`]);
    await expect(h.core.request('mcp.servers.list', {})).resolves.toEqual([expect.objectContaining({ status: 'needs_auth' })]);

    const landed = await signInWithBrowser(authorizationUrl);
    expect(landed.callback.origin).toBe(local.url);
    expect(landed.status).toBe(200);
    expect(landed.page).toContain('signed in to the MCP server “crm”');

    const info = (await h.core.request('mcp.servers.list', {}))[0]!;
    expect(info).toMatchObject({ status: 'running', connectedVia: 'streamable-http', authorizationUrl: null });
    expect(info.tools.map((t) => t.name)).toEqual(['crm.whoami']);
    const tokens = JSON.parse((await h.secrets.get(mcpOAuthAccount('crm', 'tokens')))!) as { access_token: string };
    expect(fake!.record.bearerSeen).toContain(`Bearer ${tokens.access_token}`);
    expect(fake!.record.challenges).toHaveLength(1);
    // Nothing of the tokens in the database or the audit log.
    const dump = JSON.stringify(h.core.db.raw.prepare('SELECT * FROM mcp_servers').all()) + JSON.stringify(h.core.audit.list());
    expect(dump).not.toContain(tokens.access_token);
    expect(h.core.audit.list().map((row) => row.action)).toContain('mcp.oauth.complete');

    // The link works once: the same callback again is refused and changes nothing.
    const again = await fetch(landed.callback);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('not one Steward is waiting for');
    expect((await h.core.request('mcp.servers.list', {}))[0]!.status).toBe('running');
  });

  it('the desktop app (no local server) answers the redirect on its own loopback port, and a restart reuses the stored tokens', async () => {
    h = await createHarness();
    mcp = installMcp(h.core, h.agent.deps);
    const { authorizationUrl } = await serverNeedingSignIn();
    const redirect = new URL(new URL(authorizationUrl).searchParams.get('redirect_uri')!);
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(redirect.pathname).toBe('/mcp/oauth/callback');

    const landed = await signInWithBrowser(authorizationUrl);
    expect(landed.status).toBe(200);
    await eventually(() => mcp!.info('crm').status === 'running');

    const issued = fake!.record.tokensIssued;
    const restarted = await h.core.request('mcp.servers.restart', { name: 'crm' });
    expect(restarted.status).toBe('running');
    expect(fake!.record.tokensIssued).toBe(issued);
  });

  it('a refused sign-in, a stray link and a link without a code are explained and change nothing', async () => {
    h = await createHarness();
    mcp = installMcp(h.core, h.agent.deps);
    local = await startServer(h.core, { port: 0, token: 'test-token', rendererDir: '/nonexistent' });
    const { authorizationUrl } = await serverNeedingSignIn();

    const stray = await fetch(`${local.url}/mcp/oauth/callback?state=made-up&code=abc`);
    expect(stray.status).toBe(400);
    expect(await stray.text()).toContain('not one Steward is waiting for');
    const noState = await fetch(`${local.url}/mcp/oauth/callback?code=abc`);
    expect(noState.status).toBe(400);
    expect(await noState.text()).toContain('open the sign-in link from MCP servers');

    fake!.denyNext();
    const denied = await signInWithBrowser(authorizationUrl);
    expect(denied.status).toBe(400);
    expect(denied.page).toContain('The sign-in to MCP server &#34;crm&#34; was refused (access_denied: The user pressed Deny)');
    expect(mcp.info('crm').status).toBe('needs_auth');
    expect(await h.secrets.get(mcpOAuthAccount('crm', 'tokens'))).toBeNull();
    expect(h.agent.deps.registry.has('crm.whoami')).toBe(false);
  });

  it('a server that answers 401 and offers no OAuth gets a clear error, and is not kept', async () => {
    h = await createHarness();
    mcp = installMcp(h.core, h.agent.deps);
    const keyOnly = await startKeyOnlyMcpServer('k-123');
    closers.push(keyOnly.close);
    await expect(h.core.request('mcp.servers.add', { name: 'keyed', config: httpConfig(keyOnly.mcpUrl) })).rejects.toMatchObject({
      userMessage: expect.stringMatching(/answered 401 Unauthorized — it needs credentials: add its key as a secret header/),
    });
    expect(await h.core.request('mcp.servers.list', {})).toEqual([]);

    const withKey = await h.core.request('mcp.servers.add', { name: 'keyed', config: { ...httpConfig(keyOnly.mcpUrl), secretHeaders: ['Authorization'] }, secrets: { Authorization: 'Bearer k-123' } });
    expect(withKey).toMatchObject({ status: 'running', tools: [expect.objectContaining({ name: 'keyed.whoami' })] });
  });
});
