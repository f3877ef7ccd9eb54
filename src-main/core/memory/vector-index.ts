/**
 * The sqlite-vec side of memory: embeds facts and episodes in the background (writes never wait
 * for a model) and answers KNN queries. When no embedder can be used it says why, and search
 * runs on keywords and entities alone.
 */
import { toStewardError } from '../errors.js';
import { MEMORY_VECTOR_DIMENSIONS } from '../store/migrations/0003-memory.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import { toFloat32, type Embedder } from './embedder.js';
import type { MemoryLogger } from './memory-log.js';

const BATCH = 64;

export interface VectorHit {
  seq: number;
  distance: number;
}

export type QueryVector = { vector: Float32Array; reason: null } | { vector: null; reason: string };

export class VectorIndex {
  private disabledReason: string | null;
  private quality = 1;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly embedder: Embedder | null,
    private readonly log: MemoryLogger,
  ) {
    this.disabledReason = embedder ? null : 'No embedding model is available, so memory searched by keywords and names only.';
  }

  get available(): boolean {
    return this.disabledReason === null;
  }

  /** How much the vector list counts in retrieval's fusion: 0 when vectors are off, else the embedder's measured quality. */
  get weight(): number {
    return this.available ? this.quality : 0;
  }

  get unavailableReason(): string | null {
    return this.disabledReason;
  }

  async embedQuery(text: string): Promise<QueryVector> {
    if (!this.embedder || this.disabledReason) return { vector: null, reason: this.disabledReason ?? 'No embedding model is available.' };
    try {
      const [vector] = await this.embedder.embed([text]);
      const checked = this.check(vector);
      return checked ? { vector: checked, reason: null } : { vector: null, reason: this.disabledReason ?? 'The embedding model returned nothing.' };
    } catch (err) {
      // A failing model must not break retrieval: fall back for this query, keep trying later.
      const reason = `The embedding model failed (${toStewardError(err).code}), so memory searched by keywords and names only.`;
      this.log.warn('query embedding failed', { code: toStewardError(err).code });
      return { vector: null, reason };
    }
  }

  knnFacts(vector: Float32Array, k: number): VectorHit[] {
    return this.db
      .prepare('SELECT fact_seq AS seq, distance FROM memory_fact_vectors WHERE embedding MATCH ? AND k = ?')
      .all(vector, k) as VectorHit[];
  }

  knnEpisodes(vector: Float32Array, k: number): VectorHit[] {
    return this.db
      .prepare('SELECT episode_seq AS seq, distance FROM memory_episode_vectors WHERE embedding MATCH ? AND k = ?')
      .all(vector, k) as VectorHit[];
  }

  counts(): { embedded: number; pending: number } {
    const row = this.db
      .prepare(
        `SELECT (SELECT count(*) FROM memory_facts WHERE embedded = 1) + (SELECT count(*) FROM memory_episodes WHERE embedded = 1) AS embedded,
                (SELECT count(*) FROM memory_facts WHERE embedded = 0) + (SELECT count(*) FROM memory_episodes WHERE embedded = 0) AS pending`,
      )
      .get() as { embedded: number; pending: number };
    return row;
  }

  /** Starts (or queues) a background pass over everything not yet embedded. Never throws. */
  schedule(): void {
    if (!this.embedder || this.disabledReason) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    });
  }

  /** Resolves when no background embedding is running or queued. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (await this.embedBatch('fact')) {
        /* keep going */
      }
      while (await this.embedBatch('episode')) {
        /* keep going */
      }
    } catch (err) {
      this.log.warn('background embedding stopped', { code: toStewardError(err).code });
    }
  }

  /** Embeds one batch; false when there was nothing left (or embedding is off). */
  private async embedBatch(kind: 'fact' | 'episode'): Promise<boolean> {
    if (!this.embedder || this.disabledReason || !this.db.open) return false;
    const table = kind === 'fact' ? 'memory_facts' : 'memory_episodes';
    const textColumn = kind === 'fact' ? 'search_text' : 'text';
    const rows = this.db.prepare(`SELECT seq, ${textColumn} AS text FROM ${table} WHERE embedded = 0 ORDER BY seq LIMIT ?`).all(BATCH) as { seq: number; text: string }[];
    if (rows.length === 0) return false;
    const vectors = await this.embedder.embed(rows.map((r) => r.text));
    if (!this.db.open) return false;
    const checked = vectors.map((v) => this.check(v));
    if (checked.some((v) => v === null)) return false;
    const vecTable = kind === 'fact' ? 'memory_fact_vectors' : 'memory_episode_vectors';
    const key = kind === 'fact' ? 'fact_seq' : 'episode_seq';
    const current = this.db.prepare(`SELECT ${textColumn} AS text FROM ${table} WHERE seq = ?`);
    const remove = this.db.prepare(`DELETE FROM ${vecTable} WHERE ${key} = ?`);
    const insert = this.db.prepare(`INSERT INTO ${vecTable} (${key}, embedding) VALUES (?, ?)`);
    const mark = this.db.prepare(`UPDATE ${table} SET embedded = 1 WHERE seq = ?`);
    this.db.transaction(() => {
      rows.forEach((row, i) => {
        // The row may have been edited or forgotten while the model was busy: only store a vector for the text it has now.
        const now = current.get(row.seq) as { text: string } | undefined;
        if (!now || now.text !== row.text) return;
        remove.run(BigInt(row.seq));
        insert.run(BigInt(row.seq), checked[i]!);
        mark.run(row.seq);
      });
    })();
    return true;
  }

  private check(vector: readonly number[] | undefined): Float32Array | null {
    if (!vector || vector.length !== MEMORY_VECTOR_DIMENSIONS || vector.some((x) => !Number.isFinite(x))) {
      this.disabledReason = vector
        ? `The embedding model gives ${vector.length}-dimensional vectors but memory needs ${MEMORY_VECTOR_DIMENSIONS}, so memory searched by keywords and names only.`
        : 'The embedding model returned no vector, so memory searched by keywords and names only.';
      this.log.warn('embedding model unusable for memory', { dimensions: vector?.length ?? 0 });
      return null;
    }
    return toFloat32(vector);
  }
}
