/**
 * The reranker stage: after keyword, vector and entity lists are fused, a reranking model reads
 * the request beside each of the best candidates and reorders them. It only ever reorders the
 * head it was given (nothing is added or dropped), and it falls back to the fused order — saying
 * why in the search diagnostics — when no reranker is installed, when it failed its quality
 * check, or when a call fails.
 */
import { toStewardError } from '../errors.js';
import type { MemoryLogger } from './memory-log.js';
import type { Reranker } from './reranker.js';
import { measureRerankerQuality, type RerankerQuality } from './reranker-quality.js';

/** How many of the fused results the reranker reads (each costs one model evaluation). */
export const RERANK_DEPTH = 20;
/** Damps the head of each order when the two are blended (as in episode-search's fusion). */
const BLEND_K = 10;
/** A candidate is read up to this many characters: the start of a long turn carries its subject. */
const DOCUMENT_MAX_CHARS = 1500;

/**
 * off: no reranker given. checking: the quality check has not run. ready: it reorders results.
 * weak: it failed the quality check. no_model: no reranking model is installed (until retry()).
 */
export type RerankState = 'off' | 'checking' | 'ready' | 'weak' | 'no_model';

export interface RerankStatus {
  state: RerankState;
  /** Its say in the final order (0 when it is not used). */
  weight: number;
  reason: string | null;
  quality: RerankerQuality | null;
}

export interface RerankOutcome<T> {
  items: T[];
  diagnostics: { used: boolean; reason: string | null; candidates: number };
}

export const NO_RERANKER = 'No reranking model is installed, so memory kept the order of its keyword, name and vector search (Models screen: download qwen3-reranker-0.6b-q8_0 and use it as the reranker).';

export class RerankStage {
  private state: RerankState;
  private reason: string | null;
  private quality: RerankerQuality | null = null;
  private checking: Promise<void> | null = null;
  private lastLogged: string | null = null;

  constructor(
    private readonly reranker: Reranker | null,
    private readonly log: MemoryLogger,
    /** Fixes the reranker's weight instead of measuring it (evaluations compare weights). */
    private readonly fixedWeight: number | null = null,
  ) {
    this.state = reranker ? 'checking' : 'off';
    this.reason = reranker ? null : NO_RERANKER;
  }

  get weight(): number {
    return this.state === 'ready' ? (this.fixedWeight ?? this.quality?.weight ?? 0) : 0;
  }

  status(): RerankStatus {
    return { state: this.state, weight: this.weight, reason: this.state === 'ready' ? null : this.reason, quality: this.quality };
  }

  /** A model may have been installed or chosen: check the reranker again. */
  retry(): void {
    if (!this.reranker || this.state === 'ready' || this.state === 'checking') return;
    this.state = 'checking';
    this.reason = null;
    this.checking = null;
  }

  /**
   * Reorders the first RERANK_DEPTH items by blending their fused rank with the reranker's rank,
   * weighted by how well the reranker did on its check; the rest keep their places after them.
   */
  async rerank<T>(query: string, items: readonly T[], textOf: (item: T) => string): Promise<RerankOutcome<T>> {
    const keep = (reason: string | null): RerankOutcome<T> => ({ items: [...items], diagnostics: { used: false, reason, candidates: 0 } });
    if (!this.reranker) return keep(NO_RERANKER);
    await this.ensureChecked(this.reranker);
    if (this.state !== 'ready') return keep(this.reason);
    const weight = this.weight;
    if (weight <= 0) return keep('The reranking model is given no weight, so memory kept its own order.');
    const head = items.slice(0, RERANK_DEPTH);
    if (head.length < 2 || query.trim().length === 0) return keep(null);
    let scores: number[];
    try {
      scores = await this.reranker.rank(query, head.map((item) => textOf(item).slice(0, DOCUMENT_MAX_CHARS)));
      if (scores.length !== head.length || scores.some((s) => !Number.isFinite(s))) throw new Error(`the reranker returned ${scores.length} scores for ${head.length} candidates`);
    } catch (err) {
      return keep(this.failed(err));
    }
    const byScore = head.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
    const rerankRank = new Map(byScore.map((index, rank) => [index, rank]));
    const blended = head
      .map((item, fusedRank) => ({ item, fusedRank, score: (1 - weight) / (BLEND_K + fusedRank + 1) + weight / (BLEND_K + rerankRank.get(fusedRank)! + 1) }))
      .sort((a, b) => b.score - a.score || a.fusedRank - b.fusedRank)
      .map((x) => x.item);
    return { items: [...blended, ...items.slice(RERANK_DEPTH)], diagnostics: { used: true, reason: null, candidates: head.length } };
  }

  private ensureChecked(reranker: Reranker): Promise<void> {
    if (this.state !== 'checking') return Promise.resolve();
    this.checking ??= this.runCheck(reranker);
    return this.checking;
  }

  private async runCheck(reranker: Reranker): Promise<void> {
    try {
      const quality = await measureRerankerQuality(reranker);
      this.quality = quality;
      if (this.fixedWeight === null && quality.weight === 0) {
        this.state = 'weak';
        this.reason = `The reranking model (${reranker.id}) put the answer first for only ${quality.matched} of ${quality.items} requests in memory's quality check, too few to help, so memory kept its own order. Use a real reranking model (Models screen: qwen3-reranker-0.6b-q8_0).`;
        this.log.info('reranker too weak for memory; results keep their fused order', { reranker: reranker.id, accuracy: quality.accuracy });
        return;
      }
      this.state = 'ready';
      this.reason = null;
    } catch (err) {
      const reason = this.failed(err);
      if (this.state === 'checking') {
        // A transient failure during the check: the next search checks again.
        this.checking = null;
        this.reason = reason;
      }
    }
  }

  /** No model stops the stage until retry(); any other failure keeps the fused order for this search and is logged once. */
  private failed(err: unknown): string {
    const code = toStewardError(err).code;
    if (code === 'model_missing') {
      this.state = 'no_model';
      this.reason = NO_RERANKER;
    }
    if (this.lastLogged !== code) {
      this.lastLogged = code;
      this.log.warn(code === 'model_missing' ? 'no reranking model: memory keeps its fused order until one is installed' : 'reranking failed; memory kept its fused order', { code });
    }
    return code === 'model_missing' ? NO_RERANKER : `The reranking model failed (${code}), so memory kept the order of its keyword, name and vector search.`;
  }
}
