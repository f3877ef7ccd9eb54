import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelCatalogSchema } from '../../../src-preload/schemas/models.js';
import { CATALOG_ENV_VAR, findCatalogEntry, loadModelCatalog, parseModelCatalog } from '../../../src-main/core/llm/models/catalog-loader.js';
import { estimateMemoryNeeds } from '../../../src-main/core/llm/models/memory-estimate.js';
import { InvalidCatalogError } from '../../../src-main/core/llm/models/model-errors.js';
import { resolveModelSourceUrl } from '../../../src-main/core/llm/models/model-source.js';

const raw = JSON.parse(readFileSync(path.resolve('models/catalog.json'), 'utf8'));

describe('models/catalog.json', () => {
  const catalog = ModelCatalogSchema.parse(raw);

  it('is valid against the zod schema and is what the app loads by default', () => {
    expect(loadModelCatalog({})).toEqual(catalog);
  });

  it('offers chat models from about 1.5B to about 8B parameters and one embedding model', () => {
    const chat = catalog.models.filter((m) => m.purpose === 'chat');
    const sizes = chat.map((m) => m.parametersBillions);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1.4);
    expect(Math.min(...sizes)).toBeLessThan(2);
    expect(Math.max(...sizes)).toBeGreaterThan(7.5);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8.5);
    expect(chat.length).toBeGreaterThanOrEqual(5);
    const embedding = catalog.models.filter((m) => m.purpose === 'embedding');
    expect(embedding).toHaveLength(1);
    expect(embedding[0]!.embeddingDimensions).toBeGreaterThan(0);
  });

  it('records no checksum it cannot vouch for, and says which sizes are approximate', () => {
    for (const m of catalog.models) {
      if (m.sha256 === null) expect(catalog.provenance).toMatch(/sha256: null/);
      if (!m.sizeExact) expect(catalog.provenance).toMatch(/sizeExact: false/);
    }
  });

  it('has memory figures produced by the documented estimate formula', () => {
    for (const m of catalog.models) {
      const expected = estimateMemoryNeeds({ fileBytes: m.sizeBytes, kvCacheBytesPerToken: m.memory.kvCacheBytesPerToken, contextSize: m.memory.contextSize });
      expect(m.memory.ramBytes, m.id).toBe(expected.ramBytes);
      expect(m.memory.vramBytes, m.id).toBe(expected.vramBytes);
      expect(m.memory.vramBytes).toBeGreaterThan(m.sizeBytes);
    }
  });

  it('finds an entry by id, by file name, or by the file name without .gguf that error messages show', () => {
    const id = 'qwen2.5-3b-instruct-q4_k_m';
    expect(findCatalogEntry(catalog, id)?.id).toBe(id);
    expect(findCatalogEntry(catalog, 'Qwen2.5-3B-Instruct-Q4_K_M.gguf')?.id).toBe(id);
    expect(findCatalogEntry(catalog, 'Qwen2.5-3B-Instruct-Q4_K_M')?.id).toBe(id);
    expect(findCatalogEntry(catalog, 'qwen2.5-3b')).toBeUndefined();
  });

  it('maps every source to an https Hugging Face download of the named file', () => {
    for (const m of catalog.models) {
      const url = new URL(resolveModelSourceUrl(m.source, {}));
      expect(url.protocol).toBe('https:');
      expect(url.host).toBe('huggingface.co');
      expect(url.pathname.endsWith(`/${m.fileName}`)).toBe(true);
      expect(url.pathname).toMatch(/\/resolve\/main\//);
    }
  });
});

describe('catalog validation', () => {
  const base = ModelCatalogSchema.parse(raw);
  const first = raw.models[0];

  it('names each problem of an invalid catalog', () => {
    const bad = { ...raw, models: [first, { ...first, sha256: 'not-a-digest', sizeBytes: -1 }] };
    const err = (() => {
      try {
        parseModelCatalog(bad, 'test');
      } catch (e) {
        return e as InvalidCatalogError;
      }
      throw new Error('expected a failure');
    })();
    expect(err).toBeInstanceOf(InvalidCatalogError);
    expect(err.userMessage).toMatch(/models\.1\.sha256: must be 64 lowercase hex/);
    expect(err.userMessage).toMatch(/models\.1\.sizeBytes/);
    expect(err.userMessage).toMatch(/duplicate id/);
  });

  it('rejects a draft link to a model that is not a draft model', () => {
    const chat = base.models.find((m) => m.purpose === 'chat')!;
    const bad = { version: 1, models: [{ ...chat, draftModelId: chat.id }] };
    expect(() => parseModelCatalog(bad, 'test')).toThrow(/names no draft model/);
  });
});

describe('STEWARD_MODEL_CATALOG', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('replaces the built-in catalog with a file, which is validated too', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'steward-catalog-'));
    dir = tmp;
    const file = path.join(tmp, 'catalog.json');
    writeFileSync(file, JSON.stringify({ version: 1, models: [{ ...raw.models[0], id: 'only-one', draftModelId: null, source: 'http://127.0.0.1:1/x.gguf' }] }));
    const catalog = loadModelCatalog({ [CATALOG_ENV_VAR]: file });
    expect(catalog.models.map((m) => m.id)).toEqual(['only-one']);

    writeFileSync(file, '{ not json');
    expect(() => loadModelCatalog({ [CATALOG_ENV_VAR]: file })).toThrow(/not valid JSON/);
    expect(() => loadModelCatalog({ [CATALOG_ENV_VAR]: path.join(tmp, 'missing.json') })).toThrow(/cannot be read \(ENOENT\)/);
  });
});
