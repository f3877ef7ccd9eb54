/**
 * Memory's reranker stage on a real encrypted database: a reranker that knows the answers moves
 * the answering turn to the top; the tests' random-weight reranker (real node-llama-cpp ranking
 * context) fails the quality check and changes nothing; a reranker that breaks mid-use, or none
 * installed, leaves the fused order with the reason in the diagnostics.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelMissingError } from '../../../src-main/core/llm/llm-errors.js';
import { LocalLlamaProvider } from '../../../src-main/core/llm/local/local-llama-provider.js';
import { NO_RERANKER } from '../../../src-main/core/memory/rerank-stage.js';
import { providerReranker, type Reranker } from '../../../src-main/core/memory/reranker.js';
import { RERANK_CHECK_ITEMS } from '../../../src-main/core/memory/reranker-quality.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';
import { createMemoryHarness, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

const QUESTION = 'Who approved the vendor?';
const ANSWER = 'Dana approved Zipline after the demo on Tuesday.';
const TURNS = [
  'Which vendor do we use for chairs? The vendor list is approved by finance.',
  'The approved vendor list lives in the wiki; every vendor on it was approved.',
  'Vendor onboarding: an approved vendor needs a contract before the first order.',
  ANSWER,
  'Lunch on Friday is at noon.',
];

/** Stands in for a real reranking model: it knows which candidate answers each request (the check's and this test's). */
function knowingReranker(): Reranker & { calls: number } {
  const answers = new Set([...RERANK_CHECK_ITEMS.map((i) => i.answer), ANSWER]);
  const reranker = {
    id: 'knowing-reranker',
    calls: 0,
    rank: async (_query: string, documents: string[]) => {
      reranker.calls += 1;
      return documents.map((d) => (answers.has(d) ? 0.95 : 0.05));
    },
  };
  return reranker;
}

async function learn(h: MemoryHarness): Promise<void> {
  for (const [i, text] of TURNS.entries()) {
    await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: `u${i}`, text }, assistant: { messageId: `a${i}`, text: 'Noted.' } });
  }
  await h.memory.idle();
}

const texts = (result: Awaited<ReturnType<MemoryHarness['memory']['search']>>) => result.episodes.map((e) => e.episode.text);

describe('reranker stage', () => {
  const open: MemoryHarness[] = [];
  const harness = async (options: Parameters<typeof createMemoryHarness>[0] = {}) => {
    const h = await createMemoryHarness(options);
    open.push(h);
    await learn(h);
    return h;
  };
  let plain: MemoryHarness;
  let fused: string[];
  let provider: LocalLlamaProvider;

  beforeAll(async () => {
    plain = await createMemoryHarness();
    await learn(plain);
    fused = texts(await plain.memory.search({ query: QUESTION }));
    provider = await LocalLlamaProvider.open({ modelPath: tinyLlamaGgufPath({ seed: 16, blockCount: 1 }), rerankerModelPath: tinyLlamaGgufPath({ ranking: true, seed: 16, blockCount: 1 }), sequences: 1, contextSize: 512, threads: 1 });
  }, 120_000);
  afterEach(async () => {
    for (const h of open.splice(0)) await h.dispose();
  });
  afterAll(async () => {
    await plain?.dispose();
    await provider?.close();
  });

  it('keyword search alone ranks the vendor-list turns above the one that answers', () => {
    expect(fused).toContain(ANSWER);
    expect(fused[0]).not.toBe(ANSWER);
  });

  it('a reranker that passes its check puts the answering turn first and says it reordered', async () => {
    const reranker = knowingReranker();
    const h = await harness({ reranker });
    const result = await h.memory.search({ query: QUESTION });
    expect(texts(result)[0]).toBe(ANSWER);
    // Reordered, never added or dropped.
    expect([...texts(result)].sort()).toEqual([...fused].sort());
    expect(result.diagnostics.reranker).toMatchObject({ used: true, reason: null });
    expect(h.memory.rerankerStatus()).toMatchObject({ state: 'ready', weight: 1, quality: { matched: RERANK_CHECK_ITEMS.length } });
    // The prompt's context gets the same order.
    const context = await h.memory.contextFor(QUESTION, 2000);
    expect(context.episodes[0]?.text).toBe(ANSWER);
  });

  it('the random-weight tiny reranker fails its quality check: the order is exactly the fused one, and memory says why', async () => {
    const h = await harness({ reranker: providerReranker(provider) });
    const result = await h.memory.search({ query: QUESTION });
    expect(texts(result)).toEqual(fused);
    expect(result.diagnostics.reranker?.used).toBe(false);
    expect(result.diagnostics.reranker?.reason).toMatch(/put the answer first for only \d+ of 12 requests in memory's quality check/);
    const status = h.memory.rerankerStatus();
    expect(status).toMatchObject({ state: 'weak', weight: 0 });
    expect(status.quality!.accuracy).toBeLessThan(0.6);
  }, 60_000);

  it('a reranker that fails mid-use leaves the fused order for that search, says so, and logs it once', async () => {
    const broken = new LocalLlamaProvider({ modelPath: tinyLlamaGgufPath({ seed: 16, blockCount: 1 }), rerankerModelPath: tinyLlamaGgufPath({ ranking: true, seed: 16, blockCount: 1 }), sequences: 1, contextSize: 512, threads: 1 });
    // Weight fixed to 1 (as an evaluation does) so the random model is allowed to reorder at all.
    const h = await harness({ reranker: providerReranker(broken), rerankerWeight: 1 });
    const first = await h.memory.search({ query: QUESTION });
    expect(first.diagnostics.reranker).toMatchObject({ used: true });
    await broken.close();
    for (let i = 0; i < 3; i += 1) {
      const result = await h.memory.search({ query: QUESTION });
      expect(texts(result)).toEqual(fused);
      expect(result.diagnostics.reranker?.used).toBe(false);
      expect(result.diagnostics.reranker?.reason).toMatch(/The reranking model failed \(provider_failed\), so memory kept the order of its keyword, name and vector search/);
    }
    expect(h.log.entries.filter((e) => /reranking failed/.test(e.message))).toHaveLength(1);
  }, 60_000);

  it('with no reranking model installed it keeps the fused order, stops asking, and tries again when one arrives', async () => {
    let installed = false;
    let calls = 0;
    const knowing = knowingReranker();
    const routerLike: Reranker = {
      id: 'router',
      rank: async (query, documents) => {
        calls += 1;
        if (!installed) throw new ModelMissingError({ role: 'reranker' });
        return knowing.rank(query, documents);
      },
    };
    const h = await harness({ reranker: routerLike });
    for (let i = 0; i < 3; i += 1) {
      const result = await h.memory.search({ query: QUESTION });
      expect(texts(result)).toEqual(fused);
      expect(result.diagnostics.reranker).toMatchObject({ used: false, reason: NO_RERANKER });
    }
    expect(h.memory.rerankerStatus()).toMatchObject({ state: 'no_model', reason: NO_RERANKER });
    expect(calls).toBe(1);
    installed = true;
    h.memory.retryEmbeddings();
    const result = await h.memory.search({ query: QUESTION });
    expect(texts(result)[0]).toBe(ANSWER);
    expect(h.memory.rerankerStatus().state).toBe('ready');
  });
});
