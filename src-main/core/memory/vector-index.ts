/**
 * The sqlite-vec side of memory: embeds facts and episodes in the background (writes never wait
 * for a model) and answers KNN queries. When no embedder can be used it says why, and search
 * runs on keywords and entities alone.
 */
import { toStewardError } from '../errors.js';
import { MEMORY_VECTOR_DIMENSIONS } from '../store/migrations/0003-memory.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import { toFloat32, type Embedder } from './embedder.js';
import { measureEmbedderQuality, type EmbedderQuality } from './embedder-quality.js';
import { adoptVectorModel } from './vector-model.js';
import type { MemoryLogger } from './memory-log.js';

const BATCH = 64;

export interface VectorHit {
  seq: number;
  distance: number;
}

export type QueryVector = { vector: Float32Array; reason: null } | { vector: null; reason: string };

/**
 * off: no embedder given. checking: the quality check has not finished. ready: vectors vote in
 * retrieval. weak: the embedder failed the quality check, so nothing is embedded. no_model: the
 * embedder says no model is installed; nothing is retried until `retry()` (a model may have
 * arrived). unusable: it returns vectors of the wrong size.
 */
export type EmbeddingState = 'off' | 'checking' | 'ready' | 'weak' | 'no_model' | 'unusable';

export const KEYWORD_ONLY_NO_MODEL =
  'Keyword search only — install an embedding model for better recall (Models screen: download bge-small-en-v1.5-q8_0).';

export interface EmbeddingStatus {
  state: EmbeddingState;
  available: boolean;
  /** What the user reads on the Memory screen; null when vectors are in use. */
  reason: string | null;
  /** The vector list's weight in retrieval (0 when vectors are not used). */
  vectorWeight: number;
  quality: EmbedderQuality | null;
}

export class VectorIndex {
  private state: EmbeddingState;
  private reason: string | null;
  private quality: EmbedderQuality | null = null;
  private checking: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** The last failure that was logged: the same failure is logged once, not on every turn. */
  private lastLogged: string | null = null;
  /** The embedder id that passed the check: vectors made under another id are dropped, never stored. */
  private readyFor: string | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly embedder: Embedder | null,
    private readonly log: MemoryLogger,
    /** Fixes the vector weight instead of measuring it (evaluations compare weights). */
    private readonly fixedWeight: number | null = null,
  ) {
    this.state = embedder ? 'checking' : 'off';
    this.reason = embedder ? null : 'No embedding model is available, so memory searched by keywords and names only.';
  }

  get available(): boolean {
    return this.state === 'ready';
  }

  get unavailableReason(): string | null {
    return this.state === 'ready' ? null : this.state === 'checking' ? 'The embedding model is being checked; memory searched by keywords and names meanwhile.' : this.reason;
  }

  /** How much the vector list counts in retrieval's fusion: 0 unless vectors are in use. */
  get weight(): number {
    if (this.state !== 'ready') return 0;
    return this.fixedWeight ?? this.quality?.weight ?? 0;
  }

  status(): EmbeddingStatus {
    return { state: this.state, available: this.available, reason: this.unavailableReason, vectorWeight: this.weight, quality: this.quality };
  }

  /** After a model was installed or settings changed: try the embedder again (check included). */
  retry(): void {
    // Ready with the same model: nothing changed. Ready with another one (the settings name a new
    // embedding model): it is checked like any model, and memory re-embeds for it if it passes.
    if (!this.embedder || this.state === 'checking' || (this.state === 'ready' && this.readyFor === this.embedder.id)) return;
    this.state = 'checking';
    this.reason = null;
    this.checking = null;
    this.schedule();
  }

  /** Runs the quality check once; afterwards the state says whether vectors are used. */
  private ensureChecked(): Promise<void> {
    if (!this.embedder || this.state !== 'checking') return Promise.resolve();
    this.checking ??= this.runCheck(this.embedder);
    return this.checking;
  }

  private async runCheck(embedder: Embedder): Promise<void> {
    try {
      const [probe] = await embedder.embed(['quality check'], { purpose: 'self-check' });
      if (!this.dimensionsOk(probe)) return;
      const quality = await measureEmbedderQuality(embedder);
      this.quality = quality;
      if (this.fixedWeight === null && quality.weight === 0) {
        this.state = 'weak';
        this.reason = `The embedding model (${embedder.label ?? embedder.id}) matched only ${quality.matched} of ${quality.pairs} paraphrases in memory's quality check, too few to help, so memory searches by keywords and names only. Install a real embedding model for better recall (Models screen: download bge-small-en-v1.5-q8_0).`;
        this.log.info('embedder too weak for memory; keyword search only', { embedder: embedder.id, accuracy: quality.accuracy });
        return;
      }
      const change = adoptVectorModel(this.db, embedder.id);
      if (change.reembed) this.log.info('a new embedding model: memory embeds its facts and past turns again', { previous: change.previous, embedder: embedder.id });
      this.readyFor = embedder.id;
      this.state = 'ready';
      this.reason = null;
      this.lastLogged = null;
    } catch (err) {
      this.failed(err);
    }
  }

  /** An embedding call failed: no model stops all tries until retry(); anything else is logged once and tried again later. */
  private failed(err: unknown): void {
    const code = toStewardError(err).code;
    if (code === 'model_missing') {
      this.state = 'no_model';
      this.reason = KEYWORD_ONLY_NO_MODEL;
    } else if (this.state === 'checking') {
      // A transient failure during the check: the next use checks again.
      this.checking = null;
    }
    if (this.lastLogged !== code) {
      this.lastLogged = code;
      this.log.warn(code === 'model_missing' ? 'no embedding model: memory searches by keywords until one is installed' : 'embedding failed; memory searches by keywords meanwhile', { code });
    }
  }

  async embedQuery(text: string): Promise<QueryVector> {
    await this.ensureChecked();
    if (!this.embedder || this.state !== 'ready') return { vector: null, reason: this.unavailableReason ?? 'No embedding model is available.' };
    if (text.trim().length === 0) return { vector: null, reason: 'The search text is empty.' };
    try {
      const [vector] = await this.embedder.embed([text]);
      if (!this.dimensionsOk(vector)) return { vector: null, reason: this.unavailableReason ?? 'The embedding model returned nothing.' };
      if (!vector || vector.length === 0) return { vector: null, reason: 'The embedding model returned no vector for this text, so memory searched by keywords and names only.' };
      return { vector: toFloat32(vector), reason: null };
    } catch (err) {
      // A failing model must not break retrieval: fall back for this query.
      this.failed(err);
      return { vector: null, reason: (this.state as EmbeddingState) === 'no_model' ? KEYWORD_ONLY_NO_MODEL : `The embedding model failed (${toStewardError(err).code}), so memory searched by keywords and names only.` };
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
    if (!this.embedder || (this.state !== 'ready' && this.state !== 'checking')) return;
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
    await this.ensureChecked();
    if (this.state !== 'ready') return;
    try {
      while (await this.embedBatch('fact')) {
        /* keep going */
      }
      while (await this.embedBatch('episode')) {
        /* keep going */
      }
    } catch (err) {
      this.failed(err);
    }
  }

  /** Embeds one batch; false when there was nothing left (or embedding is off). */
  private async embedBatch(kind: 'fact' | 'episode'): Promise<boolean> {
    if (!this.embedder || this.state !== 'ready' || !this.db.open) return false;
    const table = kind === 'fact' ? 'memory_facts' : 'memory_episodes';
    const textColumn = kind === 'fact' ? 'search_text' : 'text';
    const rows = this.db.prepare(`SELECT seq, ${textColumn} AS text FROM ${table} WHERE embedded = 0 ORDER BY seq LIMIT ?`).all(BATCH) as { seq: number; text: string }[];
    if (rows.length === 0) return false;
    // An empty text has nothing to embed (a model may answer it with a 0-length vector): skip it, never stop the index for it.
    const wanted = rows.filter((r) => r.text.trim().length > 0);
    const madeBy = this.embedder.id;
    const vectors = wanted.length > 0 ? await this.embedder.embed(wanted.map((r) => r.text)) : [];
    // The model changed while this batch was out: its vectors belong to the old model and are not stored.
    if (!this.db.open || this.state !== 'ready' || madeBy !== this.readyFor) return false;
    const byRow = new Map<number, Float32Array | null>();
    for (const [i, row] of wanted.entries()) {
      const vector = vectors[i];
      if (vector && vector.length > 0 && !this.dimensionsOk(vector)) return false;
      byRow.set(row.seq, vector && vector.length > 0 ? toFloat32(vector) : null);
    }
    const vecTable = kind === 'fact' ? 'memory_fact_vectors' : 'memory_episode_vectors';
    const key = kind === 'fact' ? 'fact_seq' : 'episode_seq';
    const current = this.db.prepare(`SELECT ${textColumn} AS text FROM ${table} WHERE seq = ?`);
    const remove = this.db.prepare(`DELETE FROM ${vecTable} WHERE ${key} = ?`);
    const insert = this.db.prepare(`INSERT INTO ${vecTable} (${key}, embedding) VALUES (?, ?)`);
    const mark = this.db.prepare(`UPDATE ${table} SET embedded = 1 WHERE seq = ?`);
    this.db.transaction(() => {
      for (const row of rows) {
        // The row may have been edited or forgotten while the model was busy: only store a vector for the text it has now.
        const now = current.get(row.seq) as { text: string } | undefined;
        if (!now || now.text !== row.text) continue;
        remove.run(BigInt(row.seq));
        const vector = byRow.get(row.seq);
        // No vector (empty text, or none came back): marked done so it is not asked for again; keyword search still finds it.
        if (vector) insert.run(BigInt(row.seq), vector);
        mark.run(row.seq);
      }
    })();
    return true;
  }

  /** A vector of the wrong size turns vectors off (the tables hold exactly MEMORY_VECTOR_DIMENSIONS); an empty one is not a size. */
  private dimensionsOk(vector: readonly number[] | undefined): boolean {
    if (!vector || vector.length === 0) return true;
    if (vector.length !== MEMORY_VECTOR_DIMENSIONS || vector.some((x) => !Number.isFinite(x))) {
      this.state = 'unusable';
      this.reason =
        vector.length !== MEMORY_VECTOR_DIMENSIONS
          ? `The embedding model gives ${vector.length}-dimensional vectors but memory needs ${MEMORY_VECTOR_DIMENSIONS}, so memory searched by keywords and names only. Choose a ${MEMORY_VECTOR_DIMENSIONS}-dimension embedding model on the Models screen (bge-small-en-v1.5-q8_0).`
          : 'The embedding model returned invalid numbers, so memory searched by keywords and names only.';
      this.log.warn('embedding model unusable for memory', { dimensions: vector.length });
      return false;
    }
    return true;
  }
}
