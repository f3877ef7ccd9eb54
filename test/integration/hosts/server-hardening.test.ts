import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../../src-main/server/http-server.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

const TOKEN = 'test-token-hardening-0123456789';

/** A raw GET, so the path reaches the server byte for byte (fetch would normalise it). */
function rawGet(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', headers: { host: `127.0.0.1:${port}` } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(url: string, origin?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

describe('local server: input gaps closed', () => {
  let t: TestCore;
  let server: RunningServer;
  const rendererDir = tempDir('steward-renderer-');

  beforeAll(async () => {
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Steward</title>');
    t = await createTestCore();
    server = await startServer(t.core, { port: 0, token: TOKEN, rendererDir });
  });
  afterAll(async () => {
    await server.close();
    await t.dispose();
  });

  it('answers 400 with a reason to a broken percent-encoding, not 500', async () => {
    for (const bad of ['/chat/%', '/chat/%zz', '/chat/assets/%E0%A4%A']) {
      const res = await rawGet(server.port, bad);
      expect(res.status, bad).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('percent-encoding') } });
    }
    expect((await rawGet(server.port, '/chat/')).status).toBe(200);
  });

  it('refuses WebSocket upgrades from another site, even with the right token; the app itself and programs get in', async () => {
    const url = `${server.url.replace('http', 'ws')}/api/events?token=${TOKEN}`;
    expect(await openSocket(url, 'https://evil.example')).toBe(403);
    expect(await openSocket(url, `http://localhost:${server.port + 1}`)).toBe(403);
    expect(await openSocket(url, 'null')).toBe(403);
    expect(await openSocket(url, server.url)).toBe('open');
    expect(await openSocket(url)).toBe('open');
  });

  it('re-imports a 3 MB memory export through the API (the body limit fits memory.import), while other requests stay capped at 2 MB', async () => {
    const raw = t.core.db.raw;
    const insert = raw.prepare("INSERT INTO memory_episodes (id, conversation_id, message_id, role, text, created_at) VALUES (?, NULL, NULL, 'user', ?, '2026-01-01T00:00:00.000Z')");
    for (let i = 0; i < 16; i += 1) insert.run(`big-${i}`, `Episode ${i}: ${'minutes of the weekly meeting. '.repeat(6_400)}`);
    const exported = await t.core.request('memory.export', { format: 'json' });
    expect(exported.content.length).toBeGreaterThan(3_000_000);
    await t.core.request('memory.clear', { confirm: true });

    const post = (method: string, body: unknown) =>
      fetch(`${server.url}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const imported = await post('memory.import', { content: exported.content });
    expect(imported.status).toBe(200);
    expect((await imported.json()).imported).toMatchObject({ episodes: 16 });

    const tooBig = await post('conversations.create', { title: 'x'.repeat(3_000_000) });
    expect(tooBig.status).toBe(400);
    expect((await tooBig.json()).error.message).toMatch(/larger than 2 MB.*memory\.import/);
  }, 60_000);
});
