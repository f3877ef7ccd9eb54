/**
 * Text → vector for memory's semantic search. Any LlmProvider can embed; memory checks the size
 * of what comes back, because the vector tables hold exactly MEMORY_VECTOR_DIMENSIONS floats.
 */
import type { LlmProvider } from '../llm/provider.js';

export interface Embedder {
  readonly id: string;
  /** The model's name for messages, where the id says more (modelNamedEmbedder); absent: the id. */
  readonly label?: string;
  embed(texts: string[], options?: { signal?: AbortSignal; purpose?: 'self-check' }): Promise<number[][]>;
}

export function providerEmbedder(provider: LlmProvider): Embedder {
  return { id: provider.id, embed: (texts, options) => provider.embed(texts, options) };
}

/**
 * The embedder under an id that names the model behind it (the router embeds with whichever model
 * the settings name): stored vectors record that id, so a new embedding model re-embeds them
 * instead of mixing two models' vectors, which are not comparable even at the same size.
 */
export function modelNamedEmbedder(embedder: Embedder, model: () => string | null): Embedder {
  return {
    get id() {
      return `${embedder.id}:${model() ?? 'none'}`;
    },
    get label() {
      return model() ?? embedder.label ?? embedder.id;
    },
    embed: (texts, options) => embedder.embed(texts, options),
  };
}

/** Packs a vector as little-endian float32, the layout vec0 stores. */
export function toFloat32(vector: readonly number[]): Float32Array {
  return Float32Array.from(vector);
}
