import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelDownloadEventSchema, ModelMethodSchemas, type HardwareReport, type ModelDownloadEvent } from '../../../src-preload/schemas/models.js';
import { SettingsSchema, type Settings } from '../../../src-preload/schemas/settings.js';
import { createModelHandlers, type ModelSettingsAccess } from '../../../src-main/core/api/handlers/models.js';
import { ModelManager } from '../../../src-main/core/llm/models/model-manager.js';
import { DownloadedModelInvalidError, DownloadInProgressError, ModelAlreadyInstalledError, ServerSizeMismatchError } from '../../../src-main/core/llm/models/model-errors.js';
import { createLogger, memoryLogSink } from '../../../src-main/core/logging/logger.js';
import { startFileServer, type FileServer } from './helpers/file-server.js';
import { serveTestCatalog, type ServedCatalog } from './helpers/test-catalog.js';

const roomyMachine: HardwareReport = { totalRamBytes: 32e9, freeRamBytes: 24e9, cpuCores: 8, gpu: null, gpuNote: 'test' };

let server: FileServer;
let served: ServedCatalog;
let root: string;
let modelsDir: string;
/** The core's log port, kept in memory: the handlers write a problem after a finished download there. */
const log = createLogger(memoryLogSink());

beforeEach(async () => {
  server = await startFileServer();
  served = serveTestCatalog(server);
  root = mkdtempSync(path.join(os.tmpdir(), 'steward-mm-'));
  modelsDir = path.join(root, 'models');
});
afterEach(async () => {
  await server.close();
  served.cleanup();
  rmSync(root, { recursive: true, force: true });
});

function manager(): ModelManager {
  return new ModelManager({
    modelsDir,
    catalog: served.catalog,
    detectHardware: async () => roomyMachine,
    download: { retries: 0, retryDelayMs: 1, progressIntervalMs: 0, stallTimeoutMs: 5000 },
  });
}

/** Settings access with the real schema: patches are merged and the result validated, like SettingsStore. */
function memorySettings(): ModelSettingsAccess & { current: Settings } {
  const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) {
      const cur = out[k];
      out[k] = cur && typeof cur === 'object' && !Array.isArray(cur) && v && typeof v === 'object' && !Array.isArray(v) ? merge(cur as Record<string, unknown>, v as Record<string, unknown>) : v;
    }
    return out;
  };
  const s = {
    current: SettingsSchema.parse({}),
    get: () => structuredClone(s.current),
    update: (patch: Record<string, unknown>) => {
      s.current = SettingsSchema.parse(merge(s.current as unknown as Record<string, unknown>, patch));
      return structuredClone(s.current);
    },
  };
  return s;
}

describe('ModelManager.pull', () => {
  it('downloads a catalog model, verifies it is a complete GGUF and lists it as installed', async () => {
    const m = manager();
    const result = await m.pull('tiny-chat');
    expect(result).toMatchObject({ id: 'tiny-chat', fileName: 'tiny-chat.gguf', verifiedBy: 'expected-sha256' });
    expect(readFileSync(path.join(modelsDir, 'tiny-chat.gguf')).equals(served.chat)).toBe(true);
    const { models } = await m.list();
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({ id: 'tiny-chat', problem: null });
    await expect(m.pull('tiny-chat')).rejects.toBeInstanceOf(ModelAlreadyInstalledError);
  });

  it('follows a Hugging Face style redirect and checks the announced digest when the catalog has none', async () => {
    const result = await manager().pull('tiny-embed');
    expect(result.verifiedBy).toBe('announced-sha256');
  });

  it('refuses a catalog model whose server size is far from the rounded catalog size, naming both, before writing a byte', async () => {
    // The file behind the entry was replaced by one twice as big: the catalog's "about" size no longer describes it.
    const bigger = Buffer.concat([served.embed, served.embed]);
    server.files.set('/cdn/tiny-embed.gguf', { content: bigger });
    server.redirect('/resolve/tiny-embed.gguf', '/cdn/tiny-embed.gguf', { size: bigger.length });
    const err = await manager().pull('tiny-embed').catch((e) => e);
    expect(err).toBeInstanceOf(ServerSizeMismatchError);
    expect(err.code).toBe('model_invalid');
    expect(err.userMessage).toContain(`the server offers ${bigger.length.toLocaleString('en-US')} bytes, but the catalog expects about`);
    expect(err.userMessage).toMatch(/different or replaced file\. Nothing was written/);
    expect(err.userMessage).toMatch(/search for the file under Models › Hugging Face\./);
    expect(existsSync(path.join(modelsDir, 'tiny-embed.gguf'))).toBe(false);
    expect(existsSync(path.join(modelsDir, 'tiny-embed.gguf.part'))).toBe(false);
    expect((await manager().list()).partialDownloads).toEqual([]);
  });

  it('deletes a download that is not a complete GGUF and reports why', async () => {
    const err = await manager().pull('broken').catch((e) => e);
    expect(err).toBeInstanceOf(DownloadedModelInvalidError);
    expect(err.code).toBe('model_invalid');
    expect(err.reason).toMatch(/truncated/);
    expect(err.userMessage).toMatch(/was deleted/);
    expect(existsSync(path.join(modelsDir, 'broken.gguf'))).toBe(false);
    expect(existsSync(path.join(modelsDir, 'broken.gguf.part'))).toBe(false);
  });

  it('cancels a download: the partial file is kept, never listed as installed, and the next pull resumes it', async () => {
    server.switches.stallAfterBytes = 100_000;
    const m = manager();
    let cancelled: Promise<boolean> | null = null;
    const pulling = m.pull('tiny-chat', {
      onProgress: (p) => {
        if (p.bytes >= 100_000 && !cancelled) cancelled = m.cancel('tiny-chat');
      },
    });
    await expect(m.pull('tiny-chat')).rejects.toBeInstanceOf(DownloadInProgressError);
    const err = await pulling.catch((e) => e);
    expect(err.code).toBe('cancelled');
    expect(await cancelled).toBe(true);

    const listed = await m.list();
    expect(listed.models).toEqual([]);
    expect(listed.partialDownloads).toEqual([{ fileName: 'tiny-chat.gguf', catalogId: 'tiny-chat', bytes: 100_000, totalBytes: served.chat.length }]);
    expect((await m.catalogView()).find((v) => v.entry.id === 'tiny-chat')).toMatchObject({ installed: false, partialBytes: 100_000, downloading: false });

    server.switches.stallAfterBytes = null;
    const resumed = await m.pull('tiny-chat');
    expect(resumed.resumedFromBytes).toBe(100_000);
    expect(server.requests.at(-1)!.range).toBe('bytes=100000-');
  });
});

describe('model handlers', () => {
  it('pull returns at once with the fit, streams model.download events, and makes the first chat model the default', async () => {
    const settings = memorySettings();
    const events: ModelDownloadEvent[] = [];
    const { handlers, close } = createModelHandlers({ modelsDir, log, settings, emit: (e) => events.push(ModelDownloadEventSchema.parse(e)), manager: manager() });

    const started = ModelMethodSchemas['models.pull'].output.parse(await handlers['models.pull']({ id: 'tiny-chat' }));
    expect(started).toMatchObject({ id: 'tiny-chat', started: true, fit: { fits: true } });
    await expect.poll(() => events.at(-1)?.state, { timeout: 10_000 }).toBe('completed');
    expect(events[0]!.state).toBe('starting');
    expect(events.some((e) => e.state === 'downloading' && e.bytes > 0 && e.total === served.chat.length)).toBe(true);
    expect(events.at(-1)).toMatchObject({ id: 'tiny-chat', bytes: served.chat.length, error: null });
    expect(settings.current.llm.localModel).toBe('tiny-chat.gguf');

    const list = ModelMethodSchemas['models.list'].output.parse(await handlers['models.list']({}));
    expect(list.models[0]!.defaultFor).toEqual(['chat']);
    await close();
  });

  it('reports a failed download as an event with the reason', async () => {
    const events: ModelDownloadEvent[] = [];
    const { handlers } = createModelHandlers({ modelsDir, log, settings: memorySettings(), emit: (e) => events.push(e), manager: manager() });
    await handlers['models.pull']({ id: 'broken' });
    await expect.poll(() => events.at(-1)?.state, { timeout: 10_000 }).toBe('failed');
    expect(events.at(-1)!.error).toMatch(/truncated/);
  });

  it('rejects a pull of an unknown id in the request itself', async () => {
    const { handlers } = createModelHandlers({ modelsDir, log, settings: memorySettings(), emit: () => undefined, manager: manager() });
    const err = await handlers['models.pull']({ id: 'no-such-model' }).catch((e) => e);
    expect(err.code).toBe('not_found');
    expect(err.userMessage).toMatch(/npm run models -- list/);
  });

  it('setDefault points a slot at an installed model with its fit; delete clears the slot', async () => {
    const settings = memorySettings();
    const m = manager();
    await m.pull('tiny-chat');
    await m.pull('tiny-embed');
    const { handlers } = createModelHandlers({ modelsDir, log, settings, emit: () => undefined, manager: m });

    const chat = await handlers['models.setDefault']({ id: 'tiny-chat' });
    expect(chat).toMatchObject({ purpose: 'chat', fileName: 'tiny-chat.gguf', fit: { fits: true } });
    const embed = await handlers['models.setDefault']({ id: 'tiny-embed' });
    expect(embed.purpose).toBe('embedding');
    expect(settings.current.llm).toMatchObject({ localModel: 'tiny-chat.gguf', embeddingModel: 'tiny-embed.gguf' });

    const missing = await handlers['models.setDefault']({ id: 'broken' }).catch((e) => e);
    expect(missing.code).toBe('not_found');

    expect(await handlers['models.delete']({ id: 'tiny-chat' })).toEqual({ deleted: true, fileName: 'tiny-chat.gguf', clearedDefaults: ['chat'] });
    expect(settings.current.llm.localModel).toBeNull();
    expect(settings.current.llm.embeddingModel).toBe('tiny-embed.gguf');

    await handlers['models.setDefault']({ id: null, purpose: 'embedding' });
    expect(settings.current.llm.embeddingModel).toBeNull();
  });

  it('validates inputs with the contract schemas', () => {
    expect(ModelMethodSchemas['models.import'].input.safeParse({ path: 'relative/model.gguf' }).success).toBe(false);
    expect(ModelMethodSchemas['models.delete'].input.safeParse({ id: '../../etc/passwd' }).success).toBe(false);
    expect(ModelMethodSchemas['models.setDefault'].input.safeParse({ id: null }).success).toBe(false);
    expect(ModelMethodSchemas['models.recommend'].input.safeParse({ contextSize: 100 }).success).toBe(false);
  });

  it('recommend and catalog answer in the contract shape', async () => {
    const settings = memorySettings();
    const { handlers } = createModelHandlers({ modelsDir, log, settings, emit: () => undefined, manager: manager() });
    const rec = ModelMethodSchemas['models.recommend'].output.parse(await handlers['models.recommend']({}));
    expect(rec.recommendedId).toBe('tiny-chat');
    // The default 'auto' context is judged at the working context every machine that runs the model gets.
    expect(settings.current.llm.contextSize).toBe('auto');
    expect(rec.contextSize).toBe(8192);
    const catalog = ModelMethodSchemas['models.catalog'].output.parse(await handlers['models.catalog']({}));
    expect(catalog.map((c) => c.entry.id)).toEqual(['tiny-chat', 'tiny-embed', 'broken']);
  });
});
