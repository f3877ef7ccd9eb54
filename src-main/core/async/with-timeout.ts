import { abortErrorOf } from './abort-error.js';

/**
 * Runs `work` with its own abort signal that fires when the parent aborts or the time is up.
 * Work that ignores its signal is still abandoned on time: the call settles with the timeout
 * error and whatever the work does later is not waited for.
 */
export async function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, options: { timeoutMs: number; parent?: AbortSignal; onTimeout: () => Error }): Promise<T> {
  const { parent } = options;
  const controller = new AbortController();
  let rejectEarly: (err: unknown) => void = () => undefined;
  const early = new Promise<never>((_, reject) => (rejectEarly = reject));
  const onParentAbort = () => {
    controller.abort(parent?.reason);
    rejectEarly(abortErrorOf(parent));
  };
  const timer = setTimeout(() => {
    const err = options.onTimeout();
    controller.abort(err);
    rejectEarly(err);
  }, options.timeoutMs);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  try {
    return await Promise.race([work(controller.signal), early]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParentAbort);
  }
}

class TimedOut extends Error {}

/**
 * `withTimeout` for a check whose silence is its answer (a connection test that says "did not
 * answer within N seconds"): 'timeout' instead of an error. `work`'s signal aborts on time, so it
 * can close its connection.
 */
export async function timeoutAsResult<T>(work: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T | 'timeout'> {
  try {
    return await withTimeout(work, { timeoutMs, onTimeout: () => new TimedOut(`no answer within ${timeoutMs} ms`) });
  } catch (err) {
    if (err instanceof TimedOut) return 'timeout';
    throw err;
  }
}
