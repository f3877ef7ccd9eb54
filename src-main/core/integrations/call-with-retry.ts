/**
 * Retries an outside call with exponential backoff, but only where it is safe: a rate-limit answer
 * (429) means the service did not act, so it is always retried after the Retry-After it asked for;
 * a server error or a lost connection is retried only for calls the service documents as safe to
 * repeat (reads, deletes, creates carrying our own id). Anything else is thrown as it is, so a send
 * that may have happened is never sent twice.
 */
import { sleepOrThrowOnAbort } from '../async/sleep.js';

export interface RetryVerdict {
  /** 'rate_limited': retry always; 'transient': retry only when the call is safe to repeat; 'final': never. */
  kind: 'rate_limited' | 'transient' | 'final';
  /** The delay the service asked for (Retry-After), when it said. */
  retryAfterMs?: number | null;
}

export interface RetryOptions {
  /** The call can be repeated without a second effect. */
  safeToRepeat: boolean;
  classify(error: unknown): RetryVerdict;
  maxAttempts?: number;
  baseDelayMs?: number;
  /** No wait is longer than this, whatever Retry-After says (the call fails with the rate-limit error instead). */
  maxDelayMs?: number;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export async function callWithRetry<T>(call: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 3;
  const base = options.baseDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? sleepOrThrowOnAbort;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call(attempt);
    } catch (err) {
      const verdict = options.classify(err);
      const retryable = verdict.kind === 'rate_limited' || (verdict.kind === 'transient' && options.safeToRepeat);
      if (!retryable || attempt >= maxAttempts || options.signal?.aborted) throw err;
      const backoff = base * 2 ** (attempt - 1);
      const delay = verdict.retryAfterMs ?? backoff;
      if (delay > maxDelay) throw err;
      await sleep(delay, options.signal);
    }
  }
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | null | undefined, now = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
