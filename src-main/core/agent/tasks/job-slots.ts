export type Lane = 'background' | 'interactive';

interface Waiter {
  lane: Lane;
  grant: (release: () => void) => void;
}

/**
 * The concurrency limit of the task queue (settings.agent.maxConcurrentTasks), first come first
 * served. Background tasks (plans) count against the limit; a single quick action from the chat
 * does not, so a long report cannot block "read that file". Pausing the agent stops both lanes.
 * Tasks waiting for the user hold no slot.
 */
export class JobSlots {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly limit: () => number,
    private readonly paused: () => boolean,
  ) {}

  get inUse(): number {
    return this.running;
  }

  /** Grants a slot at once when one is free; otherwise null and the caller waits with `acquire`. */
  tryAcquire(lane: Lane): (() => void) | null {
    if (!this.available(lane)) return null;
    // First come, first served within the background lane; a quick action never waits behind it.
    if (lane === 'background' && this.queue.some((w) => w.lane === 'background')) return null;
    return this.take(lane);
  }

  acquire(lane: Lane, signal: AbortSignal): Promise<() => void> {
    const now = this.tryAcquire(lane);
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        lane,
        grant: (release) => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  /** Hands free slots to waiters; called on release and when settings change (limit raised, agent resumed). */
  pump(): void {
    for (let i = 0; i < this.queue.length; ) {
      const waiter = this.queue[i]!;
      if (!this.available(waiter.lane)) {
        // Keep order within the background lane; interactive waiters behind it may still go.
        i += 1;
        continue;
      }
      this.queue.splice(i, 1);
      waiter.grant(this.take(waiter.lane));
    }
  }

  private available(lane: Lane): boolean {
    if (this.paused()) return false;
    return lane === 'interactive' || this.running < this.limit();
  }

  private take(lane: Lane): () => void {
    if (lane === 'interactive') return () => undefined;
    this.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      this.pump();
    };
  }
}
