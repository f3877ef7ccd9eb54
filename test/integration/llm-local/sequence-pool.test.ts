/** Which sequence a request gets: shared prefixes stay hot, extra requests wait their turn. */
import { describe, expect, it } from 'vitest';
import { SequencePool } from '../../../src-main/core/llm/local/sequence-pool.js';
import { ProviderCancelledError } from '../../../src-main/core/llm/llm-errors.js';

const LONG = 'system: ' + 'You are Steward. '.repeat(20);

describe('SequencePool', () => {
  it('routes a prompt to the sequence that already evaluated its long prefix', async () => {
    const pool = new SequencePool(['a', 'b', 'c']);
    const first = await pool.acquire(LONG + 'user: one');
    first.release(LONG + 'user: one' + 'answer');
    // An unrelated short prompt must not take (and evict) the hot sequence.
    const other = await pool.acquire('system: short');
    expect(other.index).not.toBe(first.index);
    other.release('system: short');
    const again = await pool.acquire(LONG + 'user: two');
    expect(again.index).toBe(first.index);
    expect(again.sharedPrefixChars).toBeGreaterThanOrEqual(LONG.length);
  });

  it('queues requests beyond the pool size in order and hands over released sequences', async () => {
    const pool = new SequencePool(['only']);
    const a = await pool.acquire('a');
    const order: string[] = [];
    const b = pool.acquire('b').then((l) => (order.push('b'), l));
    const c = pool.acquire('c').then((l) => (order.push('c'), l));
    expect(pool.queuedCount).toBe(2);
    a.release('a');
    (await b).release('b');
    (await c).release('c');
    expect(order).toEqual(['b', 'c']);
    expect(pool.busyCount).toBe(0);
  });

  it('a queued request that is aborted leaves the queue with a cancellation error', async () => {
    const pool = new SequencePool(['only']);
    const a = await pool.acquire('a');
    const controller = new AbortController();
    const waiting = pool.acquire('b', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(ProviderCancelledError);
    expect(pool.queuedCount).toBe(0);
    a.release('a');
    expect(pool.busyCount).toBe(0);
  });

  it('close() rejects whoever is still waiting', async () => {
    const pool = new SequencePool(['only']);
    await pool.acquire('a');
    const waiting = pool.acquire('b');
    pool.close();
    await expect(waiting).rejects.toBeInstanceOf(ProviderCancelledError);
    await expect(pool.acquire('c')).rejects.toBeInstanceOf(ProviderCancelledError);
  });
});
