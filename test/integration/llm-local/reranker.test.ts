/**
 * The reranking model through the provider boundary: a tiny qwen3 GGUF with a Qwen3-Reranker-style
 * classifier head (generated, seeded random weights) loaded by real node-llama-cpp, in-process and
 * across the inference worker's process boundary. Scores are what node-llama-cpp's own ranking
 * context gives for the same model; a missing or wrong model is refused with what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLlama } from 'node-llama-cpp';
import { LocalLlamaProvider } from '../../../src-main/core/llm/local/local-llama-provider.js';
import { readGgufHeader } from '../../../src-main/core/llm/local/gguf-header.js';
import { guessPurpose } from '../../../src-main/core/llm/models/gguf-facts.js';
import { createForkLauncher } from '../../../src-main/core/llm/worker/fork-launcher.js';
import { WorkerLlmProvider } from '../../../src-main/core/llm/worker/worker-llm-provider.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';

const chatModel = tinyLlamaGgufPath({ seed: 16, blockCount: 1 });
const rerankerModel = tinyLlamaGgufPath({ ranking: true, seed: 16, blockCount: 1 });
const QUERY = 'Who approved the new vendor?';
const DOCUMENTS = ['Dana signed off on Zipline as our supplier.', 'Lunch is at noon on Friday.', 'We need a new vendor for chairs.'];

let local: LocalLlamaProvider;
let worker: WorkerLlmProvider;

beforeAll(async () => {
  local = await LocalLlamaProvider.open({ modelPath: chatModel, rerankerModelPath: rerankerModel, sequences: 1, contextSize: 512, threads: 1 });
  // Starting a process that imports node-llama-cpp takes seconds on a busy CI machine.
  worker = await WorkerLlmProvider.open({ launcher: createForkLauncher(), modelPath: chatModel, rerankerModelPath: rerankerModel, sequences: 1, contextSize: 512, threads: 1 });
}, 180_000);

afterAll(async () => {
  await local?.close();
  await worker?.close();
});

describe('reranking model', () => {
  it('is a reranker by its header: the tiny GGUF carries the classifier head node-llama-cpp ranks with', async () => {
    const header = await readGgufHeader(rerankerModel);
    expect(header.architecture).toBe('qwen3');
    expect(header.tensors.map((t) => t.name)).toContain('cls.output.weight');
    expect(guessPurpose(header)).toBe('reranker');
    expect(guessPurpose(await readGgufHeader(chatModel))).toBe('chat');
  });

  it('scores every document 0…1 in order, the same as node-llama-cpp ranking the same model directly', async () => {
    const scores = await local.rank(QUERY, DOCUMENTS);
    expect(scores).toHaveLength(DOCUMENTS.length);
    for (const s of scores) {
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThan(1);
    }
    expect(new Set(scores).size).toBe(DOCUMENTS.length);
    // Same model, same inputs: the same scores again, and the ones node-llama-cpp computes itself.
    expect(await local.rank(QUERY, DOCUMENTS)).toEqual(scores);
    const llama = await getLlama({ gpu: false });
    const model = await llama.loadModel({ modelPath: rerankerModel });
    const context = await model.createRankingContext({ contextSize: 512, threads: 1 });
    try {
      const direct = await context.rankAll(QUERY, DOCUMENTS);
      direct.forEach((d, i) => expect(scores[i]).toBeCloseTo(d, 5));
    } finally {
      await context.dispose();
      await model.dispose();
    }
    expect(await local.rank(QUERY, [])).toEqual([]);
  }, 120_000);

  it('ranks across the inference worker process with the same scores', async () => {
    const inProcess = await local.rank(QUERY, DOCUMENTS);
    const across = await worker.rank(QUERY, DOCUMENTS);
    across.forEach((s, i) => expect(s).toBeCloseTo(inProcess[i]!, 5));
  }, 120_000);

  it('without a reranking model says none is installed and how to get one', async () => {
    const bare = new LocalLlamaProvider({ modelPath: chatModel, sequences: 1, contextSize: 512, threads: 1 });
    try {
      const err = await bare.rank(QUERY, DOCUMENTS).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'model_missing' });
      expect((err as Error).message).toMatch(/No reranking model is set up yet.*npm run models -- pull qwen3-reranker-0\.6b-q8_0/);
    } finally {
      await bare.close();
    }
  });

  it('refuses a model with no ranking head, naming what a reranker needs, and ranks nothing', async () => {
    const wrong = new LocalLlamaProvider({ modelPath: chatModel, rerankerModelPath: chatModel, sequences: 1, contextSize: 512, threads: 1 });
    try {
      const err = await wrong.rank(QUERY, DOCUMENTS).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'provider_failed' });
      expect((err as Error).message).toMatch(/has no ranking head.*reranking model such as qwen3-reranker-0\.6b-q8_0 on the Models screen/);
    } finally {
      await wrong.close();
    }
  }, 120_000);
});
