/**
 * Finding past turns. Plain BM25 finds the turn that repeats the question's words; the turn that
 * answers it often does not. So several ranked lists are fused, each weighted by how much it has
 * earned on the retrieval evaluation (`npm run eval:memory`, docs/benchmarks.md):
 *
 * - keyword: BM25 on the words the user typed (weight 0.6);
 * - synonyms: BM25 on those words plus everyday synonyms (1.2), for "approved" ↔ "signed off" —
 *   it weighs more because the answer rarely repeats the question, and it contains the words too;
 * - names: turns naming every person or thing the question names and at least one other word (0.8);
 * - time: turns from the day or month the question names (2), date words taken out of the query;
 * - order: for "now" / "first", the name matches again, newest (or oldest) first (0.9);
 * - vector: KNN on the embedding, weighted by how good the embedder proved to be (0 for none);
 * - hop: turns that name what the best hits name ("the vendor Dana suggested" → Zipline → who
 *   approved Zipline), just below the hit that named it;
 * and then each top hit brings the next turn when that turn points back ("She wants the summary
 * cut" names nobody the question names), and Steward's reply when the question asks what
 * Steward said.
 */
import type { SqliteDatabase, SqliteStatement } from '../store/sqlite.js';
import type { EpisodeRow, EpisodeStore } from './episode-store.js';
import { namesIn, type QueryCues } from './query-cues.js';
import { ftsQuery } from './text-terms.js';
import { synonymsOf } from './thesaurus.js';
import type { QueryVector, VectorIndex } from './vector-index.js';

/** Smaller than the usual 60: in a crowd of turns that all name the same person, the head of each list must stand out. */
const RRF_K = 10;
const DEPTH = 50;
export const EPISODE_LIST_WEIGHTS = { keyword: 0.6, synonyms: 1.2, names: 0.8, time: 2, order: 0.9 } as const;
/** A hop hit's share of the score of the hit whose name led to it. */
const HOP_SHARE = 0.8;
/** How many top hits bring their neighbours and lend their names to the hop. */
const EXPAND_TOP = 4;
const HOP_FROM = 2;
/** A turn that opens by pointing back ("She wants…", "That means…") continues the one before it. */
const CONTINUES = /^\s*(?:(?:and|but|also|so|then|plus)\b[\s,]*)?(?:he|she|they|it|that|this|those|these|his|her|their|its|which|the same)\b/i;

export interface EpisodeHit {
  row: EpisodeRow;
  score: number;
  via: ('keyword' | 'vector')[];
}

type Scored = Map<number, { score: number; vector: boolean; keyword: boolean }>;

export class EpisodeSearch {
  /** Every search runs the same few statements several times: prepared once. */
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly episodes: EpisodeStore,
    private readonly vectors: VectorIndex,
  ) {}

  private stmt(sql: string): SqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  search(cues: QueryCues, qv: QueryVector, vectorWeight: number, limit: number): EpisodeHit[] {
    const expanded = [...new Set([...cues.terms, ...cues.terms.flatMap(synonymsOf)])];
    const keywordMatch = ftsQuery(cues.terms);
    const expandedMatch = ftsQuery(expanded);
    const scored: Scored = new Map();
    const add = (seqs: readonly number[], weight: number, kind: 'keyword' | 'vector') => {
      seqs.forEach((seq, rank) => {
        const entry = scored.get(seq) ?? { score: 0, vector: false, keyword: false };
        entry.score += weight / (RRF_K + rank + 1);
        entry[kind] = true;
        scored.set(seq, entry);
      });
    };

    const keyword = keywordMatch ? this.fts(keywordMatch, DEPTH) : [];
    add(keyword, EPISODE_LIST_WEIGHTS.keyword, 'keyword');
    if (expandedMatch && expanded.length > cues.terms.length) add(this.fts(expandedMatch, DEPTH), EPISODE_LIST_WEIGHTS.synonyms, 'keyword');

    const others = expanded.filter((t) => !cues.names.includes(t));
    const names = cues.names.filter((n) => cues.terms.includes(n));
    const named = names.length > 0 && others.length > 0 ? this.fts(`(${ftsQuery(names, 'AND')}) AND (${ftsQuery(others)})`, DEPTH) : [];
    add(named, EPISODE_LIST_WEIGHTS.names, 'keyword');

    if (cues.range && expandedMatch) add(this.ftsBetween(expandedMatch, cues.range.from, cues.range.to, DEPTH), EPISODE_LIST_WEIGHTS.time, 'keyword');

    if (cues.order) {
      const pool = named.length > 0 ? named : keyword.slice(0, 20);
      const rows = this.episodes.bySeqs(pool);
      rows.sort((a, b) => (cues.order === 'latest' ? b.created_at.localeCompare(a.created_at) : a.created_at.localeCompare(b.created_at)) || a.seq - b.seq);
      add(rows.map((r) => r.seq), EPISODE_LIST_WEIGHTS.order, 'keyword');
    }

    if (qv.vector && vectorWeight > 0) add(this.vectors.knnEpisodes(qv.vector, DEPTH).map((h) => h.seq), vectorWeight, 'vector');

    // Hop: what the best hits name that the question did not, searched together with the question's words.
    // A hop hit ranks just below the hit that named it.
    const order = ranked(scored).slice(0, HOP_FROM);
    const top = this.episodes.bySeqs(order);
    for (const hit of top) {
      const hopNames = namesIn(hit.text, { skipSentenceStart: true }).filter((n) => !cues.names.includes(n) && !cues.terms.includes(n)).slice(0, 3);
      if (hopNames.length === 0 || !expandedMatch) continue;
      const parent = scored.get(hit.seq)!.score;
      this.fts(`(${ftsQuery(hopNames)}) AND (${expandedMatch})`, 10)
        .filter((seq) => !order.includes(seq))
        .forEach((seq, rank) => {
          const entry = scored.get(seq) ?? { score: 0, vector: false, keyword: true };
          entry.score = Math.max(entry.score, (parent * HOP_SHARE * (RRF_K + 1)) / (RRF_K + rank + 1));
          scored.set(seq, entry);
        });
    }

    this.addNeighbours(scored, cues);
    const head = ranked(scored).slice(0, limit);
    const rows = new Map(this.episodes.bySeqs(head).map((r) => [r.seq, r]));
    return head.flatMap((seq) => {
      const row = rows.get(seq);
      const entry = scored.get(seq)!;
      const via = [...(entry.keyword ? (['keyword'] as const) : []), ...(entry.vector ? (['vector'] as const) : [])];
      return row ? [{ row, score: entry.score, via }] : [];
    });
  }

  /**
   * The turn after each of the best hits comes right after it ("Felix went through the deck." →
   * "He wants the appendix checked."); the reply to it too when the question asks what Steward
   * said. Lower hits lend less.
   */
  private addNeighbours(scored: Scored, cues: QueryCues): void {
    const order = ranked(scored).slice(0, EXPAND_TOP);
    const tops = new Map(this.episodes.bySeqs(order).map((r) => [r.seq, r]));
    order.forEach((seq, rank) => {
      const hit = tops.get(seq);
      if (!hit) return;
      const parent = scored.get(hit.seq)!.score;
      for (const near of this.near(hit)) {
        if (near.seq <= hit.seq) continue;
        const reply = near.role !== hit.role && near.seq === hit.seq + 1;
        // Only a turn that answers what was asked or continues the hit comes along: an unrelated next turn stays out.
        let share: number;
        if (reply && cues.speaker === near.role) share = 1.02;
        else if (CONTINUES.test(near.text)) share = rank < 2 ? 0.97 : 0.8;
        else continue;
        const entry = scored.get(near.seq) ?? { score: 0, vector: false, keyword: true };
        entry.score = Math.max(entry.score, parent * share);
        scored.set(near.seq, entry);
      }
    });
  }

  private near(hit: EpisodeRow): EpisodeRow[] {
    return this.stmt('SELECT * FROM memory_episodes WHERE seq BETWEEN ? AND ? AND conversation_id IS ? ORDER BY seq').all(hit.seq + 1, hit.seq + 2, hit.conversation_id) as EpisodeRow[];
  }

  private fts(match: string, depth: number): number[] {
    return (this.stmt('SELECT rowid AS seq FROM memory_episodes_fts WHERE memory_episodes_fts MATCH ? ORDER BY bm25(memory_episodes_fts) LIMIT ?').all(match, depth) as { seq: number }[]).map((r) => r.seq);
  }

  private ftsBetween(match: string, from: string, to: string, depth: number): number[] {
    return (
      this.stmt(
          `SELECT f.rowid AS seq FROM memory_episodes_fts f JOIN memory_episodes e ON e.seq = f.rowid
           WHERE memory_episodes_fts MATCH ? AND e.created_at >= ? AND e.created_at < ? ORDER BY bm25(memory_episodes_fts) LIMIT ?`,
        ).all(match, from, to, depth) as { seq: number }[]
    ).map((r) => r.seq);
  }
}

function ranked(scored: Scored): number[] {
  return [...scored.entries()].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]).map(([seq]) => seq);
}
