import { createServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StewardEvent } from '../../../src-preload/contract.js';
import { startServer, type RunningServer } from '../../../src-main/server/http-server.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

const TOKEN = 'test-token-0123456789abcdef';
// Response bodies are checked field by field below; their static type does not matter here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json();

describe('local server host', () => {
  let t: TestCore;
  let server: RunningServer;
  const rendererDir = tempDir('steward-renderer-');

  beforeAll(async () => {
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Steward</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    t = await createTestCore();
    server = await startServer(t.core, { port: 0, token: TOKEN, rendererDir });
  });
  afterAll(async () => {
    await server.close();
    await t.dispose();
  });

  const api = (route: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${route}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('binds to 127.0.0.1 only and prints a chat URL carrying the token in the fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.chatUrl).toBe(`${server.url}/chat/#token=${TOKEN}`);
  });

  it('answers 401 without a token or with a wrong one, and changes nothing', async () => {
    const none = await fetch(`${server.url}/api/conversations.create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect((await json(none)).error.message).toMatch(/token/);
    const wrong = await api('/api/conversations.create', {}, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(await json(await api('/api/conversations.list', {}))).toEqual([]);
  });

  it('serves every contract method as POST /api/<method>', async () => {
    const created = await api('/api/conversations.create', { title: 'From HTTP' });
    expect(created.status).toBe(200);
    const conversation = await json(created);
    expect(conversation.title).toBe('From HTTP');
    const info = await json(await api('/api/app.info', {}));
    expect(info).toMatchObject({ name: 'Steward', host: 'test' });
  });

  it('rejects a body that fails its schema with 400 and the field', async () => {
    const res = await api('/api/conversations.rename', { id: 'x', title: '' });
    expect(res.status).toBe(400);
    expect((await json(res)).error.issues).toEqual([{ path: 'title', message: 'must not be empty' }]);
    expect((await api('/api/nope.nothing', {})).status).toBe(404);
    const notJson = await fetch(`${server.url}/api/app.info`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(400);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/app.info`, { method: 'POST', headers: { host: 'evil.example', authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('POST /api/chat stores the message and returns the reply; GET /api/chat/tasks lists tasks', async () => {
    const res = await api('/api/chat', { message: 'Hello over HTTP' });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.message.text).toBe('Hello over HTTP');
    expect(body.pending).toBe(false);
    expect(body.replies[0].text).toContain('No assistant is configured yet');
    const tasks = await api('/api/chat/tasks');
    expect(tasks.status).toBe(200);
    expect(await json(tasks)).toEqual([]);
    expect((await api('/api/chat', { message: '   ' })).status).toBe(400);
  });

  it('streams events over WS /api/events to token holders only', async () => {
    const rejected = new WebSocket(`${server.url.replace('http', 'ws')}/api/events?token=wrong`);
    const rejection = await new Promise<string>((resolve) => {
      rejected.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      rejected.on('error', () => resolve('error'));
    });
    expect(rejection).toBe('401');

    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/events?token=${TOKEN}`);
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const received: StewardEvent[] = [];
    const gotReply = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const event = JSON.parse(String(data)) as StewardEvent;
        received.push(event);
        if (event.type === 'message.completed') resolve();
      }),
    );
    await api('/api/chat.send', { text: 'events please' });
    await gotReply;
    ws.close();
    expect(received.map((e) => e.type)).toEqual(expect.arrayContaining(['message.created', 'conversation.updated', 'message.completed']));
  });

  it('serves the built renderer under /chat/ with a strict CSP and never escapes its folder', async () => {
    const page = await fetch(`${server.url}/chat/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Steward</title>');
    expect((await fetch(`${server.url}/chat/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${server.url}/chat/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/chat`, { redirect: 'manual' })).status).toBe(302);
  });

  it('moves to the next free port when the wanted one is taken', async () => {
    const blocker = createServer();
    const taken = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    const second = await startServer(t.core, { port: taken, token: TOKEN, rendererDir });
    try {
      expect(second.port).toBeGreaterThan(taken);
      expect((await fetch(`${second.url}/api/health`)).status).toBe(200);
    } finally {
      await second.close();
      blocker.close();
    }
  });
});
