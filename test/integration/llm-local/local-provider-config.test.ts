/** settings.llm → provider options, and the message when no model is set up yet. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-preload/schemas/settings.js';
import { localProviderOptionsFromSettings } from '../../../src-main/core/llm/local/local-provider-config.js';
import { ModelMissingError } from '../../../src-main/core/llm/llm-errors.js';

const modelsDir = path.resolve('/data/steward/models');

describe('localProviderOptionsFromSettings', () => {
  it('resolves file names in the models folder and keeps absolute paths', () => {
    const { llm } = SettingsSchema.parse({ llm: { localModel: 'qwen.gguf', draftModel: '/opt/models/draft.gguf', rerankerModel: 'reranker.gguf', gpu: 'cuda', contextSize: 16384 } });
    expect(localProviderOptionsFromSettings(llm, modelsDir)).toEqual({
      modelPath: path.join(modelsDir, 'qwen.gguf'),
      embeddingModelPath: null,
      draftModelPath: '/opt/models/draft.gguf',
      rerankerModelPath: path.join(modelsDir, 'reranker.gguf'),
      gpu: 'cuda',
      contextSize: 16384,
    });
  });

  it('no model configured → ModelMissingError that says how to get one', () => {
    const { llm } = SettingsSchema.parse({});
    expect(() => localProviderOptionsFromSettings(llm, modelsDir)).toThrow(ModelMissingError);
    expect(() => localProviderOptionsFromSettings(llm, modelsDir)).toThrow(/No local model is set up yet\. Download it with `npm run models -- pull <id>` \(see `npm run models -- list`\)/);
  });
});
