/**
 * The llm.status event (issue 17, "state goes stale after choosing a model"): after a model is
 * imported and made the default, every screen must learn that it is set up without reloading, so
 * the core announces what llm.status now says once the change has taken effect — also when the
 * local API starts or stops, and when its key is regenerated. Real core, real tiny GGUF, real
 * local API server, the official openai client.
 */
import { createServer } from 'node:net';
import { OpenAI } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { StewardEvent } from '../../../src-preload/contract.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';

type StatusEvent = Extract<StewardEvent, { type: 'llm.status' }>;

/** A port nothing listens on right now (settings refuse port 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('llm.status event', () => {
  const open: TestCore[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.dispose();
  });

  async function coreWithEvents() {
    const t = await createTestCore();
    open.push(t);
    const events: StatusEvent[] = [];
    t.core.events.subscribe((event) => {
      if (event.type === 'llm.status') events.push(event);
    });
    return { t, events };
  }

  it('says the imported model is set up once "Use as default" has taken effect, never that its file is missing', async () => {
    const { t, events } = await coreWithEvents();
    const imported = await t.core.request('models.import', { path: tinyLlamaGgufPath() });
    await t.core.request('models.setDefault', { id: imported.id, purpose: 'chat' });
    await expect.poll(() => events.length).toBeGreaterThan(0);
    await t.core.llm.settled();
    const last = events.at(-1)!.status;
    expect(last.local.configured).toBe(true);
    expect(last.local.model).toBe(imported.id);
    expect(last.local.detail).not.toMatch(/missing/);
    // The event says what a fresh llm.status says.
    expect((await t.core.request('llm.status', {})).local.configured).toBe(true);
  });

  it('announces the local API starting and stopping, and a regenerated key locks the old one out', async () => {
    const { t, events } = await coreWithEvents();
    const imported = await t.core.request('models.import', { path: tinyLlamaGgufPath() });
    await t.core.request('models.setDefault', { id: imported.id, purpose: 'chat' });
    await t.core.request('settings.update', { patch: { llm: { localApi: { enabled: true, port: await freePort() } } } });
    await t.core.llm.settled();
    const started = events.at(-1)!.status.localApi;
    expect(started.enabled).toBe(true);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);

    const { key } = await t.core.request('llm.localApiKey', {});
    expect(key).toMatch(/^sk-steward-/);
    // Asking again gives the same key; it is the one the server takes.
    expect((await t.core.request('llm.localApiKey', {})).key).toBe(key);
    const client = new OpenAI({ baseURL: started.url!, apiKey: key, maxRetries: 0 });
    expect((await client.models.list()).data.map((m) => m.id)).toEqual([imported.id.replace(/\.gguf$/, '')]);

    const fresh = (await t.core.request('llm.regenerateLocalApiKey', {})).key;
    expect(fresh).not.toBe(key);
    const url = events.at(-1)!.status.localApi.url!;
    // The same server takes the new key: same address, and the client's open connection stays usable.
    expect(url).toBe(started.url);
    expect((await new OpenAI({ baseURL: url, apiKey: fresh, maxRetries: 0 }).models.list()).data).toHaveLength(1);
    await expect(new OpenAI({ baseURL: url, apiKey: key, maxRetries: 0 }).models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    expect((await new OpenAI({ baseURL: url, apiKey: fresh, maxRetries: 0 }).models.list()).data).toHaveLength(1);
    // Neither key reaches the audit log.
    expect(JSON.stringify(t.core.audit.list())).not.toContain(fresh.slice(12));

    await t.core.request('settings.update', { patch: { llm: { localApi: { enabled: false } } } });
    await t.core.llm.settled();
    expect(events.at(-1)!.status.localApi).toEqual({ enabled: false, url: null, error: null });
  });
});
