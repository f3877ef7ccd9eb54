import { abortErrorOf } from './abort-error.js';

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (err: unknown) => void;
}

/**
 * Promises waiting on a decision that is made elsewhere (an approval answered, a question
 * answered), keyed by the decision's id. Aborting a wait only stops that caller waiting: the
 * decision itself stays open, and the other waiters still get it.
 */
export class WaiterSet<T> {
  private readonly waiters = new Map<string, Set<Waiter<T>>>();

  /** Waits for `settle(id)` or `fail(id)`; rejects with the abort's reason when `signal` aborts first. */
  wait(id: string, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const set = this.waiters.get(id) ?? new Set<Waiter<T>>();
      const waiter: Waiter<T> = {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        },
        reject: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      };
      const onAbort = () => {
        set.delete(waiter);
        if (set.size === 0 && this.waiters.get(id) === set) this.waiters.delete(id);
        reject(abortErrorOf(signal));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      set.add(waiter);
      this.waiters.set(id, set);
    });
  }

  /** Resolves every wait on `id` with `value`; later waits are not affected. */
  settle(id: string, value: T): void {
    for (const waiter of this.take(id)) waiter.resolve(value);
  }

  /** Rejects every wait on `id` with `err`. */
  fail(id: string, err: unknown): void {
    for (const waiter of this.take(id)) waiter.reject(err);
  }

  /** How many callers wait on `id` (0 when none). */
  count(id: string): number {
    return this.waiters.get(id)?.size ?? 0;
  }

  private take(id: string): Set<Waiter<T>> {
    const set = this.waiters.get(id) ?? new Set<Waiter<T>>();
    this.waiters.delete(id);
    return set;
  }
}
