import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/app.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';
import { tinyLlamaGgufPath, type TinyLlamaOptions } from '../../helpers/tiny-gguf.js';
import { LlmService } from '../../../src-main/core/llm/llm-service.js';

describe('model layer inside the core', () => {
  const open: TestCore[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.dispose();
  });

  it('reports that no model is installed, with the command to get one', async () => {
    const t = await createTestCore();
    open.push(t);
    const status = await t.core.request('llm.status', {});
    expect(status.local).toMatchObject({ configured: false, model: null, detail: expect.stringContaining('npm run models -- pull') });
    expect(status.cloud.enabled).toBe(false);
    expect(t.core.llm.hasModel()).toBe(false);
  });

  it('keeps the cloud key only in the keychain and never in the audit log', async () => {
    const t = await createTestCore();
    open.push(t);
    await t.core.request('llm.setCloudKey', { apiKey: 'sk-test-abcdefghijklmnopqrstuvwxyz' });
    expect(await t.secrets.get('llm.cloud.apiKey')).toBe('sk-test-abcdefghijklmnopqrstuvwxyz');
    const [row] = await t.core.request('audit.list', { limit: 1 });
    expect(row).toMatchObject({ action: 'llm.setCloudKey', args: { apiKey: '[redacted]' } });
    expect(JSON.stringify(t.core.audit.list())).not.toContain('abcdefghijklmnop');
    await t.core.request('llm.setCloudKey', { apiKey: null });
    expect(await t.secrets.get('llm.cloud.apiKey')).toBeNull();
  });

  it('turns the cloud provider on and off with the settings', async () => {
    const t = await createTestCore();
    open.push(t);
    await t.core.request('settings.update', { patch: { llm: { cloud: { enabled: true, baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini' } } } });
    await t.core.llm.settled();
    expect(t.core.llm.hasModel()).toBe(true);
    expect((await t.core.request('llm.status', {})).cloud).toEqual({ enabled: true, baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini' });
    await t.core.request('settings.update', { patch: { llm: { cloud: { enabled: false } } } });
    await t.core.llm.settled();
    expect(t.core.llm.hasModel()).toBe(false);
  });

  it('routes calls through the router and records them for the dashboard', async () => {
    const dir = tempDir();
    const script = path.join(dir, 'script.json');
    writeFileSync(script, JSON.stringify({ model: 'scripted-test', fallback: { type: 'text', text: 'Hello from the script' } }));
    const core = await createCore(
      { profile: 'default', host: 'test', version: '0', dataDir: dir, providerSpec: `scripted:${script}` },
      { secrets: createMemorySecretStore() },
    );
    try {
      expect(core.llm.hasModel()).toBe(true);
      const result = await core.llm.router.chat({ messages: [{ role: 'user', content: 'hi' }], role: 'conversation' });
      expect(result.text).toBe('Hello from the script');
      const stats = await core.request('router.stats', {});
      expect(stats.share.local.calls).toBe(1);
      expect(stats.share.localCallShare).toBe(1);
    } finally {
      await core.close();
    }
  });

  it('starts the opt-in local OpenAI-compatible API only when enabled', async () => {
    const t = await createTestCore();
    open.push(t);
    expect((await t.core.request('llm.status', {})).localApi.url).toBeNull();
    await t.core.request('settings.update', { patch: { llm: { localApi: { enabled: true, port: 47_421 } } } });
    await t.core.llm.settled();
    const { localApi } = await t.core.request('llm.status', {});
    expect(localApi.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const unauthorized = await fetch(`${localApi.url}/models`);
    expect(unauthorized.status).toBe(401);
    await t.core.request('settings.update', { patch: { llm: { localApi: { enabled: false } } } });
    await t.core.llm.settled();
    await expect(fetch(`${localApi.url}/models`)).rejects.toThrow();
  });
});

describe('local model set in settings', () => {
  /** A core whose settings name a generated tiny GGUF copied into its models folder. */
  async function coreWithTinyModel(fileName: string, options: TinyLlamaOptions = {}): Promise<{ t: TestCore; modelsDir: string }> {
    const t = await createTestCore();
    const modelsDir = t.core.paths.modelsDir;
    mkdirSync(modelsDir, { recursive: true });
    copyFileSync(tinyLlamaGgufPath(options), path.join(modelsDir, fileName));
    await t.core.request('settings.update', { patch: { llm: { localModel: fileName } } });
    return { t, modelsDir };
  }

  it('warns before loading a model that does not fit, with the estimate', async () => {
    const { t, modelsDir } = await coreWithTinyModel('tiny.gguf');
    try {
      const notes: string[] = [];
      t.core.events.subscribe((e) => e.type === 'notification' && notes.push(e.body));
      const tinyMachine = async () => ({ totalRamBytes: 64 * 2 ** 20, freeRamBytes: 16 * 2 ** 20, cpuCores: 1, gpu: null, gpuNote: 'no GPU' });
      const service = await LlmService.create({
        db: t.core.db.raw,
        settings: t.core.settings,
        secrets: t.secrets,
        events: t.core.events,
        modelsDir,
        detectHardware: tinyMachine,
      });
      try {
        const { local } = service.status();
        expect(local.configured).toBe(true);
        expect(local.fitWarning ?? '').toMatch(/[0-9.]+ ?[MG]B/);
        expect(notes).toContain(local.fitWarning);
      } finally {
        await service.close();
      }
    } finally {
      await t.dispose();
    }
  });

  it('after warm-up, the Models screen status says which backend runs the model, its context per request and why', async () => {
    const { t, modelsDir } = await coreWithTinyModel('long.gguf', { contextLength: 65_536 });
    try {
      expect(t.core.settings.get().llm.contextSize).toBe('auto');
      const service = await LlmService.create({ db: t.core.db.raw, settings: t.core.settings, secrets: t.secrets, events: t.core.events, modelsDir, warmUp: true });
      try {
        expect(service.status().local.context).toBeNull(); // not loaded yet
        await expect.poll(() => service.status().local.context, { timeout: 30_000, interval: 100 }).not.toBeNull();
        const { local } = service.status();
        expect(local.backend).toBe('cpu');
        expect(local.build).toBe('prebuilt');
        expect(local.context).toMatchObject({ tokens: 32_768 });
        expect(local.context?.note).toMatch(/^32K tokens per sequence: memory allows the longest automatic context; \d+ sequence\(s\)/);
      } finally {
        await service.close();
      }
    } finally {
      await t.dispose();
    }
  });
});
