/**
 * Speculative decoding with a draft model (node-llama-cpp's DraftSequenceTokenPredictor). The
 * draft is a 1-layer model generated from the same seed as the 4-layer main model, so it shares
 * the vocabulary, embeddings and first layer and guesses many tokens right. Greedy output must be
 * exactly what the main model alone produces: speculation may only change speed, never text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { LocalLlamaProvider } from '../../../src-main/core/llm/local/local-llama-provider.js';
import { openLlamaBackend } from '../../../src-main/core/llm/local/llama-backend.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';
import { draftRunFixApplied } from '../../../src-main/core/llm/local/draft-model.js';

const shape = { seed: 21, layerWeightStd: 0.005 };
let backend: Awaited<ReturnType<typeof openLlamaBackend>>;

beforeAll(async () => {
  backend = await openLlamaBackend('cpu');
});
afterAll(async () => {
  await backend?.llama.dispose();
});

async function generate(draftModelPath: string | null, draft: { maxDraftTokens?: number; minDraftTokens?: number } = {}) {
  const provider = await LocalLlamaProvider.open({
    modelPath: tinyLlamaGgufPath({ ...shape, blockCount: 4 }),
    draftModelPath,
    // Random weights are never confident; let the draft guess anyway and wait for a few guesses.
    draft: { minConfidence: 0, ...draft },
    sequences: 1,
    contextSize: 2048,
    llama: backend,
  });
  try {
    const result = await provider.chat({ messages: [{ role: 'user', content: 'Tell me about the quarterly numbers.' }], maxTokens: 80, temperature: 0 });
    return { text: result.text, info: await provider.info(), stats: provider.stats()! };
  } finally {
    await provider.close();
  }
}

describe('speculative decoding', () => {
  it('accepts draft tokens and produces exactly the main model’s greedy text', async () => {
    const plain = await generate(null);
    const drafted = await generate(tinyLlamaGgufPath({ ...shape, blockCount: 1 }));
    expect(plain.info.speculative.enabled).toBe(false);
    expect(drafted.info.speculative).toMatchObject({ enabled: true });
    expect(drafted.stats.draft!.validated).toBeGreaterThan(0);
    expect(drafted.text).toBe(plain.text);
  });

  it('keeps every guess of a run when the draft is right (install-time fix of node-llama-cpp applied)', async () => {
    // The main model as its own draft guesses every token right: nothing may be refuted.
    expect(draftRunFixApplied()).toBe(true);
    const main = tinyLlamaGgufPath({ ...shape, blockCount: 4 });
    const plain = await generate(null);
    const drafted = await generate(main, { maxDraftTokens: 4, minDraftTokens: 4 });
    expect(drafted.text).toBe(plain.text);
    expect(drafted.stats.draft!.refuted).toBe(0);
    expect(drafted.stats.draft!.validated).toBeGreaterThan(20);
  });

  it('a missing draft model turns speculation off with the reason, and the main model still works', async () => {
    const result = await generate(path.join(os.tmpdir(), 'no-such-draft.gguf'));
    expect(result.info.speculative.enabled).toBe(false);
    expect(result.info.speculative.reason).toMatch(/draft model could not be loaded \(The draft model "no-such-draft" was not found/);
    expect(result.text.length).toBeGreaterThan(0);
  });
});
