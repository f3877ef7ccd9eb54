import type { MessageMetrics } from '../../../src-preload/schemas/entities.js';
import type { AnsweredBy } from '../llm/provider.js';

/**
 * A streamed reply's speed as people compare it between apps: time to first token (the wait before
 * anything shows, prompt reading included) and tokens per second while the text was coming. The
 * first token is not part of the rate: it took the time measured as the wait.
 */
export function replyMetrics(input: { startedAt: number; firstAt: number; endedAt: number; completionTokens: number; model: string; answeredBy?: AnsweredBy }): MessageMetrics {
  const timeToFirstTokenMs = Math.max(0, input.firstAt - input.startedAt);
  const streamingSeconds = Math.max(0, input.endedAt - input.firstAt) / 1000;
  const tokens = Math.max(0, Math.round(input.completionTokens));
  // One token (or none) has no rate to speak of; a rate over a near-zero span would be noise.
  const tokensPerSecond = tokens > 1 && streamingSeconds > 0.001 ? (tokens - 1) / streamingSeconds : 0;
  return {
    timeToFirstTokenMs: Math.round(timeToFirstTokenMs),
    tokensPerSecond: Math.round(tokensPerSecond * 10) / 10,
    completionTokens: tokens,
    model: input.model,
    // Which model answered is shown under every reply (the speed only when asked): where it ran goes with its name.
    ...(input.answeredBy && { location: input.answeredBy.location, provider: input.answeredBy.provider }),
  };
}
