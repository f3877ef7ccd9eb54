/**
 * Download speed and ETA over a sliding window, so a burst or a pause a minute ago does not
 * distort the estimate the user sees now.
 */
export interface ProgressFigures {
  bytesPerSecond: number | null;
  etaSeconds: number | null;
}

export class ProgressMeter {
  private samples: { at: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 5000) {}

  /** Records that `bytes` had been received (this session) at time `at` (ms). */
  sample(at: number, bytes: number): void {
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[0]!.at > this.windowMs) this.samples.shift();
  }

  figures(bytesDone: number, total: number | null): ProgressFigures {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return { bytesPerSecond: null, etaSeconds: null };
    const bytesPerSecond = ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
    if (bytesPerSecond <= 0) return { bytesPerSecond: 0, etaSeconds: null };
    const etaSeconds = total === null ? null : Math.max(0, (total - bytesDone) / bytesPerSecond);
    return { bytesPerSecond, etaSeconds };
  }
}
