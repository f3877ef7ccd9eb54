/**
 * A reranking GGUF in the models folder: listed with purpose "reranker" (read from its classifier
 * head), made the reranker with models.setDefault (settings.llm.rerankerModel), handed to the
 * local provider, and cleared again.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema, type Settings } from '../../../src-preload/schemas/settings.js';
import { createModelHandlers, type ModelSettingsAccess } from '../../../src-main/core/api/handlers/models.js';
import { localProviderOptionsFromSettings } from '../../../src-main/core/llm/local/local-provider-config.js';
import { ModelManager } from '../../../src-main/core/llm/models/model-manager.js';
import { createLogger, memoryLogSink } from '../../../src-main/core/logging/logger.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';

let root: string;
let modelsDir: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'steward-reranker-model-'));
  modelsDir = path.join(root, 'models');
  mkdirSync(modelsDir);
  copyFileSync(tinyLlamaGgufPath({ ranking: true, seed: 16, blockCount: 1 }), path.join(modelsDir, 'tiny-reranker.gguf'));
  copyFileSync(tinyLlamaGgufPath({ seed: 16, blockCount: 1 }), path.join(modelsDir, 'tiny-chat.gguf'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function settingsStore(): ModelSettingsAccess & { current: Settings } {
  const s = {
    current: SettingsSchema.parse({}),
    get: () => structuredClone(s.current),
    update: (patch: Record<string, unknown>) => {
      const llm = { ...s.current.llm, ...((patch.llm as Record<string, unknown>) ?? {}) };
      s.current = SettingsSchema.parse({ ...s.current, llm });
      return structuredClone(s.current);
    },
  };
  return s;
}

describe('a reranking model on the Models screen', () => {
  it('is listed as a reranker, becomes the reranker on "Use as default", reaches the local provider, and can be cleared', async () => {
    const settings = settingsStore();
    const manager = new ModelManager({ modelsDir, catalog: { version: 1, models: [] }, detectHardware: async () => ({ totalRamBytes: 32e9, freeRamBytes: 24e9, cpuCores: 8, gpu: null, gpuNote: 'test' }) });
    const { handlers } = createModelHandlers({ modelsDir, log: createLogger(memoryLogSink()), settings, emit: () => undefined, manager });

    const before = await handlers['models.list']({});
    expect(before.models.find((m) => m.fileName === 'tiny-reranker.gguf')).toMatchObject({ purpose: 'reranker', defaultFor: [], problem: null });
    expect(before.models.find((m) => m.fileName === 'tiny-chat.gguf')).toMatchObject({ purpose: 'chat' });

    const set = await handlers['models.setDefault']({ id: 'tiny-reranker.gguf' });
    expect(set).toMatchObject({ purpose: 'reranker', fileName: 'tiny-reranker.gguf' });
    expect(settings.current.llm).toMatchObject({ rerankerModel: 'tiny-reranker.gguf', localModel: null });
    const after = await handlers['models.list']({});
    expect(after.models.find((m) => m.fileName === 'tiny-reranker.gguf')!.defaultFor).toEqual(['reranker']);

    await handlers['models.setDefault']({ id: 'tiny-chat.gguf' });
    const options = localProviderOptionsFromSettings(settings.current.llm, modelsDir);
    expect(options.rerankerModelPath).toBe(path.join(modelsDir, 'tiny-reranker.gguf'));

    await handlers['models.setDefault']({ id: null, purpose: 'reranker' });
    expect(settings.current.llm.rerankerModel).toBeNull();
    expect(localProviderOptionsFromSettings(settings.current.llm, modelsDir).rerankerModelPath).toBeNull();
  });
});
