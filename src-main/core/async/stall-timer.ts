/**
 * An abort signal for one attempt at something that streams (a download, a model's answer): it
 * fires when the caller's own signal aborts, or when `timeoutMs` pass without `touch()` — a
 * stream that keeps flowing is never cut off however long it takes, a silent one is. `stalled`
 * tells the two apart afterwards. The timer runs only once `touch()` is first called, so work
 * done before the request (hashing a resumed file) does not count as silence.
 */
export class StallTimer {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private timedOut = false;
  private readonly onParentAbort = () => this.controller.abort();

  constructor(
    private readonly timeoutMs: number,
    private readonly parent?: AbortSignal,
  ) {
    if (parent?.aborted) this.controller.abort();
    else parent?.addEventListener('abort', this.onParentAbort, { once: true });
  }

  /** Aborts on the caller's abort or on silence; pass it to the request. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True when the silence (not the caller) aborted the attempt. */
  get stalled(): boolean {
    return this.timedOut;
  }

  /** Something arrived: the silence is counted again from now. */
  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.timeoutMs);
  }

  /** The stream is done: silence from now on is not a stall. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops the timer and lets go of the caller's signal; call it when the attempt ends, however it ends. */
  dispose(): void {
    this.stop();
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }
}
