/**
 * Finds the passages that answer a question: keyword matches (FTS5, every word quoted so no text
 * is query syntax) and, when an embedding model passed memory's quality check, the passages
 * nearest in meaning (sqlite-vec KNN over the passages' vectors), fused by reciprocal rank (a
 * passage high in either list ranks high). Each result says which lists found it, so a caller
 * (and a test) can tell the hybrid path from the keyword one.
 */
import type { KnowledgePassage } from '../../../src-preload/schemas/knowledge.js';
import { ftsQuery, significantWords } from '../memory/text-terms.js';
import type { KnowledgeRepo } from './knowledge-repo.js';

const RRF_K = 60;

/** The question's vector and the embedding model that made it (only its passages' vectors compare). */
export interface QueryVector {
  vector: Float32Array;
  embedderId: string;
}

export interface RankedPassage {
  passage: KnowledgePassage;
  /** 1-based place in the keyword list; null when no query word is in the passage. */
  keywordRank: number | null;
  /** 1-based place in the nearest-vector list; null when vectors were not asked or did not reach it. */
  vectorRank: number | null;
  /** Cosine distance to the question (0 = same direction); null without a vector. */
  distance: number | null;
  /** The fused reciprocal-rank score the results are ordered by. */
  score: number;
}

export function searchPassages(repo: KnowledgeRepo, query: string, limit: number, queryVector: QueryVector | null): RankedPassage[] {
  const match = ftsQuery(significantWords(query));
  const keyword = match ? repo.keywordSearch(match, limit * 3) : [];
  const nearest = queryVector ? repo.nearest(queryVector.vector, queryVector.embedderId, limit * 3) : [];
  const found = new Map<number, Omit<RankedPassage, 'passage'>>();
  const entry = (id: number) => found.get(id) ?? { keywordRank: null, vectorRank: null, distance: null, score: 0 };
  keyword.forEach((p, rank) => {
    const e = entry(p.id);
    found.set(p.id, { ...e, keywordRank: rank + 1, score: e.score + 1 / (RRF_K + rank + 1) });
  });
  nearest.forEach((hit, rank) => {
    const e = entry(hit.id);
    found.set(hit.id, { ...e, vectorRank: rank + 1, distance: hit.distance, score: e.score + 1 / (RRF_K + rank + 1) });
  });
  const byId = new Map(keyword.map((p) => [p.id, p]));
  return [...found.entries()]
    .sort((a, b) => b[1].score - a[1].score)
    .slice(0, limit)
    .map(([id, parts]) => ({ passage: byId.get(id) ?? repo.passage(id), ...parts }))
    .filter((r): r is RankedPassage => r.passage !== null);
}
