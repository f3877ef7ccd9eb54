import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleepOrThrowOnAbort, sleepUnlessAborted } from '../../../src-main/core/async/sleep.js';
import { StallTimer } from '../../../src-main/core/async/stall-timer.js';
import { WaiterSet } from '../../../src-main/core/async/waiter-set.js';
import { timeoutAsResult, withTimeout } from '../../../src-main/core/async/with-timeout.js';

// Fake timers: these primitives are about time, and a loaded machine must not change what they decide.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WaiterSet (waits on a decision made elsewhere)', () => {
  it('gives every waiter of an id the decision, and only that id', async () => {
    const waiters = new WaiterSet<string>();
    const a1 = waiters.wait('a');
    const a2 = waiters.wait('a');
    const b = waiters.wait('b');
    waiters.settle('a', 'yes');
    await expect(a1).resolves.toBe('yes');
    await expect(a2).resolves.toBe('yes');
    expect(waiters.count('a')).toBe(0);
    expect(waiters.count('b')).toBe(1);
    waiters.fail('b', new Error('withdrawn'));
    await expect(b).rejects.toThrow('withdrawn');
  });

  it('an aborted wait rejects with the abort reason and leaves the other waiters waiting', async () => {
    const waiters = new WaiterSet<number>();
    const controller = new AbortController();
    const leaving = waiters.wait('x', controller.signal);
    const staying = waiters.wait('x');
    controller.abort(new Error('task cancelled'));
    await expect(leaving).rejects.toThrow('task cancelled');
    expect(waiters.count('x')).toBe(1);
    waiters.settle('x', 7);
    await expect(staying).resolves.toBe(7);
  });

  it('a signal aborted before waiting rejects at once (a plain Error when the reason is not one)', async () => {
    const waiters = new WaiterSet<number>();
    const controller = new AbortController();
    controller.abort('just a string');
    await expect(waiters.wait('x', controller.signal)).rejects.toThrow('aborted');
    expect(waiters.count('x')).toBe(0);
  });

  it('settling an id nobody waits on does nothing, and a later wait is not answered by it', async () => {
    const waiters = new WaiterSet<string>();
    waiters.settle('late', 'early answer');
    let settled = false;
    void waiters.wait('late').then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(settled).toBe(false);
  });
});

describe('sleepUnlessAborted / sleepOrThrowOnAbort', () => {
  it('resolves true when the time passes, false as soon as the signal aborts', async () => {
    const done = sleepUnlessAborted(1000, undefined);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(done).resolves.toBe(true);

    const controller = new AbortController();
    const cut = sleepUnlessAborted(60_000, controller.signal);
    controller.abort();
    await expect(cut).resolves.toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an already aborted signal does not sleep at all', async () => {
    await expect(sleepUnlessAborted(60_000, AbortSignal.abort())).resolves.toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the throwing form rejects with the abort reason', async () => {
    const controller = new AbortController();
    const sleeping = sleepOrThrowOnAbort(60_000, controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    const ok = sleepOrThrowOnAbort(5);
    await vi.advanceTimersByTimeAsync(5);
    await expect(ok).resolves.toBeUndefined();
  });
});

describe('StallTimer (silence, not length, ends a stream)', () => {
  it('a stream that keeps flowing is never cut off; silence after the last piece is', async () => {
    const timer = new StallTimer(1000);
    timer.touch();
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(900);
      timer.touch();
    }
    expect(timer.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(timer.signal.aborted).toBe(true);
    expect(timer.stalled).toBe(true);
    timer.dispose();
  });

  it("the caller's abort aborts it too, and is not called a stall", () => {
    const caller = new AbortController();
    const timer = new StallTimer(1000, caller.signal);
    timer.touch();
    caller.abort();
    expect(timer.signal.aborted).toBe(true);
    expect(timer.stalled).toBe(false);
    timer.dispose();
  });

  it('does not count silence before the first touch, nor after stop', async () => {
    const timer = new StallTimer(1000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(timer.signal.aborted).toBe(false);
    timer.touch();
    timer.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(timer.signal.aborted).toBe(false);
    timer.dispose();
  });

  it('after dispose the caller aborting no longer reaches it', () => {
    const caller = new AbortController();
    const timer = new StallTimer(1000, caller.signal);
    timer.dispose();
    caller.abort();
    expect(timer.signal.aborted).toBe(false);
  });
});

describe('withTimeout / timeoutAsResult', () => {
  it('returns what the work returns in time, and leaves no timer behind', async () => {
    await expect(withTimeout(async () => 'done', { timeoutMs: 1000, onTimeout: () => new Error('late') })).resolves.toBe('done');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('abandons work that ignores its signal on time, with the error onTimeout makes, and aborts the signal with it', async () => {
    let seen: AbortSignal | undefined;
    const running = withTimeout(
      (signal) => {
        seen = signal;
        return new Promise<string>(() => undefined);
      },
      { timeoutMs: 1000, onTimeout: () => new Error('the tool took too long') },
    );
    const settled = expect(running).rejects.toThrow('the tool took too long');
    await vi.advanceTimersByTimeAsync(1000);
    await settled;
    expect(seen?.aborted).toBe(true);
    expect((seen?.reason as Error).message).toBe('the tool took too long');
  });

  it("the parent's abort ends it at once with the parent's reason", async () => {
    const parent = new AbortController();
    const running = withTimeout(() => new Promise<string>(() => undefined), { timeoutMs: 60_000, parent: parent.signal, onTimeout: () => new Error('late') });
    parent.abort(new Error('user cancelled'));
    await expect(running).rejects.toThrow('user cancelled');
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the work's own failure passes through unchanged", async () => {
    await expect(withTimeout(() => Promise.reject(new Error('server said no')), { timeoutMs: 1000, onTimeout: () => new Error('late') })).rejects.toThrow('server said no');
  });

  it("timeoutAsResult answers 'timeout' for silence and aborts the work's signal so it can close its connection", async () => {
    let closed = false;
    const outcome = timeoutAsResult((signal) => {
      signal.addEventListener('abort', () => (closed = true));
      return new Promise<string>(() => undefined);
    }, 2000);
    await vi.advanceTimersByTimeAsync(2000);
    await expect(outcome).resolves.toBe('timeout');
    expect(closed).toBe(true);
    await expect(timeoutAsResult(async () => 42, 2000)).resolves.toBe(42);
    await expect(timeoutAsResult(() => Promise.reject(new Error('refused')), 2000)).rejects.toThrow('refused');
  });
});
