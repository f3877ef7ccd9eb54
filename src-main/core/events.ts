import type { StewardEvent } from '../../src-preload/contract.js';
import type { Logger } from './logging/logger.js';

export type EventListener = (event: StewardEvent) => void;

/**
 * In-process fan-out of the event stream to every host. A throwing listener must not stop the
 * others or the emitter, so each call is isolated (and its error goes to the log, when one is given).
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();
  /** Non-null while a transaction runs: events wait here until it commits (DESIGN §4.3). */
  private held: StewardEvent[] | null = null;

  constructor(private readonly log: Pick<Logger, 'error'> | null = null) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: StewardEvent): void {
    if (this.held) {
      this.held.push(event);
      return;
    }
    this.deliver(event);
  }

  /**
   * Runs `fn` (typically a database transaction) holding back every event it emits; they are
   * delivered after `fn` returns and dropped if it throws, so no host hears of uncommitted state.
   */
  deferWhile<T>(fn: () => T): T {
    if (this.held) return fn();
    this.held = [];
    let queued: StewardEvent[];
    try {
      const result = fn();
      queued = this.held;
      this.held = null;
      for (const event of queued) this.deliver(event);
      return result;
    } finally {
      this.held = null;
    }
  }

  private deliver(event: StewardEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.log?.error('an event listener failed', err);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
