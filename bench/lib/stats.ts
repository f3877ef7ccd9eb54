/**
 * Summary statistics for benchmark samples. Benchmarks report medians: on a shared machine a few
 * runs are slowed by something else, and the median ignores them where a mean would not.
 */

export interface SampleSummary {
  n: number;
  median: number;
  min: number;
  max: number;
  p90: number;
  mean: number;
  /** The raw samples, in the order they were taken (kept in the JSON so a reader can judge the spread). */
  samples: number[];
}

/** Nearest-rank percentile (q in 0..1) of the samples; NaN for none. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** Median; for an even count, the mean of the two middle samples. NaN for none. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(samples: readonly number[]): SampleSummary {
  const mean = samples.length === 0 ? Number.NaN : samples.reduce((s, v) => s + v, 0) / samples.length;
  return {
    n: samples.length,
    median: round(median(samples)),
    min: round(samples.length ? Math.min(...samples) : Number.NaN),
    max: round(samples.length ? Math.max(...samples) : Number.NaN),
    p90: round(percentile(samples, 0.9)),
    mean: round(mean),
    samples: samples.map((v) => round(v)),
  };
}

/** Rounds to 3 significant decimals for readable JSON (times in ms, rates in tokens/s). */
export function round(value: number, decimals = 3): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** a / b, or null when b is 0 or either is not a finite number (a ratio that cannot be computed is not 0). */
export function ratio(a: number, b: number): number | null {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return round(a / b);
}
