/**
 * Embeddings through several contexts of the local provider (real node-llama-cpp, the tests'
 * tiny 384-dimension GGUF): the same vectors, in the callers' order, as one context embedding
 * one text at a time — long texts cut the same way, an empty text still an empty vector.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalLlamaProvider } from '../../../src-main/core/llm/local/local-llama-provider.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';

const modelPath = tinyLlamaGgufPath({ seed: 16, embeddingLength: 384, blockCount: 1, headCount: 4, headCountKv: 4 });
const TEXTS = [
  'Dana approved Zipline as our vendor.',
  'The launch moved to March.',
  '',
  'x'.repeat(900),
  'Invoice 42 is overdue.',
  'Priya moved to the Berlin office.',
  'Who signed off on the supplier?',
];

let single: LocalLlamaProvider;
let pooled: LocalLlamaProvider;

beforeAll(async () => {
  single = await LocalLlamaProvider.open({ modelPath, sequences: 1, contextSize: 512, threads: 1 });
  pooled = await LocalLlamaProvider.open({ modelPath, sequences: 1, contextSize: 512, threads: 1, embeddingContexts: 3 });
}, 120_000);
afterAll(async () => {
  await single?.close();
  await pooled?.close();
});

describe('embedding contexts side by side', () => {
  it('return the same vectors, in order, as one context embedding one text at a time', async () => {
    const oneByOne: number[][] = [];
    for (const text of TEXTS) oneByOne.push(...(await single.embed([text])));
    const together = await pooled.embed(TEXTS);
    expect(together).toHaveLength(TEXTS.length);
    together.forEach((v, i) => {
      expect(v).toHaveLength(oneByOne[i]!.length);
      v.forEach((x, j) => expect(x).toBeCloseTo(oneByOne[i]![j]!, 5));
    });
    expect(together[2]).toEqual([]);
    expect(together[0]).toHaveLength(384);
    // Two calls at once still each get their own texts' vectors.
    const [a, b] = await Promise.all([pooled.embed(TEXTS.slice(0, 3)), pooled.embed(TEXTS.slice(3))]);
    expect([...a, ...b].map((v) => v.length)).toEqual(oneByOne.map((v) => v.length));
    [...a, ...b].forEach((v, i) => v.forEach((x, j) => expect(x).toBeCloseTo(oneByOne[i]![j]!, 5)));
  }, 120_000);

  it('stops at the next text when the caller aborts, with a cancelled error', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(pooled.embed(TEXTS, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
