/**
 * The settings that choose how the local model runs: llm.inference (worker | in-process) and
 * llm.engine (node-llama-cpp | llama-server). Bad values are refused by name and change nothing;
 * each choice shows in llm.status before anything is loaded.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';

const open: TestCore[] = [];
afterAll(async () => {
  for (const t of open.splice(0)) await t.dispose();
});

describe('engine settings', () => {
  it('default: node-llama-cpp in a worker process; in-process and llama-server on request; bad values refused', async () => {
    const t = await createTestCore({ installAgent: false });
    open.push(t);
    mkdirSync(t.core.paths.modelsDir, { recursive: true });
    copyFileSync(tinyLlamaGgufPath(), path.join(t.core.paths.modelsDir, 'tiny.gguf'));
    await t.core.request('settings.update', { patch: { llm: { localModel: 'tiny.gguf' } } });
    await t.core.llm.settled();
    expect(t.core.settings.get().llm).toMatchObject({ engine: 'node-llama-cpp', inference: 'worker', llamaServerBinary: null, llamaServerPort: null });
    // Memory may already have asked for an embedding, which starts the worker: any state but failed.
    const worker = (await t.core.request('llm.status', {})).local.runtime!;
    expect(worker).toMatchObject({ engine: 'node-llama-cpp', inference: 'worker', restarts: 0, failedReason: null });
    expect(['not-started', 'starting', 'ready']).toContain(worker.state);

    await t.core.request('settings.update', { patch: { llm: { inference: 'in-process' } } });
    await t.core.llm.settled();
    expect((await t.core.request('llm.status', {})).local.runtime).toMatchObject({ engine: 'node-llama-cpp', inference: 'in-process', pid: process.pid });

    await t.core.request('settings.update', { patch: { llm: { engine: 'llama-server', llamaServerBinary: '/opt/nowhere/llama-server' } } });
    await t.core.llm.settled();
    expect((await t.core.request('llm.status', {})).local.runtime).toMatchObject({ engine: 'llama-server', inference: 'server' });
    // A missing binary: the call fails with where it looked; the status says the model failed and why.
    await expect(t.core.llm.router.chat({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 2 })).rejects.toThrow(/llama-server was not found at \/opt\/nowhere\/llama-server/);
    expect((await t.core.request('llm.status', {})).local.runtime).toMatchObject({ state: 'failed', failedReason: expect.stringMatching(/settings llm\.llamaServerBinary/) });

    const before = t.core.settings.get().llm;
    await expect(t.core.request('settings.update', { patch: { llm: { engine: 'ollama' } } })).rejects.toThrow(/must be 'node-llama-cpp' or 'llama-server'/);
    await expect(t.core.request('settings.update', { patch: { llm: { inference: 'gpu-thread' } } })).rejects.toThrow(/must be 'worker' or 'in-process'/);
    await expect(t.core.request('settings.update', { patch: { llm: { llamaServerPort: 80 } } })).rejects.toThrow(/must be 1024 or higher/);
    expect(t.core.settings.get().llm).toEqual(before);
  }, 120_000);
});
