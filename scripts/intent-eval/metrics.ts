/**
 * Classification metrics for the intent evaluation: confusion matrix, accuracy, per-class
 * precision / recall / F1, macro averages, and latency percentiles. A failed call (no prediction)
 * counts against recall and accuracy but against no class's precision.
 */
export interface LabelledPrediction<L extends string> {
  expected: L;
  /** null when the classifier failed for this example. */
  predicted: L | null;
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Examples whose expected label is this class. */
  support: number;
  /** Examples predicted as this class. */
  predicted: number;
}

export interface ClassificationMetrics<L extends string> {
  labels: readonly L[];
  total: number;
  correct: number;
  failed: number;
  accuracy: number;
  /** confusion[expected][predicted]; the 'error' column counts failed calls. */
  confusion: Record<L, Record<L | 'error', number>>;
  perClass: Record<L, ClassMetrics>;
  macro: { precision: number; recall: number; f1: number };
}

export function classificationMetrics<L extends string>(labels: readonly L[], results: readonly LabelledPrediction<L>[]): ClassificationMetrics<L> {
  const confusion = Object.fromEntries(labels.map((row) => [row, Object.fromEntries([...labels, 'error'].map((col) => [col, 0]))])) as Record<L, Record<L | 'error', number>>;
  let correct = 0;
  let failed = 0;
  for (const r of results) {
    const row = confusion[r.expected];
    if (!row) throw new Error(`Unknown expected label "${r.expected}"`);
    if (r.predicted === null) {
      row.error++;
      failed++;
      continue;
    }
    if (!(r.predicted in row)) throw new Error(`Unknown predicted label "${r.predicted}"`);
    row[r.predicted]++;
    if (r.predicted === r.expected) correct++;
  }

  const perClass = {} as Record<L, ClassMetrics>;
  for (const label of labels) {
    const tp = confusion[label][label];
    const support = labels.reduce((sum, col) => sum + confusion[label][col], 0) + confusion[label].error;
    const predicted = labels.reduce((sum, row) => sum + confusion[row][label], 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[label] = { precision, recall, f1, support, predicted };
  }
  const mean = (key: 'precision' | 'recall' | 'f1') => (labels.length === 0 ? 0 : labels.reduce((s, l) => s + perClass[l][key], 0) / labels.length);
  return {
    labels,
    total: results.length,
    correct,
    failed,
    accuracy: results.length === 0 ? 0 : correct / results.length,
    confusion,
    perClass,
    macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
  };
}

/** Percentile by linear interpolation between closest ranks (the numpy default); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export function latencySummary(latenciesMs: readonly number[]): LatencySummary {
  const count = latenciesMs.length;
  return {
    count,
    meanMs: count === 0 ? Number.NaN : latenciesMs.reduce((a, b) => a + b, 0) / count,
    p50Ms: percentile(latenciesMs, 50),
    p95Ms: percentile(latenciesMs, 95),
    maxMs: count === 0 ? Number.NaN : Math.max(...latenciesMs),
  };
}
