/**
 * Searching Hugging Face's GGUF models and downloading one, against the local fake of the Hub's
 * endpoints (test/fakes/huggingface-fake.ts): the real handlers, the real downloader (redirect
 * with X-Linked-Etag, resume, SHA-256 from the repository's LFS pointer, GGUF completeness
 * check) and the real settings schema for the configurable endpoint.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelHubMethodSchemas } from '../../../src-preload/schemas/model-hub.js';
import { ModelDownloadEventSchema, type HardwareReport, type ModelDownloadEvent } from '../../../src-preload/schemas/models.js';
import { SettingsSchema, type Settings } from '../../../src-preload/schemas/settings.js';
import { createModelHandlers, type ModelSettingsAccess } from '../../../src-main/core/api/handlers/models.js';
import { loadModelCatalog } from '../../../src-main/core/llm/models/catalog-loader.js';
import { ModelManager } from '../../../src-main/core/llm/models/model-manager.js';
import { createLogger, memoryLogSink } from '../../../src-main/core/logging/logger.js';
import { StewardError } from '../../../src-main/core/errors.js';
import { buildTinyLlamaGguf } from '../../helpers/tiny-gguf.js';
import { startHuggingFaceFake, type HuggingFaceFake } from '../../fakes/huggingface-fake.js';

const laptop: HardwareReport = { totalRamBytes: 16e9, freeRamBytes: 12e9, cpuCores: 8, gpu: null, gpuNote: 'test' };
const log = createLogger(memoryLogSink());
const tiny = buildTinyLlamaGguf();
const GB = 1e9;

let hub: HuggingFaceFake;
let root: string;
let modelsDir: string;

function settingsWith(endpoint: string | null): ModelSettingsAccess & { current: Settings } {
  const s = {
    current: SettingsSchema.parse({ llm: { huggingFaceEndpoint: endpoint } }),
    get: () => structuredClone(s.current),
    update: (patch: Record<string, unknown>) => {
      const llm = { ...s.current.llm, ...((patch as { llm?: Record<string, unknown> }).llm ?? {}) };
      s.current = SettingsSchema.parse({ ...s.current, llm });
      return structuredClone(s.current);
    },
  };
  return s;
}

function handlersFor(endpoint: string | null, events: ModelDownloadEvent[] = []) {
  const settings = settingsWith(endpoint);
  const manager = new ModelManager({
    modelsDir,
    catalog: loadModelCatalog({}),
    detectHardware: async () => laptop,
    download: { retries: 0, retryDelayMs: 1, progressIntervalMs: 0, stallTimeoutMs: 5000 },
  });
  const { hub: handlers, close } = createModelHandlers({ modelsDir, log, settings, emit: (e) => events.push(ModelDownloadEventSchema.parse(e)), manager, managerOptions: { env: {} } });
  return { handlers, settings, close, events };
}

/** A port that was free a moment ago: connecting to it is refused, as with no network service there. */
async function portNobodyListensOn(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function userMessageOf(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StewardError);
  return (err as StewardError).userMessage;
}

beforeAll(async () => {
  // Sizes in the file list are the tiny model's; the names carry the real repositories' quantisations.
  hub = await startHuggingFaceFake([
    {
      id: 'bartowski/Qwen_Qwen3-4B-GGUF',
      downloads: 90_000,
      likes: 120,
      files: [
        { path: 'Qwen_Qwen3-4B-Q4_K_M.gguf', content: tiny },
        { path: 'Qwen_Qwen3-4B-Q8_0.gguf', content: Buffer.concat([tiny, Buffer.alloc(64)]) },
        { path: 'README.md', content: Buffer.from('# Qwen3 4B\n'), inGit: true },
      ],
    },
    {
      id: 'unsloth/Qwen3-8B-GGUF',
      downloads: 150_000,
      likes: 300,
      files: [
        { path: 'Qwen3-8B-Q4_K_M.gguf', content: tiny },
        { path: 'Qwen3-8B-BF16-00001-of-00002.gguf', content: tiny },
        { path: 'mmproj-F16.gguf', content: tiny },
      ],
    },
    { id: 'google/gemma-3-4b-it-qat-q4_0-gguf', downloads: 500_000, likes: 900, gated: 'manual', files: [{ path: 'gemma-3-4b-it-q4_0.gguf', content: tiny }] },
    { id: 'someone/qwen3-notes', downloads: 5, likes: 0, tags: ['text-generation'], files: [] },
  ]);
});
afterAll(async () => {
  await hub.close();
});
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'steward-hub-'));
  modelsDir = path.join(root, 'models');
  hub.requests.length = 0;
  return () => rmSync(root, { recursive: true, force: true });
});

describe('models.hubSearch', () => {
  it('lists GGUF repositories matching the words, most downloaded first, with downloads and likes', async () => {
    const { handlers } = handlersFor(hub.url);
    const out = ModelHubMethodSchemas['models.hubSearch'].output.parse(await handlers['models.hubSearch']({ query: 'qwen3' }));
    expect(out.results.map((r) => r.repo)).toEqual(['unsloth/Qwen3-8B-GGUF', 'bartowski/Qwen_Qwen3-4B-GGUF']);
    expect(out.results[0]).toMatchObject({ downloads: 150_000, likes: 300, pipelineTag: 'text-generation' });
    expect(out.endpoint).toBe(new URL(hub.url).host);
    // The documented query: the gguf filter, sorted by downloads, descending, with a limit.
    const query = new URL(`http://x${hub.requests[0]}`).searchParams;
    expect(Object.fromEntries(query)).toEqual({ search: 'qwen3', filter: 'gguf', sort: 'downloads', direction: '-1', limit: '20' });
  });

  it('leaves out gated repositories, which need a signed-in account to download', async () => {
    const { handlers } = handlersFor(hub.url);
    const out = await handlers['models.hubSearch']({ query: 'gemma' });
    expect(out.results).toEqual([]);
  });

  it('says what to do when Hugging Face limits requests (429), is offline, or answers with an error', async () => {
    const { handlers } = handlersFor(hub.url);
    hub.rateLimit(1, 42);
    expect(await userMessageOf(handlers['models.hubSearch']({ query: 'qwen3' }))).toMatch(/limiting requests from this computer \(HTTP 429\)\. Wait 42 s and search again/);

    const closedPort = await portNobodyListensOn();
    const offline = handlersFor(`http://127.0.0.1:${closedPort}`);
    expect(await userMessageOf(offline.handlers['models.hubSearch']({ query: 'qwen3' }))).toMatch(/Could not reach Hugging Face at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Check the internet connection, or set a mirror under Models › Hugging Face/);

    hub.fail(1, 503);
    expect(await userMessageOf(handlers['models.hubSearch']({ query: 'qwen3' }))).toMatch(/answered with HTTP 503\. Try again later/);
  });

  it('refuses a search too short to mean anything, by name', () => {
    const parsed = ModelHubMethodSchemas['models.hubSearch'].input.safeParse({ query: ' q ' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(/at least 2 characters/);
  });
});

describe('models.hubFiles', () => {
  it('lists the GGUF files with quantisation, size, digest, and a fit and speed estimate for this computer', async () => {
    const { handlers } = handlersFor(hub.url);
    const out = ModelHubMethodSchemas['models.hubFiles'].output.parse(await handlers['models.hubFiles']({ repo: 'bartowski/Qwen_Qwen3-4B-GGUF' }));
    expect(out.files.map((f) => f.fileName)).toEqual(['Qwen_Qwen3-4B-Q4_K_M.gguf', 'Qwen_Qwen3-4B-Q8_0.gguf']);
    const q4 = out.files[0]!;
    expect(q4).toMatchObject({ quantization: 'Q4_K_M', parametersBillions: 4, sizeBytes: tiny.length, installed: false, downloadable: true, note: null });
    expect(q4.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(q4.fit).toMatchObject({ fits: true, placement: 'cpu' });
    expect(q4.speed!.summary).toMatch(/^about \d+ tokens\/s on this CPU \(8 threads\)$/);
    expect(q4.speed!.usable).toBe(true);
  });

  it('marks split parts and vision projectors as not downloadable, saying why', async () => {
    const { handlers } = handlersFor(hub.url);
    const out = await handlers['models.hubFiles']({ repo: 'unsloth/Qwen3-8B-GGUF' });
    const byName = Object.fromEntries(out.files.map((f) => [f.fileName, f]));
    expect(byName['Qwen3-8B-Q4_K_M.gguf']).toMatchObject({ downloadable: true, parametersBillions: 8 });
    expect(byName['Qwen3-8B-BF16-00001-of-00002.gguf']).toMatchObject({ downloadable: false, quantization: 'BF16', fit: null });
    expect(byName['Qwen3-8B-BF16-00001-of-00002.gguf']!.note).toMatch(/part 1 of 2 of a split model/);
    expect(byName['mmproj-F16.gguf']!.note).toMatch(/vision projector/);
  });

  it('says a repository that does not exist does not exist, and refuses a malformed id by name', async () => {
    const { handlers } = handlersFor(hub.url);
    expect(await userMessageOf(handlers['models.hubFiles']({ repo: 'nobody/nothing-GGUF' }))).toMatch(/has no public model repository "nobody\/nothing-GGUF"\. Check the spelling/);
    const parsed = ModelHubMethodSchemas['models.hubFiles'].input.safeParse({ repo: '../etc/passwd' });
    expect(parsed.error!.issues[0]!.message).toMatch(/repository id like owner\/name/);
  });

  it('estimates a big file as slow or not fitting on a small machine', async () => {
    const { handlers } = handlersFor(hub.url);
    const repo = hub.repos.find((r) => r.id === 'unsloth/Qwen3-8B-GGUF')!;
    // The fit and speed read the size the file list gives, so the file need not really be 9 GB.
    repo.files.push({ path: 'Qwen3-8B-Q8_0.gguf', content: tiny, listedSize: 9 * GB });
    try {
      const out = await handlers['models.hubFiles']({ repo: repo.id });
      const q8 = out.files.find((f) => f.fileName === 'Qwen3-8B-Q8_0.gguf')!;
      expect(q8.speed === null || q8.speed.usable === false).toBe(true);
    } finally {
      repo.files.pop();
    }
  });
});

describe('models.hubPull', () => {
  it('downloads through the model downloader, checked against the listed SHA-256, and the file becomes the chat default', async () => {
    const events: ModelDownloadEvent[] = [];
    const { handlers, settings } = handlersFor(hub.url, events);
    const out = await handlers['models.hubPull']({ repo: 'bartowski/Qwen_Qwen3-4B-GGUF', fileName: 'Qwen_Qwen3-4B-Q4_K_M.gguf' });
    expect(out).toMatchObject({ id: 'qwen3-4b-q4_k_m', fileName: 'Qwen_Qwen3-4B-Q4_K_M.gguf', started: true });
    await expect.poll(() => events.at(-1)?.state, { timeout: 20_000 }).toBe('completed');
    const file = path.join(modelsDir, 'Qwen_Qwen3-4B-Q4_K_M.gguf');
    expect(readFileSync(file).equals(tiny)).toBe(true);
    expect(settings.current.llm.localModel).toBe('Qwen_Qwen3-4B-Q4_K_M.gguf');
    // It went through /resolve/main/ (the Hub's download URL), which redirected to the CDN.
    expect(hub.requests.some((r) => r.startsWith('/bartowski/Qwen_Qwen3-4B-GGUF/resolve/main/Qwen_Qwen3-4B-Q4_K_M.gguf'))).toBe(true);
    expect(hub.requests.some((r) => r.startsWith('/cdn/'))).toBe(true);
    // Listed as installed afterwards.
    const files = await handlers['models.hubFiles']({ repo: 'bartowski/Qwen_Qwen3-4B-GGUF' });
    expect(files.files.find((f) => f.fileName === 'Qwen_Qwen3-4B-Q4_K_M.gguf')!.installed).toBe(true);
    // A second pull of the same file changes nothing and says why.
    expect(await userMessageOf(handlers['models.hubPull']({ repo: 'bartowski/Qwen_Qwen3-4B-GGUF', fileName: 'Qwen_Qwen3-4B-Q4_K_M.gguf' }))).toMatch(/already installed/);
  });

  it('refuses a vision projector, a split part and a file the repository does not have, downloading nothing', async () => {
    const { handlers } = handlersFor(hub.url);
    expect(await userMessageOf(handlers['models.hubPull']({ repo: 'unsloth/Qwen3-8B-GGUF', fileName: 'mmproj-F16.gguf' }))).toMatch(/cannot be used on its own: it is the vision projector/);
    expect(await userMessageOf(handlers['models.hubPull']({ repo: 'unsloth/Qwen3-8B-GGUF', fileName: 'Qwen3-8B-BF16-00001-of-00002.gguf' }))).toMatch(/split model/);
    expect(await userMessageOf(handlers['models.hubPull']({ repo: 'unsloth/Qwen3-8B-GGUF', fileName: 'Qwen3-8B-Q2_K.gguf' }))).toMatch(/has no file "Qwen3-8B-Q2_K\.gguf"\. Open the repository's file list again/);
    expect(existsSync(modelsDir) ? readdirSync(modelsDir) : []).toEqual([]);
  });

  it('uses HF_ENDPOINT when no mirror is set in settings', async () => {
    const settings = settingsWith(null);
    const manager = new ModelManager({ modelsDir, catalog: loadModelCatalog({}), detectHardware: async () => laptop });
    const { hub: handlers } = createModelHandlers({ modelsDir, log, settings, emit: () => undefined, manager, managerOptions: { env: { HF_ENDPOINT: hub.url } } });
    const out = await handlers['models.hubSearch']({ query: 'qwen3', limit: 1 });
    expect(out.results.map((r) => r.repo)).toEqual(['unsloth/Qwen3-8B-GGUF']);
  });
});
