/**
 * A small OpenAI-compatible HTTP server for tests of error paths the real service cannot be made
 * to produce on demand (429 with Retry-After, 5xx, hangs, broken JSON, refused keys). It speaks
 * the documented wire format: JSON bodies, `{ error: { message, type, param, code } }` errors and
 * SSE streams of `data: {chunk}` lines ending in `data: [DONE]`.
 *
 * Tests queue replies per path; every request is recorded (method, path, headers, parsed body).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export type FakeReply =
  /** A JSON reply with this status. */
  | { status: number; body: unknown; headers?: Record<string, string> }
  /** A 200 SSE stream of these chunks; `hangAfter` stops sending (without closing) after that many chunks. */
  | { stream: unknown[]; hangAfter?: number; chunkDelayMs?: number }
  /** Accepts the request and never answers. */
  | { hang: true };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface OpenAiFake {
  /** Base URL for the OpenAI client, ending in /v1. */
  url: string;
  requests: RecordedRequest[];
  /** Queues replies for a path such as '/v1/chat/completions'; served in order, one per request. */
  reply(path: string, ...replies: FakeReply[]): void;
  /** Requests made to `path`. */
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startOpenAiFake(): Promise<OpenAiFake> {
  const queues = new Map<string, FakeReply[]>();
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // keep raw text
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const reply = queues.get(path)?.shift();
      if (!reply) {
        const message = `openai-fake: no reply queued for ${path}`;
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(errorBody(message, 'server_error')));
        return;
      }
      if ('hang' in reply) return;
      if ('stream' in reply) {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
        void (async () => {
          for (const [index, chunk] of reply.stream.entries()) {
            if (reply.hangAfter !== undefined && index >= reply.hangAfter) return;
            if (reply.chunkDelayMs) await new Promise((r) => setTimeout(r, reply.chunkDelayMs));
            res.write(`data: ${JSON.stringify(chunk)}\n\n`);
          }
          if (reply.hangAfter !== undefined && reply.hangAfter >= reply.stream.length) return;
          res.end('data: [DONE]\n\n');
        })();
        return;
      }
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    reply(path, ...replies) {
      queues.set(path, [...(queues.get(path) ?? []), ...replies]);
    },
    requestsTo: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function errorBody(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

/** A non-streaming chat.completion body. */
export function completionBody(options: {
  content?: string | null;
  toolCalls?: Array<{ id: string; name: string; arguments: string }>;
  finishReason?: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
  model?: string;
}) {
  const toolCalls = options.toolCalls?.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: options.model ?? 'gpt-4o-mini',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: options.content ?? null, refusal: null, ...(toolCalls && { tool_calls: toolCalls }) },
        finish_reason: options.finishReason ?? (toolCalls ? 'tool_calls' : 'stop'),
        logprobs: null,
      },
    ],
    usage: options.usage ? { ...options.usage, total_tokens: options.usage.prompt_tokens + options.usage.completion_tokens } : undefined,
  };
}

/** The chunks of a streamed answer: one per piece, then the finish chunk and a usage chunk. */
export function streamChunks(pieces: string[], usage = { prompt_tokens: 5, completion_tokens: pieces.length }) {
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini' };
  return [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    ...pieces.map((content) => ({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    { ...base, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } },
  ];
}

export function embeddingsBody(vectors: number[][], model = 'text-embedding-3-small') {
  return { object: 'list', data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })), model, usage: { prompt_tokens: 3, total_tokens: 3 } };
}
