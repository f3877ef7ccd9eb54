/**
 * A remote MCP server that asks for OAuth, built only from the MCP SDK's own server pieces:
 * `mcpAuthRouter` (RFC 8414 authorization-server metadata, RFC 9728 protected-resource metadata,
 * RFC 7591 dynamic client registration, the authorization endpoint, the token endpoint with PKCE
 * checked by the SDK), `requireBearerAuth` in front of a Streamable HTTP MCP endpoint at /mcp, and
 * an McpServer with one tool. The authorization endpoint plays the user who presses "Allow": it
 * redirects straight back to the client's registered redirect URI with a code and the state — or,
 * with `deny`, with error=access_denied.
 *
 * `plain401` starts the same endpoint with a bearer check and no OAuth at all (no metadata), to
 * show what a client gets from a server that only wants a key.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { getOAuthProtectedResourceMetadataUrl, mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { OAuthRegisteredClientsStore } from '@modelcontextprotocol/sdk/server/auth/clients.js';
import type { AuthorizationParams, OAuthServerProvider } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { OAuthClientInformationFull, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';

// express comes with the MCP SDK (its auth router is an express router); it ships no types here.
type Handler = (req: unknown, res: unknown, next: (err?: unknown) => void) => void;
interface ExpressApp {
  (req: unknown, res: unknown): void;
  use(...handlers: unknown[]): void;
  all(path: string, ...handlers: Handler[]): void;
}
const express = createRequire(import.meta.url)('express') as { (): ExpressApp; json(): Handler };

interface Res {
  status(code: number): Res;
  json(body: unknown): void;
  redirect(url: string): void;
  headersSent: boolean;
}

export interface FakeOAuthRecord {
  registrations: OAuthClientInformationFull[];
  /** PKCE challenges the authorization endpoint received (S256). */
  challenges: string[];
  tokensIssued: number;
  refreshes: number;
  /** Authorization headers the MCP endpoint saw. */
  bearerSeen: string[];
}

export interface FakeOAuthMcpServer {
  url: string;
  mcpUrl: string;
  record: FakeOAuthRecord;
  /** The next authorization is refused by "the user" (error=access_denied). */
  denyNext(): void;
  /** Forgets every issued token (as a server that revoked access). */
  revokeAll(): void;
  close(): Promise<void>;
}

class ClientsStore implements OAuthRegisteredClientsStore {
  private readonly clients = new Map<string, OAuthClientInformationFull>();
  constructor(private readonly record: FakeOAuthRecord) {}
  async getClient(clientId: string): Promise<OAuthClientInformationFull | undefined> {
    return this.clients.get(clientId);
  }
  async registerClient(client: OAuthClientInformationFull): Promise<OAuthClientInformationFull> {
    this.clients.set(client.client_id, client);
    this.record.registrations.push(client);
    return client;
  }
}

class AllowingProvider implements OAuthServerProvider {
  readonly clientsStore: ClientsStore;
  private readonly codes = new Map<string, { clientId: string; params: AuthorizationParams }>();
  private readonly access = new Map<string, { clientId: string; expiresAt: number }>();
  private readonly refresh = new Map<string, string>();
  deny = false;

  constructor(private readonly record: FakeOAuthRecord) {
    this.clientsStore = new ClientsStore(record);
  }

  async authorize(client: OAuthClientInformationFull, params: AuthorizationParams, res: unknown): Promise<void> {
    const target = new URL(params.redirectUri);
    if (params.state !== undefined) target.searchParams.set('state', params.state);
    if (this.deny) {
      this.deny = false;
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'The user pressed Deny');
    } else {
      const code = randomUUID();
      this.codes.set(code, { clientId: client.client_id, params });
      this.record.challenges.push(params.codeChallenge);
      target.searchParams.set('code', code);
    }
    (res as Res).redirect(target.toString());
  }

  async challengeForAuthorizationCode(_client: OAuthClientInformationFull, code: string): Promise<string> {
    const entry = this.codes.get(code);
    if (!entry) throw new Error('unknown authorization code');
    return entry.params.codeChallenge;
  }

  async exchangeAuthorizationCode(client: OAuthClientInformationFull, code: string): Promise<OAuthTokens> {
    const entry = this.codes.get(code);
    if (!entry || entry.clientId !== client.client_id) throw new Error('authorization code not issued to this client');
    this.codes.delete(code);
    return this.issue(client.client_id);
  }

  async exchangeRefreshToken(client: OAuthClientInformationFull, refreshToken: string): Promise<OAuthTokens> {
    if (this.refresh.get(refreshToken) !== client.client_id) throw new Error('unknown refresh token');
    this.refresh.delete(refreshToken);
    this.record.refreshes += 1;
    return this.issue(client.client_id);
  }

  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const entry = this.access.get(token);
    if (!entry || entry.expiresAt < Date.now()) throw new Error('invalid or expired token');
    return { token, clientId: entry.clientId, scopes: [], expiresAt: Math.floor(entry.expiresAt / 1000) };
  }

  revokeAll(): void {
    this.access.clear();
    this.refresh.clear();
  }

  private issue(clientId: string): OAuthTokens {
    const accessToken = `at-${randomUUID()}`;
    const refreshToken = `rt-${randomUUID()}`;
    this.access.set(accessToken, { clientId, expiresAt: Date.now() + 3_600_000 });
    this.refresh.set(refreshToken, clientId);
    this.record.tokensIssued += 1;
    return { access_token: accessToken, token_type: 'bearer', expires_in: 3600, refresh_token: refreshToken };
  }
}

function mcpServer(): McpServer {
  const server = new McpServer({ name: 'oauth-fake', version: '1.0.0' });
  server.registerTool('whoami', { description: 'Says who the server thinks is calling', inputSchema: { greeting: z.string().optional() }, annotations: { readOnlyHint: true } }, async ({ greeting }, extra) => ({
    content: [{ type: 'text', text: `${greeting ?? 'Hello'}, client ${extra.authInfo?.clientId ?? 'nobody'}` }],
  }));
  return server;
}

/** A stateless Streamable HTTP endpoint: one McpServer and transport per request. */
function mcpHandler(): Handler {
  return (req, res, next) => {
    const server = mcpServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    (res as { on(event: string, cb: () => void): void }).on('close', () => {
      void transport.close();
      void server.close();
    });
    server
      .connect(transport)
      .then(() => transport.handleRequest(req as never, res as never, (req as { body?: unknown }).body))
      .catch(next);
  };
}

/** Closes at once: a browser keeps idle keep-alive connections open, which would hold close() forever. */
function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}

async function listen(app: ExpressApp): Promise<{ server: Server; url: string }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function startOAuthMcpServer(): Promise<FakeOAuthMcpServer> {
  const record: FakeOAuthRecord = { registrations: [], challenges: [], tokensIssued: 0, refreshes: 0, bearerSeen: [] };
  const provider = new AllowingProvider(record);
  const app = express();
  let base = '';
  // The router needs its issuer before it is built; the port is only known once listening.
  let router: Handler | null = null;
  let guard: Handler | null = null;
  app.use((req: { headers: Record<string, string | undefined>; path: string }, _res: unknown, next: () => void) => {
    if (req.path === '/mcp' && req.headers.authorization) record.bearerSeen.push(req.headers.authorization);
    next();
  });
  app.use((req: unknown, res: unknown, next: (err?: unknown) => void) => (router ? router(req, res, next) : next()));
  app.use(express.json());
  app.all('/mcp', (req, res, next) => (guard ? guard(req, res, next) : next()), mcpHandler());
  const { server, url } = await listen(app);
  base = url;
  const mcpUrl = new URL('/mcp', base);
  router = mcpAuthRouter({ provider, issuerUrl: new URL(base), resourceServerUrl: mcpUrl }) as unknown as Handler;
  guard = requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl) }) as unknown as Handler;
  return {
    url,
    mcpUrl: mcpUrl.toString(),
    record,
    denyNext: () => (provider.deny = true),
    revokeAll: () => provider.revokeAll(),
    close: () => closeServer(server),
  };
}

/** The same MCP endpoint behind a plain bearer check with no OAuth on offer: every request without the key gets 401. */
export async function startKeyOnlyMcpServer(key: string): Promise<{ mcpUrl: string; close(): Promise<void> }> {
  const app = express();
  app.use(express.json());
  app.all(
    '/mcp',
    (req, res, next) => {
      if ((req as { headers: Record<string, string | undefined> }).headers.authorization === `Bearer ${key}`) return next();
      (res as Res).status(401).json({ error: 'unauthorized', error_description: 'send the API key as a bearer token' });
    },
    mcpHandler(),
  );
  const { server, url } = await listen(app);
  return { mcpUrl: `${url}/mcp`, close: () => closeServer(server) };
}
