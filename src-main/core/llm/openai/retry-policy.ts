/**
 * When and how long to wait before retrying a cloud call. Only rate limits (429) and server
 * errors (5xx) and dropped connections are retried: a 400/401/403 will fail the same way again,
 * and retrying would only spend the user's money and time.
 */
export interface RetryPolicy {
  /** Total tries including the first one. */
  maxAttempts: number;
  /** First backoff; doubles on each retry. */
  baseDelayMs: number;
  /** Longest wait we accept; a Retry-After beyond it ends the retries (the user is told to wait). */
  maxDelayMs: number;
  /** Source of jitter in [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 20_000, random: Math.random };

export function isRetryableStatus(status: number | undefined): boolean {
  return status === 429 || (status !== undefined && status >= 500 && status <= 599);
}

/**
 * Milliseconds to wait before retry number `retryIndex` (0 for the first retry), or null when the
 * server asked for a longer pause than `maxDelayMs`. A server's Retry-After (or OpenAI's
 * retry-after-ms) wins over our own backoff because it knows when its limit resets.
 */
export function retryDelayMs(retryIndex: number, headers: Headers | undefined, policy: RetryPolicy, now: () => number = Date.now): number | null {
  const asked = serverRetryAfterMs(headers, now);
  if (asked !== null) return asked > policy.maxDelayMs ? null : asked;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  // "Equal jitter": never less than half the backoff, so retries from many callers still spread out.
  return Math.round(exponential / 2 + (policy.random() * exponential) / 2);
}

function serverRetryAfterMs(headers: Headers | undefined, now: () => number): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : null;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now());
}
