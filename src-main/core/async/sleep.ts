/** Resolves true after `ms`, or false as soon as `signal` aborts (at once when it already has). */
export function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits `ms`; rejects with the signal's reason when it aborts first (for retry loops that stop by throwing). */
export async function sleepOrThrowOnAbort(ms: number, signal?: AbortSignal): Promise<void> {
  if (!(await sleepUnlessAborted(ms, signal))) throw signal?.reason;
}
