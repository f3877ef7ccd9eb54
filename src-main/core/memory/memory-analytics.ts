/** Numbers for the memory dashboard: totals by category, freshness, most used, awaiting confirmation. */
import type { FactCategory, MemoryAnalytics } from '../../../src-preload/schemas/memory.js';
import { FACT_CATEGORIES } from '../../../src-preload/schemas/memory.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import { CURRENT, SELECT_FACT, toFact, type JoinedFactRow } from './fact-store.js';
import type { QuestionStore } from './question-store.js';
import type { VectorIndex } from './vector-index.js';

export function computeAnalytics(db: SqliteDatabase, questions: QuestionStore, vectors: VectorIndex): MemoryAnalytics {
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const byCategory = Object.fromEntries(FACT_CATEGORIES.map((c) => [c, 0])) as Record<FactCategory, number>;
  for (const row of db.prepare(`SELECT f.category AS category, count(*) AS n FROM memory_facts f WHERE ${CURRENT} GROUP BY f.category`).all() as { category: FactCategory; n: number }[]) {
    byCategory[row.category] = row.n;
  }
  const last = db.prepare('SELECT max(updated_at) AS at FROM memory_facts').get() as { at: string | null };
  const lastEpisode = db.prepare('SELECT max(created_at) AS at FROM memory_episodes').get() as { at: string | null };
  const mostUsed = db.prepare(`${SELECT_FACT} WHERE f.use_count > 0 AND f.status <> 'retired' ORDER BY f.use_count DESC, f.last_used_at DESC LIMIT 10`).all() as JoinedFactRow[];
  const counts = vectors.counts();
  return {
    totals: {
      facts: count('SELECT count(*) AS n FROM memory_facts'),
      currentFacts: count(`SELECT count(*) AS n FROM memory_facts f WHERE ${CURRENT}`),
      entities: count('SELECT count(*) AS n FROM memory_entities'),
      episodes: count('SELECT count(*) AS n FROM memory_episodes'),
      workflows: count('SELECT count(*) AS n FROM memory_workflows'),
    },
    byCategory,
    lastUpdatedAt: [last.at, lastEpisode.at].filter((x): x is string => x !== null).sort().at(-1) ?? null,
    mostUsed: mostUsed.map(toFact),
    awaitingConfirmation: questions.list(false).map((q) => questions.toQuestion(q)),
    vectors: { embedded: counts.embedded, pending: counts.pending, available: vectors.available, status: vectors.available ? `Semantic search on: ${counts.embedded} embedded, ${counts.pending} waiting.` : (vectors.unavailableReason ?? 'Keyword search only.') },
  };
}
