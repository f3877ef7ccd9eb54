/**
 * The vector side of knowledge passages: passages get vectors in the background (keyword search
 * works meanwhile), a question gets its vector, and vectors are used only while memory's verdict
 * on the embedding model says so AND knowledge's own calls found nothing wrong. An embedding model
 * that is removed (calls fail with model_missing) or gives vectors of the wrong size turns vectors
 * off with the reason the Knowledge screen shows, until the model changes again (recheck).
 */
import { toStewardError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { Embedder } from '../memory/embedder.js';
import type { EmbeddingStatus } from '../memory/vector-index.js';
import { MEMORY_VECTOR_DIMENSIONS } from '../store/migrations/0003-memory.js';
import type { KnowledgeRepo } from './knowledge-repo.js';
import type { QueryVector } from './passage-search.js';

const BATCH = 32;

export interface VectorVerdict {
  usable: boolean;
  /** Why passages are found by keywords only; null while vectors are used. */
  reason: string | null;
}

/** Shown after "Passages are found by keywords." on the Knowledge screen. */
export const NO_EMBEDDING_MODEL = 'No embedding model is installed: install one on the Models screen (bge-small-en-v1.5-q8_0) to find passages by meaning too.';

/** Memory's verdict read for knowledge: vectors only when the embedding model is ready and counts in retrieval. */
export function memoryVectorVerdict(status: EmbeddingStatus): VectorVerdict {
  return status.state === 'ready' && status.vectorWeight > 0 ? { usable: true, reason: null } : { usable: false, reason: status.reason ?? 'Keyword search only until the embedding model is ready.' };
}

export class PassageEmbeddings {
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /** What knowledge's own calls found wrong with the embedding model; null when nothing. */
  private problem: string | null = null;
  private lastLogged: string | null = null;

  constructor(
    private readonly repo: KnowledgeRepo,
    private readonly embedder: Embedder | null,
    /** Memory's verdict on the embedding model (installed, and passed its quality check). */
    private readonly memoryVerdict: () => VectorVerdict,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  verdict(): VectorVerdict {
    if (!this.embedder) return { usable: false, reason: NO_EMBEDDING_MODEL };
    if (this.problem) return { usable: false, reason: this.problem };
    return this.memoryVerdict();
  }

  /** Embeds, in the background, every passage without a vector from the current model. Never throws. */
  schedule(): void {
    const embedder = this.embedder;
    if (this.closed || !embedder || !this.verdict().usable) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain(embedder).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    });
  }

  /** The question's vector, or null (vectors off, or the model failed: that question is answered by keywords). */
  async queryVector(text: string): Promise<QueryVector | null> {
    const embedder = this.embedder;
    if (!embedder || !this.verdict().usable || text.trim().length === 0) return null;
    const embedderId = embedder.id;
    try {
      const [vector] = await embedder.embed([text]);
      const checked = this.checked(vector);
      return checked ? { vector: checked, embedderId } : null;
    } catch (err) {
      this.failed(err);
      return null;
    }
  }

  /** The embedding model may have been installed, changed or removed: forget what was found, try it once, embed what it has not. */
  async recheck(): Promise<void> {
    this.problem = null;
    this.lastLogged = null;
    if (!this.embedder || this.closed || !this.memoryVerdict().usable) return;
    try {
      const [probe] = await this.embedder.embed(['knowledge check'], { purpose: 'self-check' });
      this.checked(probe);
    } catch (err) {
      this.failed(err);
    }
    this.schedule();
  }

  /** How many passages have a vector from the current model, and how many wait for one. */
  counts(): { embedded: number; pending: number } {
    return this.embedder ? this.repo.vectorCounts(this.embedder.id) : { embedded: 0, pending: 0 };
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  close(): void {
    this.closed = true;
  }

  private async drain(embedder: Embedder): Promise<void> {
    try {
      for (;;) {
        if (this.closed || !this.verdict().usable) return;
        const embedderId = embedder.id;
        const batch = this.repo.unembedded(embedderId, BATCH);
        if (batch.length === 0) return;
        // An empty text has nothing to embed (a model may answer it with no vector): it is marked done without one.
        const wanted = batch.filter((c) => c.text.trim().length > 0);
        const vectors = wanted.length > 0 ? await embedder.embed(wanted.map((c) => (c.heading ? `${c.heading}\n${c.text}` : c.text))) : [];
        if (this.closed) return;
        const byId = new Map<number, Float32Array>();
        for (const [i, chunk] of wanted.entries()) {
          const vector = vectors[i];
          if (!vector || vector.length === 0) continue;
          const checked = this.checked(vector);
          if (!checked) return;
          byId.set(chunk.id, checked);
        }
        this.repo.saveEmbeddings(
          embedderId,
          batch.map((c) => ({ id: c.id, text: c.text, vector: byId.get(c.id) ?? null })),
        );
      }
    } catch (err) {
      this.failed(err);
    }
  }

  /** A vector the passages' table can hold, or null; a wrong size or invalid numbers turn vectors off with the reason. */
  private checked(vector: readonly number[] | undefined): Float32Array | null {
    if (!vector || vector.length === 0) return null;
    if (vector.length !== MEMORY_VECTOR_DIMENSIONS || vector.some((x) => !Number.isFinite(x))) {
      this.problem =
        vector.length !== MEMORY_VECTOR_DIMENSIONS
          ? `The embedding model gives ${vector.length}-dimensional vectors but passages need ${MEMORY_VECTOR_DIMENSIONS}: choose a ${MEMORY_VECTOR_DIMENSIONS}-dimension embedding model on the Models screen (bge-small-en-v1.5-q8_0).`
          : 'The embedding model returned invalid numbers: choose another embedding model on the Models screen.';
      this.note('embedding model unusable for knowledge passages', 'dimensions');
      return null;
    }
    return Float32Array.from(vector);
  }

  /** No model turns vectors off until recheck(); any other failure is logged once and tried again on the next sync or question. */
  private failed(err: unknown): void {
    const code = toStewardError(err).code;
    if (code === 'model_missing') this.problem = NO_EMBEDDING_MODEL;
    this.note(code === 'model_missing' ? 'knowledge: no embedding model; passages are matched on their words only' : 'knowledge: embedding passages failed; keyword search still works', code, err);
  }

  private note(message: string, key: string, err?: unknown): void {
    if (this.lastLogged === key) return;
    this.lastLogged = key;
    this.log.warn(message, err);
  }
}
