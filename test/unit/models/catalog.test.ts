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

  it('offers chat models from about 1B to about 12B parameters in several families, draft models and one embedding model', () => {
    const chat = catalog.models.filter((m) => m.purpose === 'chat');
    const sizes = chat.map((m) => m.parametersBillions);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(0.9);
    expect(Math.min(...sizes)).toBeLessThan(2);
    expect(Math.max(...sizes)).toBeGreaterThan(7.5);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(13);
    expect(chat.length).toBeGreaterThanOrEqual(5);
    expect(new Set(chat.map((m) => m.family)).size).toBeGreaterThanOrEqual(5);
    for (const family of ['qwen3', 'gemma3', 'llama3', 'phi3', 'mistral', 'smollm3']) expect(chat.some((m) => m.family === family), family).toBe(true);
    expect(catalog.models.filter((m) => m.purpose === 'draft').length).toBeGreaterThanOrEqual(2);
    const embedding = catalog.models.filter((m) => m.purpose === 'embedding');
    expect(embedding.length).toBeGreaterThanOrEqual(1);
    // Memory's vector tables hold 384 floats: an embedding model of another width would switch vectors off.
    for (const e of embedding) expect(e.embeddingDimensions, e.id).toBe(384);
  });

  it('every entry is a plausible, complete description of a real Hugging Face GGUF', () => {
    const quantBits: Record<string, number> = { Q4_K_M: 4.85, Q4_0: 4.5, Q5_K_M: 5.7, Q6_K: 6.6, Q8_0: 8.5, F16: 16 };
    const licenses = new Set(['apache-2.0', 'mit', 'llama3.1', 'llama3.2', 'gemma', 'qwen-research', 'mrl']);
    for (const m of catalog.models) {
      // The quantisation named in the id, the file name and the field agree.
      expect(m.id.toLowerCase(), m.id).toContain(m.quantization.toLowerCase());
      expect(m.fileName.toLowerCase(), m.id).toContain(m.quantization.toLowerCase());
      // Size ≈ parameters × bits per weight (embeddings and output layers kept at higher precision: 0.7–1.5×).
      const bits = quantBits[m.quantization];
      expect(bits, `${m.id}: unknown quantization ${m.quantization}`).toBeDefined();
      const expected = (m.parametersBillions * 1e9 * bits!) / 8;
      expect(m.sizeBytes / expected, m.id).toBeGreaterThan(0.7);
      expect(m.sizeBytes / expected, m.id).toBeLessThan(1.5);
      expect(licenses.has(m.license), `${m.id}: licence ${m.license}`).toBe(true);
      expect(m.family, m.id).toMatch(/^[a-z0-9.]+$/);
      expect(m.source, m.id).toMatch(new RegExp(`^hf:[^/]+/[^/]+-GGUF/${m.fileName.replace(/[.]/g, '\\.')}(#[0-9a-f]{40})?$`, 'i'));
      expect(m.homepage, m.id).toMatch(/^https:\/\/huggingface\.co\/[^/]+\/[^/]+$/);
      // Role: chat and draft models have no embedding width; embedding models do.
      expect(m.embeddingDimensions === null, m.id).toBe(m.purpose !== 'embedding');
      if (m.purpose === 'draft') expect(m.parametersBillions, m.id).toBeLessThan(1.5);
      // A draft model shares the chat model's family (same tokenizer).
      if (m.draftModelId) expect(catalog.models.find((d) => d.id === m.draftModelId)!.family, m.id).toBe(m.family);
      // Non-commercial licences say so in the notes, since Steward is used for business.
      if (m.license === 'qwen-research' || m.license === 'mrl') expect(m.notes, m.id).toMatch(/non-commercial/);
    }
  });

  it('records no checksum it cannot vouch for, and says which sizes are approximate', () => {
    for (const m of catalog.models) {
      if (m.sha256 === null) expect(catalog.provenance).toMatch(/sha256: null/);
      if (!m.sizeExact) expect(catalog.provenance).toMatch(/sizeExact: false/);
    }
  });

  it('pins every recorded checksum to the repository revision it was read from, and says where each figure comes from', () => {
    // A SHA-256 describes one version of a file; on main a re-upload would make every pull fail.
    const docs = readFileSync(path.resolve('docs/models.md'), 'utf8');
    for (const m of catalog.models) {
      const revision = /#([0-9a-f]{40})$/.exec(m.source)?.[1];
      if (m.sha256 !== null) {
        expect(revision, `${m.id} has a SHA-256 but no pinned revision`).toBeDefined();
        expect(docs, m.id).toContain(m.sha256);
        expect(docs, m.id).toContain(revision!);
      }
      // docs/models.md has a row for every entry, confirmed or not.
      expect(docs, m.id).toContain(`\`${m.id}\``);
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
      expect(url.pathname).toMatch(/\/resolve\/(main|[0-9a-f]{40})\//);
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
