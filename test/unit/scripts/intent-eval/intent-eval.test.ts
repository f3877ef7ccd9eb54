import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IntentExample } from '../../../../scripts/intent-eval/dataset.js';
import { loadIntentDataset } from '../../../../scripts/intent-eval/dataset.js';
import { formatIntentEvalReport, writeIntentEvalResults } from '../../../../scripts/intent-eval/eval-report.js';
import { runIntentEval, type IntentClassifier } from '../../../../scripts/intent-eval/eval-runner.js';
import { evaluationToolCatalogue } from '../../../../scripts/intent-eval/eval-tool-catalogue.js';
import { classificationMetrics, latencySummary, percentile } from '../../../../scripts/intent-eval/metrics.js';
import { createModelIntentClassifier } from '../../../../scripts/intent-eval/model-classifier.js';
import { createScriptedIntentProvider } from '../../../../scripts/intent-eval/scripted-intent-provider.js';
import { INTENTS, type IntentKind } from '../../../../src-main/core/agent/intent.js';

/** Expands a confusion matrix (rows expected, columns predicted, in INTENTS order) into result pairs. */
function fromMatrix(matrix: number[][]): Array<{ expected: IntentKind; predicted: IntentKind | null }> {
  const out: Array<{ expected: IntentKind; predicted: IntentKind | null }> = [];
  matrix.forEach((row, i) => row.forEach((n, j) => {
    for (let k = 0; k < n; k++) out.push({ expected: INTENTS[i]!, predicted: j < INTENTS.length ? INTENTS[j]! : null });
  }));
  return out;
}

describe('intent metrics', () => {
  // Rows: expected simple, complex, question, clarification, conversation. Last column: failed calls.
  const matrix = [
    [8, 2, 0, 0, 0, 0],
    [1, 6, 0, 1, 0, 2],
    [0, 0, 9, 1, 0, 0],
    [0, 0, 2, 3, 0, 0],
    [0, 0, 0, 0, 5, 0],
  ];
  const m = classificationMetrics(INTENTS, fromMatrix(matrix));

  it('computes accuracy, failures and the confusion matrix', () => {
    expect(m.total).toBe(40);
    expect(m.correct).toBe(31);
    expect(m.failed).toBe(2);
    expect(m.accuracy).toBeCloseTo(31 / 40, 12);
    expect(m.confusion.complex_task).toEqual({ simple_action: 1, complex_task: 6, question: 0, clarification: 1, conversation: 0, error: 2 });
  });

  it('computes per-class precision, recall and F1 by hand-checked values', () => {
    // simple: tp 8, predicted 9, support 10
    expect(m.perClass.simple_action).toEqual({ precision: 8 / 9, recall: 0.8, f1: expect.closeTo((2 * (8 / 9) * 0.8) / (8 / 9 + 0.8), 12), support: 10, predicted: 9 });
    // complex: tp 6, predicted 8, support 10 (the two failed calls count against recall)
    expect(m.perClass.complex_task.precision).toBeCloseTo(0.75, 12);
    expect(m.perClass.complex_task.recall).toBeCloseTo(0.6, 12);
    expect(m.perClass.complex_task.f1).toBeCloseTo(2 / 3, 12);
    // clarification: tp 3, predicted 5, support 5
    expect(m.perClass.clarification.precision).toBeCloseTo(0.6, 12);
    expect(m.perClass.clarification.recall).toBeCloseTo(0.6, 12);
    expect(m.perClass.conversation).toEqual({ precision: 1, recall: 1, f1: 1, support: 5, predicted: 5 });
    const expectedMacroRecall = (0.8 + 0.6 + 0.9 + 0.6 + 1) / 5;
    expect(m.macro.recall).toBeCloseTo(expectedMacroRecall, 12);
  });

  it('gives zero, not NaN, for a class never predicted or never present', () => {
    const none = classificationMetrics(INTENTS, [{ expected: 'question', predicted: 'conversation' }]);
    expect(none.perClass.question).toEqual({ precision: 0, recall: 0, f1: 0, support: 1, predicted: 0 });
    expect(none.perClass.simple_action).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 });
  });

  it('computes percentiles by linear interpolation', () => {
    const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(values, 50)).toBe(55);
    expect(percentile(values, 95)).toBeCloseTo(95.5, 12);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(latencySummary([3, 1, 2])).toEqual({ count: 3, meanMs: 2, p50Ms: 2, p95Ms: 2.9, maxMs: 3 });
  });
});

describe('intent evaluation runner', () => {
  const examples: IntentExample[] = [
    { text: 'hi', intent: 'conversation' },
    { text: 'send the invoice to ann@x.test', intent: 'simple_action' },
    { text: 'build a website', intent: 'complex_task' },
    { text: 'what can you do?', intent: 'question' },
    { text: 'send it', intent: 'clarification' },
    { text: 'explode', intent: 'question' },
  ];
  const answers: Record<string, IntentKind> = {
    hi: 'conversation',
    'send the invoice to ann@x.test': 'simple_action',
    'build a website': 'simple_action', // deliberate mistake
    'what can you do?': 'question',
    'send it': 'clarification',
  };

  it('scores a scripted classifier, counts failures, and never exceeds the concurrency bound', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let clock = 0;
    const classify: IntentClassifier = async (text) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      clock += 10 * (Object.keys(answers).indexOf(text) + 1); // latencies 10, 20, … from a fake clock
      inFlight--;
      if (text === 'explode') throw new Error('model crashed');
      return { kind: answers[text]!, confidence: 0.9 };
    };
    const progress: number[] = [];
    const report = await runIntentEval({ examples, classify, concurrency: 2, now: () => clock, onResult: (_r, done) => progress.push(done) });
    expect(maxInFlight).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(report.metrics.correct).toBe(4);
    expect(report.metrics.failed).toBe(1);
    expect(report.metrics.accuracy).toBeCloseTo(4 / 6, 12);
    expect(report.results[2]).toMatchObject({ expected: 'complex_task', predicted: 'simple_action' });
    expect(report.results[5]).toMatchObject({ predicted: null, error: 'model crashed' });
    expect(report.metrics.perClass.complex_task.recall).toBe(0);
    expect(report.metrics.perClass.simple_action.precision).toBe(0.5);

    const text = formatIntentEvalReport(report, { provider: 'scripted', model: 'test', dataset: 'inline' });
    expect(text).toContain('Accuracy    66.7%  (4/6, 1 failed calls)');
    expect(text).toMatch(/complex_task\s+1\s+0\s+0\s+0\s+0\s+0/);
    expect(text).toContain('[complex_task → simple_action] build a website');
    expect(text).toContain('[question → error: model crashed] explode');
  });

  it('rejects answers outside the five intents as failed calls', async () => {
    const report = await runIntentEval({ examples: examples.slice(0, 1), classify: async () => ({ kind: 'smalltalk' as IntentKind, confidence: 1 }) });
    expect(report.results[0]).toMatchObject({ predicted: null, error: 'unknown intent "smalltalk"' });
  });

  it('writes the JSON results file with the metadata and every example', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'steward-intent-eval-'));
    try {
      const report = await runIntentEval({ examples: examples.slice(0, 2), classify: async (t) => ({ kind: answers[t]!, confidence: 1 }) });
      const file = await writeIntentEvalResults(report, { provider: 'scripted', model: 'm', dataset: 'inline' }, dir);
      expect(path.basename(file)).toMatch(/^intent-eval-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.json$/);
      const json = JSON.parse(await readFile(file, 'utf8'));
      expect(json).toMatchObject({ provider: 'scripted', model: 'm', metrics: { total: 2, correct: 2, accuracy: 1 } });
      expect(json.results).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs offline through the real intent prompt and schema with the scripted provider', async () => {
    const tools = evaluationToolCatalogue();
    const provider = createScriptedIntentProvider(tools.map((t) => t.name));
    const slice = (await loadIntentDataset('test/fixtures/intents.jsonl')).slice(0, 25);
    const report = await runIntentEval({ examples: slice, classify: createModelIntentClassifier(provider, tools), concurrency: 3 });
    expect(report.metrics.failed).toBe(0); // every answer passed the agent's intent schema
    expect(report.metrics.total).toBe(25);
    expect(provider.requests).toHaveLength(25);
    const request = provider.requests[0]!;
    expect(request).toMatchObject({ kind: 'chatJson', schemaName: 'intent', role: 'intent', temperature: 0 });
    expect(request.messages[0]?.content).toContain('- email.send: Send an email');
    expect(request.messages[0]?.content).toContain('- payments.send:');
    expect(request.lastUserText).toBe(slice[0]!.text);
  });
});
