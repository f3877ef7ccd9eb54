/**
 * Embedding contexts of the local provider. node-llama-cpp's embedding context evaluates one text
 * at a time on one sequence (its native getEmbedding reads sequence 0 only), so texts cannot be
 * batched inside one context; what can run together is several contexts over the same model.
 * A call's texts are split across the pool's contexts in order, each context takes its share one
 * text at a time, and the vectors come back in the callers' order — the same vectors one context
 * gives (tested). One context is the default: in the inference worker (a 1-thread libuv pool)
 * native evaluations run one at a time anyway.
 */
import type { LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp';

export interface EmbeddingPoolOptions {
  model: LlamaModel;
  /** Contexts to create (1…8). */
  contexts: number;
  contextSize: number;
  threads: number;
}

export class EmbeddingPool {
  /** Each context's own queue: a context evaluates one text at a time. */
  private readonly queues: Promise<unknown>[];

  private constructor(
    private readonly contexts: LlamaEmbeddingContext[],
    private readonly contextSize: number,
  ) {
    this.queues = contexts.map(() => Promise.resolve());
  }

  static async create(options: EmbeddingPoolOptions): Promise<EmbeddingPool> {
    const count = Math.max(1, Math.min(8, Math.floor(options.contexts)));
    const contexts: LlamaEmbeddingContext[] = [];
    try {
      for (let i = 0; i < count; i += 1) contexts.push(await options.model.createEmbeddingContext({ contextSize: { max: options.contextSize }, threads: options.threads }));
    } catch (err) {
      // Memory for one context but not for more: use what was created.
      if (contexts.length === 0) throw err;
    }
    return new EmbeddingPool(contexts, options.contextSize);
  }

  get size(): number {
    return this.contexts.length;
  }

  /** Vectors in the order of `texts`; `aborted()` is checked before each text. */
  async embed(texts: readonly string[], aborted: () => void): Promise<number[][]> {
    const vectors: number[][] = new Array<number[]>(texts.length);
    const share = Math.ceil(texts.length / this.contexts.length);
    await Promise.all(
      this.contexts.map((context, c) => {
        const start = c * share;
        const mine = texts.slice(start, start + share);
        if (mine.length === 0) return Promise.resolve();
        const run = this.queues[c]!.then(async () => {
          for (const [i, text] of mine.entries()) {
            aborted();
            vectors[start + i] = await this.embedOne(context, text);
          }
        });
        this.queues[c] = run.catch(() => undefined);
        return run;
      }),
    );
    return vectors;
  }

  private async embedOne(context: LlamaEmbeddingContext, text: string): Promise<number[]> {
    const tokens = context.model.tokenize(text);
    // Longer inputs than the embedding context are cut: a vector of the beginning beats an error.
    const limit = Math.max(1, this.contextSize - 2);
    const embedding = await context.getEmbeddingFor(tokens.length > limit ? tokens.slice(0, limit) : text);
    return [...embedding.vector];
  }

  async dispose(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.dispose().catch(() => undefined)));
  }
}
