/**
 * Text → vector for memory's semantic search. Any LlmProvider can embed; memory checks the size
 * of what comes back, because the vector tables hold exactly MEMORY_VECTOR_DIMENSIONS floats.
 */
import type { LlmProvider } from '../llm/provider.js';

export interface Embedder {
  readonly id: string;
  embed(texts: string[], options?: { signal?: AbortSignal; purpose?: 'self-check' }): Promise<number[][]>;
}

export function providerEmbedder(provider: LlmProvider): Embedder {
  return { id: provider.id, embed: (texts, options) => provider.embed(texts, options) };
}

/** Packs a vector as little-endian float32, the layout vec0 stores. */
export function toFloat32(vector: readonly number[]): Float32Array {
  return Float32Array.from(vector);
}
