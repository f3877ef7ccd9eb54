/**
 * Hands out a fixed set of context sequences to concurrent requests. Requests beyond the pool size
 * wait in FIFO order. A free sequence is chosen by how much of the new prompt it has already
 * evaluated (the longest common prefix of the rendered conversation), so a request with the same
 * system prompt, or the next turn of the same conversation, lands where its prefix is still in the
 * KV cache and only the new tail is evaluated. Without a useful shared prefix the least recently
 * used sequence is taken, so hot prefixes survive longest.
 */
import { ProviderCancelledError } from '../llm-errors.js';

interface Slot<S> {
  index: number;
  resource: S;
  busy: boolean;
  /** Text of the last conversation evaluated on this sequence (prompt + answer). */
  lastText: string;
  lastUsed: number;
}

export interface SequenceLease<S> {
  resource: S;
  index: number;
  /** Characters of the new prompt already evaluated on this sequence (0 = cold). */
  sharedPrefixChars: number;
  /** Must be called exactly once; `evaluatedText` is what the sequence now holds ('' if unknown). */
  release(evaluatedText: string): void;
}

interface Waiter<S> {
  promptText: string;
  resolve: (lease: SequenceLease<S>) => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

export class SequencePool<S> {
  private readonly slots: Slot<S>[];
  private readonly waiters: Waiter<S>[] = [];
  private clock = 0;
  private closed = false;

  /**
   * @param minUsefulShared shared prompt characters below which a cached prefix is not worth
   * routing to (it would evict a more valuable one); ~128 characters ≈ 30 tokens.
   */
  constructor(
    resources: readonly S[],
    private readonly minUsefulShared = 128,
  ) {
    if (resources.length === 0) throw new Error('SequencePool needs at least one sequence');
    this.slots = resources.map((resource, index) => ({ index, resource, busy: false, lastText: '', lastUsed: 0 }));
  }

  get size(): number {
    return this.slots.length;
  }
  get busyCount(): number {
    return this.slots.filter((s) => s.busy).length;
  }
  get queuedCount(): number {
    return this.waiters.length;
  }
  /** Every sequence, for disposal and stats. */
  get resources(): S[] {
    return this.slots.map((s) => s.resource);
  }

  acquire(promptText: string, signal?: AbortSignal): Promise<SequenceLease<S>> {
    if (this.closed) return Promise.reject(new ProviderCancelledError('The model request'));
    if (signal?.aborted) return Promise.reject(new ProviderCancelledError('The model request'));
    const slot = this.pickFree(promptText);
    if (slot) return Promise.resolve(this.lease(slot, promptText));
    return new Promise<SequenceLease<S>>((resolve, reject) => {
      const waiter: Waiter<S> = { promptText, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(new ProviderCancelledError('The model request'));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
    });
  }

  /** Rejects queued requests; sequences in use finish on their own. */
  close(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0)) {
      if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
      w.reject(new ProviderCancelledError('The model request'));
    }
  }

  private pickFree(promptText: string): Slot<S> | null {
    let best: Slot<S> | null = null;
    let bestShared = -1;
    let lru: Slot<S> | null = null;
    for (const slot of this.slots) {
      if (slot.busy) continue;
      if (!lru || slot.lastUsed < lru.lastUsed) lru = slot;
      const shared = commonPrefixLength(slot.lastText, promptText);
      if (shared > bestShared) {
        best = slot;
        bestShared = shared;
      }
    }
    // A few shared characters (same role marker, a short prompt) are not worth evicting another
    // sequence's long cached prefix for: then take the least recently used sequence instead.
    return bestShared >= this.minUsefulShared ? best : lru;
  }

  private lease(slot: Slot<S>, promptText: string): SequenceLease<S> {
    slot.busy = true;
    const sharedPrefixChars = commonPrefixLength(slot.lastText, promptText);
    let released = false;
    return {
      resource: slot.resource,
      index: slot.index,
      sharedPrefixChars,
      release: (evaluatedText: string) => {
        if (released) return;
        released = true;
        slot.busy = false;
        slot.lastText = evaluatedText;
        slot.lastUsed = ++this.clock;
        this.handOver(slot);
      },
    };
  }

  private handOver(slot: Slot<S>): void {
    const waiter = this.waiters.shift();
    if (!waiter) return;
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.resolve(this.lease(slot, waiter.promptText));
  }
}
