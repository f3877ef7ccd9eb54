/**
 * Runs `work` with its own abort signal that fires when the parent aborts or the time is up.
 * A tool that ignores its signal is still abandoned on time: the call settles with the timeout
 * error and whatever the tool does later is not waited for.
 */
export async function runWithTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: { timeoutMs: number; parent: AbortSignal; onTimeout: () => Error },
): Promise<T> {
  const controller = new AbortController();
  let rejectEarly: (err: unknown) => void = () => undefined;
  const early = new Promise<never>((_, reject) => (rejectEarly = reject));
  const onParentAbort = () => {
    controller.abort(options.parent.reason);
    rejectEarly(options.parent.reason instanceof Error ? options.parent.reason : new Error('aborted'));
  };
  const timer = setTimeout(() => {
    const err = options.onTimeout();
    controller.abort(err);
    rejectEarly(err);
  }, options.timeoutMs);
  if (options.parent.aborted) onParentAbort();
  else options.parent.addEventListener('abort', onParentAbort, { once: true });
  try {
    return await Promise.race([work(controller.signal), early]);
  } finally {
    clearTimeout(timer);
    options.parent.removeEventListener('abort', onParentAbort);
  }
}
