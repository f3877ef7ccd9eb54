import { describe, expect, it } from 'vitest';
import { JobSlots } from '../../../src-main/core/agent/tasks/job-slots.js';

describe('JobSlots (the task queue’s concurrency limit)', () => {
  it('hands out at most `limit` background slots, first come first served', async () => {
    let limit = 2;
    const slots = new JobSlots(() => limit, () => false);
    const signal = new AbortController().signal;
    const a = await slots.acquire('background', signal);
    await slots.acquire('background', signal);
    const order: string[] = [];
    const c = slots.acquire('background', signal).then((release) => (order.push('c'), release));
    const d = slots.acquire('background', signal).then((release) => (order.push('d'), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    a();
    await c;
    expect(order).toEqual(['c']);
    limit = 3;
    slots.pump();
    await d;
    expect(order).toEqual(['c', 'd']);
    expect(slots.inUse).toBe(3);
  });

  it('quick actions do not count against the limit, but pausing stops both lanes until resumed', async () => {
    let paused = false;
    const slots = new JobSlots(() => 1, () => paused);
    const signal = new AbortController().signal;
    await slots.acquire('background', signal);
    const queued = slots.acquire('background', signal);
    // A quick action does not wait behind a queued background task.
    expect(slots.tryAcquire('interactive')).not.toBeNull();
    expect(slots.tryAcquire('background')).toBeNull();
    void queued;
    paused = true;
    expect(slots.tryAcquire('interactive')).toBeNull();
    let granted = false;
    const waiting = slots.acquire('interactive', signal).then(() => (granted = true));
    slots.pump();
    await Promise.resolve();
    expect(granted).toBe(false);
    paused = false;
    slots.pump();
    await waiting;
    expect(granted).toBe(true);
  });

  it('a waiter that is aborted leaves the queue and a released slot is never counted twice', async () => {
    const slots = new JobSlots(() => 1, () => false);
    const release = await slots.acquire('background', new AbortController().signal);
    const controller = new AbortController();
    const waiting = slots.acquire('background', controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    release();
    release();
    expect(slots.inUse).toBe(0);
    expect(slots.tryAcquire('background')).not.toBeNull();
  });
});
