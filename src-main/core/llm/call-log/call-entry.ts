/**
 * One recorded model call. The router writes one per attempt (so a failed primary and its
 * fallback are two rows). Only counts, codes and timings: never prompt or answer text.
 */
import { z } from 'zod';

export const CALL_OUTCOMES = ['ok', 'error', 'fallback', 'cancelled'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export type CallLocation = 'local' | 'cloud';
export type CallKind = 'chat' | 'chat_json' | 'embed';

export const LlmCallEntrySchema = z.object({
  at: z.date(),
  /** Provider id (e.g. 'local', 'cloud'). */
  provider: z.string().min(1),
  location: z.enum(['local', 'cloud']),
  model: z.string().min(1),
  role: z.string().min(1),
  kind: z.enum(['chat', 'chat_json', 'embed']),
  taskId: z.string().min(1).nullish(),
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
  latencyMs: z.number().min(0),
  costUsd: z.number().min(0),
  /** False when the model had no known price (costUsd is then 0 and the dashboard says "price unknown"). */
  priceKnown: z.boolean(),
  /** 'fallback': this attempt failed and another provider was tried; 'cancelled': the caller aborted. */
  outcome: z.enum(CALL_OUTCOMES),
  /** StewardError code of a failed attempt, e.g. 'timeout', 'provider_failed', 'unauthorized'. */
  errorCode: z.string().min(1).nullish(),
  complexity: z.number().min(0).max(1).nullish(),
  /** chatJson whose first answer broke the schema and one repair fixed it. */
  repaired: z.boolean().optional(),
});
export type LlmCallEntry = z.input<typeof LlmCallEntrySchema>;

/** Where calls are recorded; the router depends on this, not on SQLite. */
export interface CallRecorder {
  record(entry: LlmCallEntry): void;
}
