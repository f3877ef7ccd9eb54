/**
 * Peak resident memory of this process. The OS keeps the true peak (getrusage maxrss), which
 * catches short spikes a sampler would miss; the sampler adds a time series so a reader can see
 * when memory grew (model load, context allocation, generation).
 */

const MIB = 1024 * 1024;

/** Peak RSS of this process since it started, in bytes (getrusage: kilobytes on Linux and macOS). */
export function processPeakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export interface MemorySample {
  /** Milliseconds since the sampler started. */
  atMs: number;
  rssMiB: number;
}

export class PeakRssSampler {
  private timer: NodeJS.Timeout | null = null;
  private started = 0;
  private peak = 0;
  readonly samples: MemorySample[] = [];

  constructor(private readonly intervalMs = 50) {}

  start(): this {
    this.started = performance.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    // Never keep a finished benchmark alive just to sample memory.
    this.timer.unref();
    return this;
  }

  /** Stops sampling; returns the highest RSS seen, or the OS peak when that is higher (it is never lower). */
  stop(): { peakRssBytes: number; sampledPeakRssBytes: number; samples: MemorySample[] } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return { peakRssBytes: Math.max(this.peak, processPeakRssBytes()), sampledPeakRssBytes: this.peak, samples: this.samples };
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    this.peak = Math.max(this.peak, rss);
    this.samples.push({ atMs: Math.round(performance.now() - this.started), rssMiB: Math.round((rss / MIB) * 10) / 10 });
  }
}
