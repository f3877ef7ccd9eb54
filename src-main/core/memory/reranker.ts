/**
 * Query + candidate texts → relevance 0…1, from a reranking model (a cross-encoder reads the
 * request and each past turn together, which keyword and vector lists cannot). Any LlmProvider
 * with `rank` can rerank; the composition root hands memory the router's.
 */
import type { LlmProvider } from '../llm/provider.js';

export interface Reranker {
  readonly id: string;
  rank(query: string, documents: string[], options?: { signal?: AbortSignal; purpose?: 'self-check' }): Promise<number[]>;
}

/** The provider's reranker, or null when the provider has no `rank` at all. */
export function providerReranker(provider: LlmProvider): Reranker | null {
  const rank = provider.rank?.bind(provider);
  return rank ? { id: provider.id, rank } : null;
}
