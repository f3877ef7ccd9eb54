/**
 * Retrieval: vector KNN (sqlite-vec), keyword BM25 (FTS5) and the entities a request names,
 * fused by reciprocal rank. Each list only has to rank well on its own; RRF rewards facts that
 * several lists agree on without having to calibrate their scores against each other.
 */
import type { MemorySearchResult, SearchDiagnostics } from '../../../src-preload/schemas/memory.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { EntityRow, EntityStore } from './entity-store.js';
import { toEpisode, type EpisodeStore } from './episode-store.js';
import { toFact, type FactStore, type JoinedFactRow } from './fact-store.js';
import { ftsQuery, significantWords } from './text-terms.js';
import type { QueryVector, VectorIndex } from './vector-index.js';

/** The usual RRF constant: damps the head of each list so one list cannot dominate. */
const RRF_K = 60;
/** How deep each list is read before fusing. */
const DEPTH = 40;
const MAX_TERMS = 12;

type Via = 'keyword' | 'vector' | 'entity';

export interface SearchOptions {
  limit?: number;
  includeEpisodes?: boolean;
  /** Extra entities to search around (resolved references such as "the CFO"). */
  entityIds?: readonly string[];
  /** Include retired facts (the viewer's search does; prompts never do). */
  includeRetired?: boolean;
  /** A query vector computed by the caller (the benchmark reuses one). */
  queryVector?: QueryVector;
}

export interface FactSearchHit {
  row: JoinedFactRow;
  score: number;
  via: Via[];
}

export interface SearchOutcome {
  facts: FactSearchHit[];
  episodes: MemorySearchResult['episodes'];
  diagnostics: SearchDiagnostics;
  /** Entities the query named (for the packer and for usage counts). */
  entities: EntityRow[];
}

export class HybridSearch {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly entities: EntityStore,
    private readonly facts: FactStore,
    private readonly episodes: EpisodeStore,
    private readonly vectors: VectorIndex,
  ) {}

  async search(query: string, options: SearchOptions = {}): Promise<SearchOutcome> {
    const limit = options.limit ?? 20;
    const qv = options.queryVector ?? (await this.vectors.embedQuery(query));
    return this.searchWithVector(query, qv, { ...options, limit });
  }

  /** The synchronous part: everything after the query was embedded. */
  searchWithVector(query: string, qv: QueryVector, options: SearchOptions & { limit: number }): SearchOutcome {
    // Long queries are cut to their most distinctive words: every extra OR term costs a posting-list scan.
    const terms = significantWords(query, MAX_TERMS);
    const match = ftsQuery(terms);

    const keyword = match ? this.keywordFacts(match) : [];
    const vector = qv.vector ? this.vectors.knnFacts(qv.vector, DEPTH).map((h) => h.seq) : [];
    const named = this.entities.findMentioned(query).filter((e) => e.role === null);
    const entityIds = [...new Set([...named.map((e) => e.id), ...(options.entityIds ?? [])])];
    const entity = this.facts.factsAbout(entityIds, DEPTH).map((r) => r.seq);

    const fused = fuse({ keyword, vector, entity });
    const ranked = [...fused.entries()].sort((a, b) => b[1].score - a[1].score);
    // Hydrate a little more than asked: retired facts are dropped after the join (they are few).
    const head = ranked.slice(0, options.limit + 8);
    const rows = new Map(this.facts.bySeqs(head.map(([seq]) => seq)).map((r) => [r.seq, r]));
    const facts: FactSearchHit[] = [];
    for (const [seq, hit] of head) {
      const row = rows.get(seq);
      if (!row) continue;
      if (row.status === 'retired' && !options.includeRetired) continue;
      // What is believed now comes before history and before facts awaiting confirmation.
      const weight = row.status === 'active' && row.valid_to === null ? 1 : 0.6;
      facts.push({ row, score: hit.score * weight, via: hit.via });
    }
    facts.sort((a, b) => b.score - a.score);

    const episodes = options.includeEpisodes ? this.searchEpisodes(match, qv, Math.max(3, Math.ceil(options.limit / 2))) : [];
    return {
      facts: facts.slice(0, options.limit),
      episodes,
      entities: named,
      diagnostics: {
        mode: qv.vector ? 'hybrid' : 'keyword+entity',
        reason: qv.reason,
        keywordHits: keyword.length,
        vectorHits: vector.length,
        entityHits: entity.length,
        entities: named.map((e) => e.name),
      },
    };
  }

  private keywordFacts(match: string): number[] {
    const rows = this.db
      .prepare('SELECT rowid AS seq FROM memory_facts_fts WHERE memory_facts_fts MATCH ? ORDER BY bm25(memory_facts_fts) LIMIT ?')
      .all(match, DEPTH) as { seq: number }[];
    return rows.map((r) => r.seq);
  }

  private searchEpisodes(match: string | null, qv: QueryVector, limit: number): MemorySearchResult['episodes'] {
    const keyword = match
      ? (this.db.prepare('SELECT rowid AS seq FROM memory_episodes_fts WHERE memory_episodes_fts MATCH ? ORDER BY bm25(memory_episodes_fts) LIMIT ?').all(match, DEPTH) as { seq: number }[]).map(
          (r) => r.seq,
        )
      : [];
    const vector = qv.vector ? this.vectors.knnEpisodes(qv.vector, DEPTH).map((h) => h.seq) : [];
    const fused = [...fuse({ keyword, vector }).entries()].sort((a, b) => b[1].score - a[1].score).slice(0, limit);
    const rows = new Map(this.episodes.bySeqs(fused.map(([seq]) => seq)).map((r) => [r.seq, r]));
    return fused.flatMap(([seq, hit]) => {
      const row = rows.get(seq);
      return row ? [{ episode: toEpisode(row), score: hit.score, via: hit.via.filter((v): v is 'keyword' | 'vector' => v !== 'entity') }] : [];
    });
  }
}

/** Reciprocal rank fusion of ranked id lists. */
export function fuse(lists: Partial<Record<Via, readonly number[]>>): Map<number, { score: number; via: Via[] }> {
  const out = new Map<number, { score: number; via: Via[] }>();
  for (const [via, ids] of Object.entries(lists) as [Via, readonly number[]][]) {
    ids.forEach((id, rank) => {
      const entry = out.get(id) ?? { score: 0, via: [] };
      entry.score += 1 / (RRF_K + rank + 1);
      if (!entry.via.includes(via)) entry.via.push(via);
      out.set(id, entry);
    });
  }
  return out;
}

export const toScoredFact = (hit: FactSearchHit) => ({ fact: toFact(hit.row), score: hit.score, via: hit.via });
