/** Small node:http helpers for the local API: bounded JSON bodies, JSON replies and SSE frames. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpApiError, type OpenAiErrorBody } from './openai-error-body.js';

/** Chat histories can be long, but nothing a local client sends needs more than this. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpApiError(413, `The request body is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MB.`, { code: 'body_too_large' });
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new HttpApiError(400, 'The request body is empty; send a JSON object.', { code: 'invalid_json' });
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpApiError(400, `The request body is not valid JSON (${(err as Error).message}).`, { code: 'invalid_json' });
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpApiError): void {
  if (res.headersSent) {
    // Mid-stream: OpenAI clients raise an error when an event carries an `error` field.
    if (!res.writableEnded) res.end(`data: ${JSON.stringify(error.body satisfies OpenAiErrorBody)}\n\n`);
    return;
  }
  sendJson(res, error.status, error.body);
}

export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
}

export function sendEvent(res: ServerResponse, data: unknown): void {
  if (!res.writableEnded) res.write(`data: ${JSON.stringify(data)}\n\n`);
}

export function endEventStream(res: ServerResponse): void {
  if (!res.writableEnded) res.end('data: [DONE]\n\n');
}

/** CORS for browser clients: the bearer key is the guard, not the page's origin. */
export function allowCrossOrigin(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Content-Type');
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  // OpenAI's SDK sends its own x-stainless-* headers; allow whatever the browser says the request will carry.
  const asked = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': typeof asked === 'string' && asked ? asked : 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
  });
  res.end();
}
