/**
 * Steward's local OpenAI-compatible API (opt-in): other programs on this machine can use the
 * user's model through /v1/models, /v1/chat/completions (streaming or not, n answers, tools,
 * tool_choice, response_format, OpenAI's sampling parameters), /v1/completions and
 * /v1/embeddings, with any OpenAI client — browser clients too (CORS). It binds to loopback only
 * and every request needs `Authorization: Bearer <key>`.
 *
 * Any LlmProvider can back it (the local model, the router, a scripted provider in tests). It
 * serves the one model /v1/models lists; a request naming another gets a 404 like OpenAI's.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { z } from 'zod';
import { ValidationError } from '../../errors.js';
import type { CallerRole, LlmProvider } from '../provider.js';
import { handleChat } from './chat-endpoint.js';
import { embeddingToBase64 } from './chat-translation.js';
import { handleCompletions } from './completions-endpoint.js';
import { requireServedModel, type HandlerContext } from './handler-context.js';
import { allowCrossOrigin, answerPreflight, readJsonBody, sendError, sendJson } from './http-io.js';
import { listenOnLoopback } from './listen-local.js';
export { generateLocalApiKey, ensureLocalApiKey, LOCAL_API_KEY_ACCOUNT } from './local-api-key.js';
import { badRequest, fromProviderError, HttpApiError } from './openai-error-body.js';
import { ChatCompletionBodySchema, CompletionBodySchema, EmbeddingBodySchema, paramPath } from './wire-schemas.js';

export interface LocalApiServerOptions {
  provider: LlmProvider;
  /** The key clients must send as `Authorization: Bearer <key>` (at least 16 characters; see generateLocalApiKey). */
  apiKey: string;
  /** Default 7421 (settings.llm.localApi.port); 0 lets the OS choose. */
  port?: number;
  /** 127.0.0.1 (default), ::1 or localhost; anything else is refused. */
  host?: string;
  /** How many ports to try from `port` upwards when it is taken; 1 means fail instead. Default 20. */
  portAttempts?: number;
  /** Model id shown in /v1/models and answers; default: the provider's info().model. */
  modelName?: string;
  /** Caller role passed to the provider (router and call log). Default 'other'. */
  role?: CallerRole;
  /** Called after each request with what a log needs (never bodies or keys). */
  onRequest?: (entry: { method: string; path: string; status: number; durationMs: number }) => void;
}

export interface LocalApiServer {
  /** Base URL for OpenAI clients, e.g. http://127.0.0.1:7421/v1. */
  url: string;
  port: number;
  /** The port that was asked for; differs from `port` when it was taken and the next free one was used. */
  requestedPort: number;
  host: string;
  modelName: string;
  /**
   * Takes a new key at once, on the same address: the old key is refused from the next request,
   * calls in flight (made with the old key) are stopped, and clients keep their connections.
   */
  setApiKey(apiKey: string): void;
  /** Stops listening, aborts calls in flight and closes open connections. */
  close(): Promise<void>;
}

function checkedKey(apiKey: unknown): string {
  if (typeof apiKey !== 'string' || apiKey.length < 16) {
    throw new ValidationError('local API settings', [{ path: 'apiKey', message: 'must be at least 16 characters (use generateLocalApiKey)' }]);
  }
  return apiKey;
}

export async function startLocalApiServer(options: LocalApiServerOptions): Promise<LocalApiServer> {
  let keyDigest = digest(checkedKey(options.apiKey));
  const host = options.host ?? '127.0.0.1';
  const requestedPort = options.port ?? 7421;
  const info = await options.provider.info();
  const modelName = options.modelName ?? info.model;
  const created = Math.floor(Date.now() / 1000);
  const inFlight = new Set<AbortController>();
  const context: HandlerContext = { provider: options.provider, modelName, contextSize: info.contextSize, created, role: options.role ?? 'other' };

  const server = createServer((req, res) => {
    const started = Date.now();
    const controller = new AbortController();
    inFlight.add(controller);
    // The client hanging up (or a stream consumer breaking off) stops the model instead of wasting it.
    res.on('close', () => {
      inFlight.delete(controller);
      if (!res.writableFinished) controller.abort();
      options.onRequest?.({ method: req.method ?? '', path: pathOf(req), status: res.statusCode, durationMs: Date.now() - started });
    });
    // Browser clients: any page may try, the key still decides (a preflight carries no key, so it is answered first).
    allowCrossOrigin(res);
    if (req.method === 'OPTIONS') {
      answerPreflight(req, res);
      return;
    }
    handle(req, res, keyDigest, context, controller.signal).catch((err: unknown) => sendError(res, fromProviderError(err)));
  });
  server.keepAliveTimeout = 5_000;

  const port = await listenOnLoopback(server, host, requestedPort, options.portAttempts ?? 20);
  const urlHost = host === '::1' ? '[::1]' : host;
  return {
    url: `http://${urlHost}:${port}/v1`,
    port,
    requestedPort,
    host,
    modelName,
    setApiKey: (apiKey) => {
      keyDigest = digest(checkedKey(apiKey));
      for (const controller of inFlight) controller.abort();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const controller of inFlight) controller.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, keyDigest: Buffer, ctx: HandlerContext, signal: AbortSignal): Promise<void> {
  checkKey(req, keyDigest);
  const path = pathOf(req);
  const method = req.method ?? 'GET';
  if (path === '/v1/models') {
    requireMethod(method, 'GET');
    sendJson(res, 200, { object: 'list', data: [modelObject(ctx)] });
    return;
  }
  if (path.startsWith('/v1/models/')) {
    requireMethod(method, 'GET');
    const id = decodeURIComponent(path.slice('/v1/models/'.length));
    requireServedModel(ctx, id);
    sendJson(res, 200, modelObject(ctx));
    return;
  }
  if (path === '/v1/chat/completions') {
    requireMethod(method, 'POST');
    await handleChat(res, parseBody(ChatCompletionBodySchema, await readJsonBody(req)), ctx, signal);
    return;
  }
  if (path === '/v1/completions') {
    requireMethod(method, 'POST');
    await handleCompletions(res, parseBody(CompletionBodySchema, await readJsonBody(req)), ctx, signal);
    return;
  }
  if (path === '/v1/embeddings') {
    requireMethod(method, 'POST');
    await handleEmbeddings(res, parseBody(EmbeddingBodySchema, await readJsonBody(req)), ctx, signal);
    return;
  }
  throw new HttpApiError(404, `Unknown path ${method} ${path}. This server offers GET /v1/models, POST /v1/chat/completions, POST /v1/completions and POST /v1/embeddings.`, { code: 'unknown_url' });
}

async function handleEmbeddings(res: ServerResponse, body: z.infer<typeof EmbeddingBodySchema>, ctx: HandlerContext, signal: AbortSignal): Promise<void> {
  requireServedModel(ctx, body.model);
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  const vectors = await ctx.provider.embed(inputs, { signal });
  if (body.dimensions !== undefined && vectors[0] && body.dimensions !== vectors[0].length) {
    throw badRequest(`This model makes ${vectors[0].length}-dimensional embeddings; 'dimensions' cannot change that. Leave it out.`, 'dimensions');
  }
  let promptTokens = 0;
  for (const text of inputs) promptTokens += await ctx.provider.countTokens(text);
  sendJson(res, 200, {
    object: 'list',
    data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: body.encoding_format === 'base64' ? embeddingToBase64(vector) : vector })),
    model: ctx.modelName,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
}

function checkKey(req: IncomingMessage, keyDigest: Buffer): void {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  if (!match?.[1]) {
    throw new HttpApiError(401, "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'; the key is shown in Steward on the Models screen, under Local API server.", {
      code: 'invalid_api_key',
    });
  }
  // Compare digests in constant time so response timing reveals nothing about the key.
  if (!timingSafeEqual(digest(match[1]), keyDigest)) {
    throw new HttpApiError(401, "Incorrect API key provided. Copy the key from Steward's Models screen, under Local API server.", { code: 'invalid_api_key' });
  }
}

function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 3);
  const first = issues[0];
  const param = first ? paramPath(first.path) : null;
  const text = issues.map((issue) => `'${paramPath(issue.path) || 'body'}': ${issue.message}`).join('; ');
  throw badRequest(`Invalid request body — ${text}.`, param || null);
}

function requireMethod(method: string, expected: 'GET' | 'POST'): void {
  if (method !== expected) throw new HttpApiError(405, `Use ${expected} for this path.`, { code: 'method_not_allowed' });
}

function modelObject(ctx: HandlerContext) {
  return { id: ctx.modelName, object: 'model', created: ctx.created, owned_by: 'steward' };
}

function pathOf(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const path = raw.split('?')[0] ?? '/';
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
