/**
 * The reranking model of the local provider: node-llama-cpp's ranking context over a separate
 * GGUF with a classifier head (a Qwen3-Reranker or bge-reranker style model). Memory asks it to
 * score its best candidates against the request; it runs where the provider runs (the inference
 * worker in the app), loaded on first use so a chat-only session never pays for it.
 */
import type { Llama, LlamaModel, LlamaRankingContext } from 'node-llama-cpp';
import { StewardError } from '../../errors.js';
import { ModelLoadError, ModelMissingError, ProviderCancelledError, ProviderFailedError } from '../llm-errors.js';
import { assertCompleteGguf } from './gguf-header.js';

/** Ranking inputs are a request and one past turn: 2K tokens holds both; longer documents are scored by their best chunk. */
const RANKING_CONTEXT_MAX = 2048;
/** A query is a request, not a document: beyond this many characters only its beginning is compared. */
const QUERY_MAX_CHARS = 2000;

export interface LocalRankerBackend {
  llama: Llama;
  threads: number;
}

export class LocalRanker {
  private context: Promise<LlamaRankingContext> | null = null;
  private model: LlamaModel | null = null;
  /** One ranking context, one sequence: calls take turns. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** The reranker GGUF; null when none is selected (rank then throws ModelMissingError). */
    private readonly modelPath: string | null,
    private readonly backend: () => Promise<LocalRankerBackend>,
    private readonly provider: string,
  ) {}

  async rank(query: string, documents: readonly string[], signal?: AbortSignal): Promise<number[]> {
    if (!this.modelPath) throw new ModelMissingError({ role: 'reranker', modelId: 'qwen3-reranker-0.6b-q8_0' });
    if (documents.length === 0) return [];
    const context = await this.rankingContext(this.modelPath);
    const run = this.queue.then(async () => {
      if (signal?.aborted) throw new ProviderCancelledError('The ranking request');
      return context.rankAll(query.slice(0, QUERY_MAX_CHARS), [...documents], { onOverflow: 'maxChunk' });
    });
    this.queue = run.catch(() => undefined);
    try {
      return await run;
    } catch (err) {
      if (err instanceof StewardError) throw err;
      throw new ProviderFailedError(this.provider, `ranking failed (${err instanceof Error ? err.message : String(err)})`, { cause: err });
    }
  }

  private rankingContext(modelPath: string): Promise<LlamaRankingContext> {
    if (!this.context) {
      this.context = (async () => {
        const { llama, threads } = await this.backend();
        await assertCompleteGguf(modelPath, { role: 'reranker' });
        let model: LlamaModel;
        try {
          model = await llama.loadModel({ modelPath, gpuLayers: 'auto' });
        } catch (err) {
          throw new ModelLoadError(modelPath, 'llama.cpp refused the reranking model', { cause: err });
        }
        if (!model.fileInsights.supportsRanking) {
          await model.dispose().catch(() => undefined);
          throw new ModelLoadError(modelPath, 'it has no ranking head (a reranker GGUF has cls.output or cls tensors); choose a reranking model such as qwen3-reranker-0.6b-q8_0 on the Models screen');
        }
        this.model = model;
        return model.createRankingContext({ contextSize: { max: Math.min(model.trainContextSize, RANKING_CONTEXT_MAX) }, threads });
      })();
      this.context.catch(() => (this.context = null));
    }
    return this.context;
  }

  async close(): Promise<void> {
    const context = await this.context?.catch(() => null);
    await context?.dispose().catch(() => undefined);
    await this.model?.dispose().catch(() => undefined);
    this.context = null;
    this.model = null;
  }
}
