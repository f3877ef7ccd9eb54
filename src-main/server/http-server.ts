import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { WebSocketServer, type WebSocket } from 'ws';
import { METHOD_NAMES, MAX_MESSAGE_CHARS, type MethodName, type StewardEvent } from '../../src-preload/contract.js';
import type { Core } from '../core/core-types.js';
import { StewardError } from '../core/errors.js';
import { parseOrThrow } from '../core/validation.js';
import { sendError, sendJson } from './http-errors.js';
import { listenWithFallback } from '../core/net/listen-with-fallback.js';
import { personContext } from './person-context.js';
import { checkEventStreamPerson, eventStreamFilter, eventStreamPersonToken } from './event-stream-person.js';
import { bearerToken, bodyLimitFor, isAllowedHost, isAllowedOrigin, readJsonBody, tokenMatches, UnauthorizedError } from './request-guard.js';
import { serveStatic } from './static-files.js';
import type { McpHttpEndpoint } from '../core/mcp-server/mcp-http-endpoint.js';
import { STRIPE_WEBHOOK_PATH } from '../core/payments/stripe-webhook.js';
import { stripeWebhookRoute } from './stripe-webhook-route.js';
import { MCP_OAUTH_REDIRECT_PATH } from '../core/mcp/mcp-oauth-provider.js';
import { mcpSignInRoute } from './mcp-sign-in-route.js';

export interface ServerOptions {
  port: number;
  token: string;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** How long POST /api/chat waits for the reply before answering "pending". */
  chatReplyTimeoutMs?: number;
  /** Steward's MCP server at /mcp (opt-in: `npm run serve -- --mcp`). */
  mcpEndpoint?: McpHttpEndpoint;
}

export interface RunningServer {
  port: number;
  /** Base URL, e.g. http://127.0.0.1:7420 */
  url: string;
  /** The chat page with the token in the fragment (never sent to the server, never logged by it). */
  chatUrl: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const methodNames = new Set<string>(METHOD_NAMES);
const ChatBody = z
  .object({
    message: z.string().refine((t) => t.trim().length > 0, 'is empty').refine((t) => t.length <= MAX_MESSAGE_CHARS, `is too long (max ${MAX_MESSAGE_CHARS} characters)`),
    conversationId: z.string().min(1).max(64).optional(),
  })
  .strict();

/**
 * The local server host: the contract as `POST /api/<method>`, events on `WS /api/events`, the
 * web chat endpoints, and the built renderer at /chat/. Bound to 127.0.0.1, bearer-token guarded.
 */
// eslint-disable-next-line max-lines-per-function -- the local server's routes and WebSocket wired in one place; a start-up sequence: each step wires what the next one needs, read top to bottom
export async function startServer(core: Core, options: ServerOptions): Promise<RunningServer> {
  let port = options.port;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendError(res, err);
      else res.destroy();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) return sendJson(res, 403, { error: { code: 'unauthorized', message: 'Requests must be addressed to 127.0.0.1 or localhost.' } });
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const route = url.pathname;

    if (req.method === 'GET' && (route === '/' || route === '/chat')) {
      res.writeHead(302, { location: '/chat/' });
      return void res.end();
    }
    if (req.method === 'GET' && route.startsWith('/chat/')) {
      const rel = route === '/chat/' ? 'index.html' : route.slice('/chat/'.length);
      if (serveStatic(res, options.rendererDir, rel)) return;
      if (rel === 'index.html') {
        return sendJson(res, 503, { error: { code: 'not_found', message: 'The chat page is not built yet. Run `npm run build`, then reload.' } });
      }
      return sendJson(res, 404, { error: { code: 'not_found', message: `No such file: ${rel}` } });
    }
    if (req.method === 'GET' && route === '/api/health') return sendJson(res, 200, { ok: true, name: 'Steward' });
    if (route === '/mcp') return handleMcp(req, res);

    if (route === STRIPE_WEBHOOK_PATH && req.method === 'POST') return stripeWebhookRoute(core, req, res);
    // The browser arrives here from a remote MCP server's sign-in page, without the token: the sign-in's own state is the check.
    if (route === MCP_OAUTH_REDIRECT_PATH && req.method === 'GET') return mcpSignInRoute(core, url, res);
    if (!route.startsWith('/api/')) return sendJson(res, 404, { error: { code: 'not_found', message: `Nothing at ${route}.` } });
    if (!tokenMatches(bearerToken(req), options.token)) throw new UnauthorizedError();

    if (route === '/api/chat' && req.method === 'POST') return postChat(req, res);
    if (route === '/api/chat/tasks' && req.method === 'GET') return sendJson(res, 200, await core.call('tasks.list', {}, { actor: 'server' }));

    const method = route.slice('/api/'.length);
    if (!methodNames.has(method)) throw new StewardError('not_found', `Unknown API method "${method}". The methods are listed in METHOD_NAMES in src-preload/channels.ts (for example "conversations.list").`);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { error: { code: 'invalid_input', message: `Use POST for /api/${method}.` } });
    }
    const body = await readJsonBody(req, bodyLimitFor(method));
    return sendJson(res, 200, await core.call(method as MethodName, body, personContext(core, req)));
  }

  /** Steward's MCP server over Streamable HTTP: opt-in (--mcp), same token as the API. */
  async function handleMcp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!options.mcpEndpoint) return sendJson(res, 404, { error: { code: 'not_found', message: 'The MCP endpoint is off. Start the server with `npm run serve -- --mcp` to turn it on.' } });
    if (!tokenMatches(bearerToken(req), options.token)) throw new UnauthorizedError();
    const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
    return options.mcpEndpoint.handle(req, res, body);
  }

  async function postChat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseOrThrow(ChatBody, await readJsonBody(req), 'chat request');
    // The web chat endpoint acts for the person its X-Steward-Person header names, like every API method.
    const sent = await core.call('chat.send', { text: body.message, conversationId: body.conversationId }, personContext(core, req));
    const pending = core.conversations.replyTo(sent.message.id);
    const timeoutMs = options.chatReplyTimeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const replies = pending
      ? await Promise.race([pending, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)))])
      : await core.call('messages.list', { conversationId: sent.conversationId }, { actor: 'server' }).then((all) => all.filter((m) => m.createdAt >= sent.message.createdAt && m.id !== sent.message.id));
    clearTimeout(timer);
    sendJson(res, 200, { conversationId: sent.conversationId, message: sent.message, replies: replies ?? [], pending: replies === null });
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const token = url.searchParams.get('token') ?? bearerToken(req);
    if (!isAllowedOrigin(req.headers.origin, port)) {
      // A page on another site (which may hold a leaked token) must not read the event stream.
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    if (url.pathname !== '/api/events' || !isAllowedHost(req.headers.host, port) || !tokenMatches(token, options.token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    // A tab signed in as a person gets only their own conversations' events (event-stream-person.ts).
    const personToken = eventStreamPersonToken(req, url);
    try {
      checkEventStreamPerson(core, personToken);
    } catch {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      clients.set(ws, eventStreamFilter(core, personToken));
      sockets.emit('connection', ws);
    });
  });

  const clients = new Map<WebSocket, (event: StewardEvent) => boolean>();
  sockets.on('connection', (ws) => {
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => clients.delete(ws));
  });
  const unsubscribe = core.events.subscribe((event) => {
    const data = JSON.stringify(event);
    for (const [ws, visible] of clients) if (ws.readyState === ws.OPEN && visible(event)) ws.send(data);
  });

  port = await listenWithFallback(server, { port: options.port, host: HOST, attempts: 20, what: 'the Steward server', fix: 'choose another port with --port' });
  const url = `http://${HOST}:${port}`;
  // Remote MCP servers' sign-ins come back to this server's /mcp/oauth/callback.
  core.assistant()?.extensions.mcp?.useOAuthRedirectBase(url);
  return {
    port,
    url,
    chatUrl: `${url}/chat/#token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const ws of clients.keys()) ws.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const defaultRendererDir = (root = process.cwd()): string => path.join(root, 'out', 'renderer');
