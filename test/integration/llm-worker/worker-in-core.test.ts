/**
 * The inference worker inside a real core (the Node hosts' default): llm.status and the
 * notifications say when the local model's process crashed and restarted, and a model marked
 * failed hands its requests to the cloud model when one is configured (OpenAI SDK against the
 * local fake).
 */
import { copyFileSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';
import { completionBody, startOpenAiFake, type OpenAiFake } from '../../fakes/openai-fake.js';

const open: Array<TestCore | OpenAiFake> = [];
afterAll(async () => {
  for (const o of open.splice(0)) await ('dispose' in o ? o.dispose() : o.close());
});

async function coreWithModel(fileName: string, prepare?: (file: string) => void): Promise<TestCore> {
  const t = await createTestCore({ installAgent: false });
  open.push(t);
  const modelsDir = t.core.paths.modelsDir;
  mkdirSync(modelsDir, { recursive: true });
  const file = path.join(modelsDir, fileName);
  copyFileSync(tinyLlamaGgufPath(), file);
  prepare?.(file);
  await t.core.request('settings.update', { patch: { llm: { localModel: fileName, contextSize: 2048 } } });
  await t.core.llm.settled();
  return t;
}

describe('the local model process, as the core reports it', () => {
  it('runs in a worker by default; a crash is reported in llm.status and as a notification, and the next call works', async () => {
    const t = await coreWithModel('tiny.gguf');
    const notes: Array<{ title: string; body: string }> = [];
    t.core.events.subscribe((e) => e.type === 'notification' && notes.push({ title: e.title, body: e.body }));
    const router = t.core.llm.router;
    const first = await router.chat({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 3, temperature: 0 });
    expect(first.usage.completionTokens).toBe(3);
    const ready = (await t.core.request('llm.status', {})).local.runtime!;
    expect(ready).toMatchObject({ engine: 'node-llama-cpp', inference: 'worker', state: 'ready', restarts: 0, lastCrash: null });
    expect(ready.pid).not.toBe(process.pid);
    await expect.poll(async () => (await t.core.request('llm.status', {})).local.runtime?.memoryBytes ?? 0, { timeout: 10_000 }).toBeGreaterThan(10_000_000);

    process.kill(ready.pid!, 'SIGKILL');
    await expect.poll(() => notes.find((n) => n.title === 'The local model stopped'), { timeout: 10_000 }).toBeDefined();
    expect(notes.find((n) => n.title === 'The local model stopped')!.body).toMatch(/^tiny\.gguf stopped: it was killed \(SIGKILL.*Steward is restarting it; see Models for details\.$/);
    const crashed = (await t.core.request('llm.status', {})).local.runtime!;
    expect(crashed.lastCrash?.reason).toMatch(/SIGKILL/);

    const again = await router.chat({ messages: [{ role: 'user', content: 'again' }], maxTokens: 2, temperature: 0 });
    expect(again.usage.completionTokens).toBe(2);
    const after = (await t.core.request('llm.status', {})).local.runtime!;
    expect(after).toMatchObject({ state: 'ready', restarts: 1 });
    expect(after.pid).not.toBe(ready.pid);
  }, 180_000);

  it('a truncated local model file is shown with its reason before it loads, and the router answers from the cloud', async () => {
    const fake = await startOpenAiFake();
    open.push(fake);
    const t = await coreWithModel('broken.gguf', (file) => truncateSync(file, Math.floor(readFileSync(file).length / 2)));
    await t.secrets.set('llm.cloud.apiKey', 'sk-test-abcdefghijklmnopqrstuvwxyz');
    await t.core.request('settings.update', { patch: { llm: { cloud: { enabled: true, baseUrl: fake.url, model: 'gpt-4o-mini' } } } });
    await t.core.llm.settled();
    fake.reply('/v1/chat/completions', { status: 200, body: completionBody({ content: 'From the cloud', usage: { prompt_tokens: 4, completion_tokens: 3 } }) });

    const result = await t.core.llm.router.chat({ messages: [{ role: 'user', content: 'hello' }], maxTokens: 5 });
    expect(result.text).toBe('From the cloud');
    // Found before anything loads it: the Models screen names the problem, and no worker is started for it.
    const local = (await t.core.request('llm.status', {})).local;
    expect(local.configured).toBe(false);
    expect(local.problem).toMatch(/broken\.gguf cannot be used: the file is truncated/);
    expect(local.runtime).toBeNull();
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(1);
  }, 180_000);
});
