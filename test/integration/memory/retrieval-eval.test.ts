/**
 * The retrieval evaluation as a test, on the first workspace of the corpus (615 turns, 60
 * questions): memory without a model must beat plain BM25 over the same turns by a wide margin,
 * and a weak embedder must not make it worse. `npm run eval:memory` runs all four workspaces and
 * writes the numbers docs/benchmarks.md quotes.
 */
import { describe, expect, it } from 'vitest';
import { createHashingEmbedder } from '../../../src-main/core/memory/hashing-embedder.js';
import { evaluate, loadCorpus, scoreRanking } from '../../../scripts/memory-eval/evaluate.js';
import { generateCorpus } from '../../fixtures/memory-eval/generate.js';

describe('memory retrieval evaluation', () => {
  it('the stored corpus is exactly what the seeded generator writes', () => {
    expect(loadCorpus()).toEqual(JSON.parse(JSON.stringify(generateCorpus())));
  });

  it('scores a ranking by recall@5, recall@10, hit@10 and reciprocal rank', () => {
    const q = { id: 'q', type: 'multi_hop' as const, question: '?', evidence: ['a', 'b'], answer: '' };
    expect(scoreRanking(q, ['x', 'a', 'y', 'z', 'w', 'v', 'b'], 1)).toMatchObject({ recall5: 0.5, recall10: 1, hit10: 1, reciprocalRank: 0.5 });
    expect(scoreRanking(q, ['x'], 1)).toMatchObject({ recall5: 0, recall10: 0, hit10: 0, reciprocalRank: 0 });
  });

  it('without a model, recall@10 is at least 0.80 where BM25 is about 0.5; a weak embedder changes nothing', async () => {
    const corpus = loadCorpus();
    const keyword = await evaluate(corpus, { workspaces: 1 });
    expect(keyword.bm25.overall.recall10).toBeGreaterThan(0.4);
    expect(keyword.bm25.overall.recall10).toBeLessThan(0.6);
    expect(keyword.steward.overall.recall10).toBeGreaterThanOrEqual(0.8);
    expect(keyword.steward.overall.mrr).toBeGreaterThan(keyword.bm25.overall.mrr);
    for (const type of ['context', 'multi_hop', 'speaker', 'temporal', 'update'] as const) {
      expect(keyword.steward.byType[type]!.recall10, type).toBeGreaterThan(keyword.bm25.byType[type]!.recall10);
    }
    const hashing = await evaluate(corpus, { workspaces: 1, embedder: () => createHashingEmbedder(384) });
    expect(hashing.embedding).toMatchObject({ available: false, vectorWeight: 0 });
    expect(hashing.steward.overall.recall10).toBeGreaterThanOrEqual(keyword.steward.overall.recall10);
  }, 180_000);
});
