/**
 * Finds the passages that answer a question: keyword matches (FTS5, every word quoted so no text
 * is query syntax) and, when an embedding model passed memory's quality check, the passages
 * nearest in meaning, fused by reciprocal rank (a passage high in either list ranks high).
 */
import type { KnowledgePassage } from '../../../src-preload/schemas/knowledge.js';
import type { Embedder } from '../memory/embedder.js';
import { ftsQuery, significantWords } from '../memory/text-terms.js';
import type { KnowledgeRepo } from './knowledge-repo.js';

const RRF_K = 60;

export async function searchPassages(repo: KnowledgeRepo, query: string, limit: number, embedder: Embedder | null): Promise<KnowledgePassage[]> {
  const match = ftsQuery(significantWords(query));
  const keyword = match ? repo.keywordSearch(match, limit * 3) : [];
  const nearest = embedder ? await nearestPassages(repo, embedder, query, limit * 3).catch(() => []) : [];
  const scores = new Map<number, number>();
  const add = (ids: readonly number[]) => ids.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (RRF_K + rank + 1)));
  add(keyword.map((p) => p.id));
  add(nearest);
  const byId = new Map(keyword.map((p) => [p.id, p]));
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([id]) => byId.get(id) ?? repo.passage(id))
    .filter((p): p is KnowledgePassage => p !== null);
}

async function nearestPassages(repo: KnowledgeRepo, embedder: Embedder, query: string, limit: number): Promise<number[]> {
  const stored = repo.embedded(embedder.id);
  if (stored.length === 0) return [];
  const [vector] = await embedder.embed([query]);
  if (!vector) return [];
  const q = Float32Array.from(vector);
  const qNorm = Math.hypot(...q) || 1;
  return stored
    .map((row) => {
      const v = new Float32Array(row.embedding.buffer, row.embedding.byteOffset, row.embedding.byteLength / 4);
      if (v.length !== q.length) return { id: row.id, score: -1 };
      let dot = 0;
      let norm = 0;
      for (let i = 0; i < v.length; i += 1) {
        dot += v[i]! * q[i]!;
        norm += v[i]! * v[i]!;
      }
      return { id: row.id, score: dot / (qNorm * (Math.sqrt(norm) || 1)) };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((r) => r.id);
}
