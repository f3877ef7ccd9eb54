/**
 * Runs an intent classifier over labelled examples with bounded concurrency and measures each
 * call. The classifier is injected, so the same runner scores a real model, the offline keyword
 * baseline, or a scripted stand-in in tests.
 */
import { StewardError } from '../../src-main/core/errors.js';
import { INTENTS, type IntentKind } from '../../src-main/core/agent/intent.js';
import type { IntentExample } from './dataset.js';
import { classificationMetrics, latencySummary, type ClassificationMetrics, type LatencySummary } from './metrics.js';

export interface IntentPrediction {
  kind: IntentKind;
  confidence: number;
}

export type IntentClassifier = (text: string, options: { signal?: AbortSignal }) => Promise<IntentPrediction>;

export interface ExampleResult {
  index: number;
  text: string;
  expected: IntentKind;
  predicted: IntentKind | null;
  confidence: number | null;
  latencyMs: number;
  /** Why the call failed (null when it answered). */
  error: string | null;
  note?: string;
}

export interface IntentEvalReport {
  startedAt: string;
  durationMs: number;
  concurrency: number;
  metrics: ClassificationMetrics<IntentKind>;
  latency: LatencySummary;
  results: ExampleResult[];
}

export interface IntentEvalOptions {
  examples: readonly IntentExample[];
  classify: IntentClassifier;
  /** Calls in flight at once. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Monotonic milliseconds; injectable so tests can check latency math. */
  now?: () => number;
  onResult?: (result: ExampleResult, done: number, total: number) => void;
}

export async function runIntentEval(options: IntentEvalOptions): Promise<IntentEvalReport> {
  const now = options.now ?? (() => performance.now());
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const started = new Date();
  const t0 = now();
  const results: ExampleResult[] = new Array(options.examples.length);
  let next = 0;
  let done = 0;

  async function worker(): Promise<void> {
    for (;;) {
      options.signal?.throwIfAborted();
      const index = next++;
      if (index >= options.examples.length) return;
      const example = options.examples[index]!;
      const start = now();
      let predicted: IntentKind | null = null;
      let confidence: number | null = null;
      let error: string | null = null;
      try {
        const answer = await options.classify(example.text, { signal: options.signal });
        if (!(INTENTS as readonly string[]).includes(answer.kind)) throw new Error(`unknown intent "${String(answer.kind)}"`);
        predicted = answer.kind;
        confidence = answer.confidence;
      } catch (err) {
        if (options.signal?.aborted) throw err;
        error = err instanceof StewardError ? err.userMessage : err instanceof Error ? err.message : String(err);
      }
      const result: ExampleResult = { index, text: example.text, expected: example.intent, predicted, confidence, latencyMs: now() - start, error };
      if (example.note) result.note = example.note;
      results[index] = result;
      done++;
      options.onResult?.(result, done, options.examples.length);
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, options.examples.length)) }, worker));
  return {
    startedAt: started.toISOString(),
    durationMs: now() - t0,
    concurrency,
    metrics: classificationMetrics(INTENTS, results),
    latency: latencySummary(results.map((r) => r.latencyMs)),
    results,
  };
}
