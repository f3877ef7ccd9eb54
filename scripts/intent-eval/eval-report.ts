/** Human-readable tables and the JSON result file of an intent evaluation. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IntentEvalReport } from './eval-runner.js';

export interface IntentEvalMeta {
  provider: string;
  model: string;
  dataset: string;
  /** Extra facts worth keeping with the numbers (backend, GPU, classifier kind). */
  details?: Record<string, unknown>;
}

const pct = (x: number) => (Number.isNaN(x) ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const ms = (x: number) => (Number.isNaN(x) ? '-' : `${x.toFixed(x < 10 ? 2 : 0)} ms`);

export function formatIntentEvalReport(report: IntentEvalReport, meta: IntentEvalMeta): string {
  const m = report.metrics;
  const labels = m.labels;
  const width = Math.max(...labels.map((l) => l.length), 'expected \\ predicted'.length);
  const lines: string[] = [];
  lines.push(`Intent evaluation — ${meta.provider} / ${meta.model}`);
  lines.push(`Dataset ${meta.dataset}: ${m.total} examples, concurrency ${report.concurrency}, ${(report.durationMs / 1000).toFixed(1)} s`);
  lines.push('');
  lines.push(`Accuracy   ${pct(m.accuracy)}  (${m.correct}/${m.total}${m.failed > 0 ? `, ${m.failed} failed calls` : ''})`);
  lines.push(`Macro F1   ${pct(m.macro.f1)}  (precision ${pct(m.macro.precision).trim()}, recall ${pct(m.macro.recall).trim()})`);
  lines.push(`Latency    p50 ${ms(report.latency.p50Ms)} · p95 ${ms(report.latency.p95Ms)} · mean ${ms(report.latency.meanMs)} · max ${ms(report.latency.maxMs)}`);
  lines.push('');
  lines.push(`${'class'.padEnd(width)}  precision  recall      F1  support`);
  for (const label of labels) {
    const c = m.perClass[label];
    lines.push(`${label.padEnd(width)}     ${pct(c.precision)}  ${pct(c.recall)}  ${pct(c.f1)}  ${String(c.support).padStart(7)}`);
  }
  lines.push('');
  const columns = [...labels, 'error' as const];
  const colWidth = Math.max(...columns.map((c) => abbreviate(c).length)) + 1;
  lines.push(`${'expected \\ predicted'.padEnd(width)} ${columns.map((c) => abbreviate(c).padStart(colWidth)).join('')}`);
  for (const row of labels) {
    lines.push(`${row.padEnd(width)} ${columns.map((c) => String(m.confusion[row][c]).padStart(colWidth)).join('')}`);
  }
  const wrong = report.results.filter((r) => r.predicted !== r.expected);
  if (wrong.length > 0) {
    lines.push('');
    lines.push(`First misclassified examples (${wrong.length} in all, every one is in the JSON file):`);
    for (const r of wrong.slice(0, 15)) {
      lines.push(`  [${r.expected} → ${r.predicted ?? `error: ${r.error}`}] ${r.text.length > 90 ? `${r.text.slice(0, 87)}...` : r.text}`);
    }
  }
  return lines.join('\n');
}

function abbreviate(label: string): string {
  const short: Record<string, string> = { simple_action: 'simple', complex_task: 'complex', clarification: 'clarify', conversation: 'convers' };
  return short[label] ?? label;
}

/** Writes <dir>/intent-eval-<timestamp>.json and returns its path. */
export async function writeIntentEvalResults(report: IntentEvalReport, meta: IntentEvalMeta, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const file = path.join(dir, `intent-eval-${stamp}.json`);
  await writeFile(file, JSON.stringify({ ...meta, ...report }, null, 2) + '\n');
  return file;
}
