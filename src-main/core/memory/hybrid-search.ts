/**
 * Retrieval: vector KNN (sqlite-vec), keyword BM25 (FTS5) and the entities a request names,
 * fused by reciprocal rank. Each list only has to rank well on its own; RRF rewards facts that
 * several lists agree on without having to calibrate their scores against each other.
 */
import type { MemorySearchResult, SearchDiagnostics } from '../../../src-preload/schemas/memory.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { EntityRow, EntityStore } from './entity-store.js';
import { EpisodeSearch } from './episode-search.js';
import { toEpisode, type EpisodeStore } from './episode-store.js';
import { toFact, type FactStore, type JoinedFactRow } from './fact-store.js';
import { readQueryCues } from './query-cues.js';
import type { RerankStage } from './rerank-stage.js';
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
  /** How many past turns to return (default: `limit`). */
  episodeLimit?: number;
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
  private readonly episodeSearch: EpisodeSearch;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly entities: EntityStore,
    private readonly facts: FactStore,
    episodes: EpisodeStore,
    private readonly vectors: VectorIndex,
    /** "Last month" and "now" in a question are read against this clock. */
    private readonly now: () => Date = () => new Date(),
    /** Reorders the best facts and turns when a reranking model is installed (null: the fused order stands). */
    private readonly reranker: RerankStage | null = null,
  ) {
    this.episodeSearch = new EpisodeSearch(db, episodes, vectors);
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchOutcome> {
    const limit = options.limit ?? 20;
    const qv = options.queryVector ?? (await this.vectors.embedQuery(query));
    const outcome = this.searchWithVector(query, qv, { ...options, limit });
    return this.reranker ? this.rerank(query, outcome, this.reranker) : outcome;
  }

  /** The reranker stage over the fused facts and turns; its diagnostics say whether it reordered them and why not. */
  private async rerank(query: string, outcome: SearchOutcome, stage: RerankStage): Promise<SearchOutcome> {
    const facts = await stage.rerank(query, outcome.facts, (hit) => hit.row.search_text);
    const episodes = await stage.rerank(query, outcome.episodes, (hit) => hit.episode.text);
    const used = facts.diagnostics.used || episodes.diagnostics.used;
    const reason = used ? null : (episodes.diagnostics.reason ?? facts.diagnostics.reason);
    return {
      ...outcome,
      facts: facts.items,
      episodes: episodes.items,
      diagnostics: { ...outcome.diagnostics, reranker: { used, reason, candidates: facts.diagnostics.candidates + episodes.diagnostics.candidates } },
    };
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

    const fused = fuse({ keyword, vector, entity }, { vector: this.vectors.weight });
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

    const episodes = options.includeEpisodes
      ? this.episodeSearch
          .search(readQueryCues(query, this.now()), qv, this.vectors.weight, options.episodeLimit ?? options.limit)
          .map((hit) => ({ episode: toEpisode(hit.row), score: hit.score, via: hit.via }))
      : [];
    return {
      facts: facts.slice(0, options.limit),
      episodes,
      entities: named,
      diagnostics: {
        mode: qv.vector ? 'hybrid' : 'keyword+entity',
        reason: qv.reason,
        keywordHits: keyword.length,
        vectorHits: vector.length + episodes.filter((e) => e.via.includes('vector')).length,
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

}

/** Reciprocal rank fusion of ranked id lists; a list's weight (default 1) scales its votes, 0 silences it. */
export function fuse(lists: Partial<Record<Via, readonly number[]>>, weights: Partial<Record<Via, number>> = {}): Map<number, { score: number; via: Via[] }> {
  const out = new Map<number, { score: number; via: Via[] }>();
  for (const [via, ids] of Object.entries(lists) as [Via, readonly number[]][]) {
    const weight = weights[via] ?? 1;
    if (weight <= 0) continue;
    ids.forEach((id, rank) => {
      const entry = out.get(id) ?? { score: 0, via: [] };
      entry.score += weight / (RRF_K + rank + 1);
      if (!entry.via.includes(via)) entry.via.push(via);
      out.set(id, entry);
    });
  }
  return out;
}

export const toScoredFact = (hit: FactSearchHit) => ({ fact: toFact(hit.row), score: hit.score, via: hit.via });
