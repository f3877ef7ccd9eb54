/**
 * Bad model files are rejected with a clear reason BEFORE node-llama-cpp is asked to load them:
 * the injected backend below throws on any use, so reaching it fails the test.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Llama } from 'node-llama-cpp';
import { LocalLlamaProvider } from '../../../src-main/core/llm/local/local-llama-provider.js';
import type { BackendReport } from '../../../src-main/core/llm/local/llama-backend.js';
import { ModelInvalidError, ModelMissingError } from '../../../src-main/core/llm/llm-errors.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-bad-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A backend that must never be touched. */
const untouchable = {
  llama: new Proxy({} as Llama, {
    get(_target, prop) {
      throw new Error(`node-llama-cpp was used (${String(prop)}) before the file was checked`);
    },
  }),
  report: { requested: 'cpu', backend: 'cpu', gpuName: null, reason: 'test', fellBack: false, detected: [], build: 'prebuilt' } satisfies BackendReport,
};

function providerFor(modelPath: string, modelId?: string): LocalLlamaProvider {
  return new LocalLlamaProvider({ modelPath, modelId, llama: untouchable });
}

describe('model file checks before loading', () => {
  it('a missing model names the exact commands that fix it', async () => {
    const missing = path.join(dir, 'qwen2.5-1.5b-instruct-q4_k_m.gguf');
    const error = await providerFor(missing, 'qwen2.5-1.5b-instruct').load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelMissingError);
    const e = error as ModelMissingError;
    expect(e.code).toBe('model_missing');
    expect(e.userMessage).toContain(missing);
    expect(e.userMessage).toContain('`npm run models -- pull qwen2.5-1.5b-instruct`');
    expect(e.userMessage).toContain('`npm run models -- import <file.gguf>`');
  });

  it('the first chat() on a missing model fails with the same error (lazy load)', async () => {
    const provider = providerFor(path.join(dir, 'nope.gguf'));
    await expect(provider.chat({ messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(ModelMissingError);
    // …and keeps failing clearly (a failed load can be retried, and fails again the same way).
    await expect(provider.countTokens('x')).rejects.toThrow(/npm run models -- pull nope/);
  });

  it('a file that is not a GGUF is rejected by its magic bytes', async () => {
    const zip = path.join(dir, 'model.gguf');
    writeFileSync(zip, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4096, 7)]));
    const error = await providerFor(zip).load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelInvalidError);
    expect((error as ModelInvalidError).code).toBe('model_invalid');
    expect((error as ModelInvalidError).userMessage).toMatch(/it is not a GGUF file/);
    expect((error as ModelInvalidError).userMessage).not.toContain('PK'); // never echoes the first bytes of the file
  });

  it('a GGUF cut short in its tensor data is rejected as truncated', async () => {
    const partial = path.join(dir, 'partial.gguf');
    copyFileSync(tinyLlamaGgufPath(), partial);
    const full = readFileSync(partial).length;
    truncateSync(partial, Math.floor(full * 0.6));
    const error = await providerFor(partial).load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelInvalidError);
    expect((error as ModelInvalidError).userMessage).toMatch(/truncated: it has \d+ bytes but its header describes \d+/);
  });

  it('a GGUF cut short inside its header is rejected as truncated', async () => {
    const stub = path.join(dir, 'stub.gguf');
    writeFileSync(stub, readFileSync(tinyLlamaGgufPath()).subarray(0, 200));
    const error = await providerFor(stub).load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelInvalidError);
    expect((error as ModelInvalidError).userMessage).toMatch(/truncated: it ends inside its own header/);
  });

  it('an empty file and a folder are rejected', async () => {
    const empty = path.join(dir, 'empty.gguf');
    writeFileSync(empty, '');
    await expect(providerFor(empty).load()).rejects.toThrow(/the file is empty/);
    const folder = path.join(dir, 'folder.gguf');
    mkdirSync(folder);
    await expect(providerFor(folder).load()).rejects.toThrow(/it is a folder/);
  });
});
