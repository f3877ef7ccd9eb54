/**
 * Turns the LLM benchmark's samples into medians, Steward ÷ raw ratios, the targets, and
 * the printed table. Pure functions of the samples, so the JSON and the table always agree.
 */
import { median, ratio, round, summarize, type SampleSummary } from '../stats.js';
import { formatNumber, formatTable, type Cell } from '../table.js';
import type { BatchedBenchResult, LlamaBenchResult } from './llama-cpp-baseline.js';
import type { LoadProbeOutput } from './load-probe-protocol.js';
import type { ConcurrencySamples, DecodeSamples, PerSide, TtftSamples } from './measurements.js';

const MIB = 1024 * 1024;

export interface DraftResult {
  decode: PerSide<DecodeSamples>;
  counters: PerSide<{ validated: number; refuted: number; used: number; unused: number } | null>;
}

export interface LlmSamples {
  load: PerSide<LoadProbeOutput[]> | null;
  ttft: PerSide<TtftSamples>;
  decode: PerSide<DecodeSamples>;
  concurrency: PerSide<ConcurrencySamples[]>;
  draft: DraftResult | null;
  /** llama.cpp's own tools on the same file (only when their binaries were given). */
  llamaCpp: { llamaBench: LlamaBenchResult | null; batchedBench: BatchedBenchResult | null };
}

export interface Target {
  name: string;
  /** What is compared, in words. */
  measure: string;
  target: string;
  value: number | null;
  /** null when the target does not apply to this run (e.g. GPU scaling measured on a CPU). */
  met: boolean | null;
  note?: string;
}

export interface LlmSummary {
  load: PerSide<{ loadMs: SampleSummary; peakRssMiB: SampleSummary; rssAfterLoadMiB: SampleSummary; vramUsedMiB: SampleSummary | null }> | null;
  ttftColdMs: PerSide<SampleSummary>;
  ttftCachedMs: PerSide<SampleSummary>;
  cachedTtftReduction: PerSide<number | null>;
  coldEvaluatedTokens: PerSide<SampleSummary>;
  cachedEvaluatedTokens: PerSide<SampleSummary>;
  promptTokensPerSecond: PerSide<SampleSummary>;
  decodeTokensPerSecond: PerSide<SampleSummary>;
  decodeCompletionTokens: PerSide<SampleSummary>;
  /** Whether both sides produced the same greedy text in the decode run (they should: same model, same prompt, temperature 0). */
  decodeSameText: boolean;
  concurrency: Array<{ streams: number; aggregateTokensPerSecond: PerSide<SampleSummary> }>;
  scaling: PerSide<Record<string, number | null>>;
  draft: {
    decodeTokensPerSecond: PerSide<SampleSummary>;
    speedupOverNoDraft: PerSide<number | null>;
    counters: DraftResult['counters'];
  } | null;
  ratios: Record<string, number | null>;
  /** Steward ÷ llama.cpp's tools, where those ran. */
  vsLlamaCpp: Record<string, number | null>;
  llamaCpp: LlmSamples['llamaCpp'];
}

const both = <T, R>(x: PerSide<T>, f: (v: T) => R): PerSide<R> => ({ steward: f(x.steward), raw: f(x.raw) });

function reduction(cold: number[], cached: number[]): number | null {
  const c = median(cold);
  return Number.isFinite(c) && c > 0 ? round(1 - median(cached) / c) : null;
}

export function summarizeLlm(s: LlmSamples): LlmSummary {
  const load = s.load
    ? both(s.load, (runs) => ({
        loadMs: summarize(runs.map((r) => r.loadMs)),
        peakRssMiB: summarize(runs.map((r) => r.peakRssBytes / MIB)),
        rssAfterLoadMiB: summarize(runs.map((r) => r.rssAfterLoadBytes / MIB)),
        vramUsedMiB: runs.every((r) => r.vramUsedBytes !== null) ? summarize(runs.map((r) => r.vramUsedBytes! / MIB)) : null,
      }))
    : null;
  const concurrency = s.concurrency.steward.map((level, i) => ({
    streams: level.streams,
    aggregateTokensPerSecond: { steward: summarize(level.aggregateTokensPerSecond), raw: summarize(s.concurrency.raw[i]!.aggregateTokensPerSecond) },
  }));
  const at = (streams: number) => concurrency.find((c) => c.streams === streams)?.aggregateTokensPerSecond;
  const scaling = both({ steward: 'steward', raw: 'raw' } as const, (side) => {
    const one = at(1)?.[side].median ?? Number.NaN;
    return Object.fromEntries(concurrency.filter((c) => c.streams !== 1).map((c) => [`${c.streams}x1`, ratio(c.aggregateTokensPerSecond[side].median, one)]));
  });
  const decodeTokensPerSecond = both(s.decode, (d) => summarize(d.tokensPerSecond));
  const draft = s.draft
    ? {
        decodeTokensPerSecond: both(s.draft.decode, (d) => summarize(d.tokensPerSecond)),
        speedupOverNoDraft: {
          steward: ratio(median(s.draft.decode.steward.tokensPerSecond), decodeTokensPerSecond.steward.median),
          raw: ratio(median(s.draft.decode.raw.tokensPerSecond), decodeTokensPerSecond.raw.median),
        },
        counters: s.draft.counters,
      }
    : null;

  const ttftColdMs = both(s.ttft, (t) => summarize(t.coldMs));
  const ttftCachedMs = both(s.ttft, (t) => summarize(t.cachedMs));
  const promptTokensPerSecond = both(s.ttft, (t) => summarize(t.promptTokensPerSecond));
  const ratios: Record<string, number | null> = {
    loadMs: load ? ratio(load.steward.loadMs.median, load.raw.loadMs.median) : null,
    peakRss: load ? ratio(load.steward.peakRssMiB.median, load.raw.peakRssMiB.median) : null,
    ttftColdMs: ratio(ttftColdMs.steward.median, ttftColdMs.raw.median),
    ttftCachedMs: ratio(ttftCachedMs.steward.median, ttftCachedMs.raw.median),
    promptTokensPerSecond: ratio(promptTokensPerSecond.steward.median, promptTokensPerSecond.raw.median),
    decodeTokensPerSecond: ratio(decodeTokensPerSecond.steward.median, decodeTokensPerSecond.raw.median),
    ...Object.fromEntries(concurrency.map((c) => [`aggregate${c.streams}Streams`, ratio(c.aggregateTokensPerSecond.steward.median, c.aggregateTokensPerSecond.raw.median)])),
    ...(draft && { draftDecodeTokensPerSecond: ratio(draft.decodeTokensPerSecond.steward.median, draft.decodeTokensPerSecond.raw.median) }),
  };
  const { llamaBench, batchedBench } = s.llamaCpp;
  const vsLlamaCpp: Record<string, number | null> = {
    ...(llamaBench && {
      promptTokensPerSecond: ratio(promptTokensPerSecond.steward.median, llamaBench.promptTokensPerSecond ?? Number.NaN),
      decodeTokensPerSecond: ratio(decodeTokensPerSecond.steward.median, llamaBench.decodeTokensPerSecond ?? Number.NaN),
      rawDecodeTokensPerSecond: ratio(decodeTokensPerSecond.raw.median, llamaBench.decodeTokensPerSecond ?? Number.NaN),
    }),
    ...(batchedBench &&
      Object.fromEntries(
        concurrency.flatMap((c) => {
          const ref = batchedBench.levels.find((l) => l.sequences === c.streams);
          return ref ? [[`aggregate${c.streams}Streams`, ratio(c.aggregateTokensPerSecond.steward.median, ref.decodeTokensPerSecond)]] : [];
        }),
      )),
  };
  return {
    vsLlamaCpp,
    llamaCpp: s.llamaCpp,
    load,
    ttftColdMs,
    ttftCachedMs,
    cachedTtftReduction: both(s.ttft, (t) => reduction(t.coldMs, t.cachedMs)),
    coldEvaluatedTokens: both(s.ttft, (t) => summarize(t.coldEvaluatedTokens)),
    cachedEvaluatedTokens: both(s.ttft, (t) => summarize(t.cachedEvaluatedTokens)),
    promptTokensPerSecond,
    decodeTokensPerSecond,
    decodeCompletionTokens: both(s.decode, (d) => summarize(d.completionTokens)),
    decodeSameText: s.decode.steward.firstText === s.decode.raw.firstText,
    concurrency,
    scaling,
    draft,
    ratios,
  };
}

export function evaluateTargets(summary: LlmSummary, backend: string): Target[] {
  const decode = summary.ratios.decodeTokensPerSecond ?? null;
  const cached = summary.cachedTtftReduction.steward;
  const four = summary.scaling.steward['4x1'] ?? null;
  const onGpu = backend !== 'cpu';
  const versusLlamaCpp: Target[] = [];
  const v = summary.vsLlamaCpp;
  if (v.decodeTokensPerSecond !== undefined) {
    versusLlamaCpp.push({ name: 'decode vs llama.cpp', measure: 'Steward decode tokens/s ÷ llama-bench tg on the same file', target: '≥ 0.95', value: v.decodeTokensPerSecond, met: v.decodeTokensPerSecond === null ? null : v.decodeTokensPerSecond >= 0.95 });
  }
  const maxStreams = Math.max(...summary.concurrency.map((c) => c.streams));
  const aggregate = v[`aggregate${maxStreams}Streams`];
  if (aggregate !== undefined) {
    versusLlamaCpp.push({
      name: `${maxStreams} streams vs llama.cpp`,
      measure: `Steward aggregate tokens/s at ${maxStreams} concurrent requests ÷ llama-batched-bench S_TG at ${maxStreams} sequences`,
      target: '≥ 0.8',
      value: aggregate,
      met: aggregate === null ? null : aggregate >= 0.8,
    });
  }
  return [
    ...versusLlamaCpp,
    { name: 'decode vs raw', measure: 'Steward decode tokens/s ÷ raw node-llama-cpp decode tokens/s (1 sequence)', target: '≥ 0.97', value: decode, met: decode === null ? null : decode >= 0.97 },
    {
      name: 'cached system prompt',
      measure: 'reduction of time to first token when the ~1,500-token system prompt is already evaluated (Steward)',
      target: '≥ 50%',
      value: cached,
      met: cached === null ? null : cached >= 0.5,
    },
    {
      name: '4-sequence scaling',
      measure: 'Steward aggregate tokens/s with 4 concurrent requests ÷ with 1',
      target: '≥ 2.5× on a GPU',
      value: four,
      met: onGpu && four !== null ? four >= 2.5 : null,
      ...(!onGpu && { note: 'measured on the CPU, where batching several sequences helps far less than on a GPU; the target applies to GPU runs only' }),
    },
  ];
}

const ms = (v: number | undefined) => (v === undefined ? '—' : `${formatNumber(v, v < 100 ? 1 : 0)} ms`);
const rate = (v: number | undefined) => (v === undefined ? '—' : `${formatNumber(v, 0)} tok/s`);
const mib = (v: number | undefined) => (v === undefined ? '—' : `${formatNumber(v, 0)} MiB`);
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumber(v * 100, 0)}%`);
const times = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumber(v, 2)}×`);

export function formatLlmTable(summary: LlmSummary, setup: { systemPromptTokens: number; decodeTokens: number; loadSequences: number }): string {
  const withLlamaCpp = summary.llamaCpp.llamaBench !== null || summary.llamaCpp.batchedBench !== null;
  const table = formatLlmRows(summary, setup);
  if (!withLlamaCpp) return formatTable(['measurement (median)', 'Steward', 'raw node-llama-cpp', 'Steward ÷ raw'], table.map((r) => r.slice(0, 4)));
  return formatTable(['measurement (median)', 'Steward', 'raw node-llama-cpp', 'Steward ÷ raw', 'llama.cpp tools', 'Steward ÷ llama.cpp'], table);
}

function formatLlmRows(summary: LlmSummary, setup: { systemPromptTokens: number; decodeTokens: number; loadSequences: number }): Cell[][] {
  const rows: Cell[][] = [];
  const { llamaBench, batchedBench } = summary.llamaCpp;
  const v = summary.vsLlamaCpp;
  const r = summary.ratios;
  if (summary.load) {
    rows.push([`load to ready (fresh process, ${setup.loadSequences} sequences)`, ms(summary.load.steward.loadMs.median), ms(summary.load.raw.loadMs.median), times(r.loadMs)]);
    rows.push(['peak RSS (load + one round of requests)', mib(summary.load.steward.peakRssMiB.median), mib(summary.load.raw.peakRssMiB.median), times(r.peakRss)]);
    if (summary.load.steward.vramUsedMiB && summary.load.raw.vramUsedMiB) {
      rows.push(['VRAM in use after the round', mib(summary.load.steward.vramUsedMiB.median), mib(summary.load.raw.vramUsedMiB.median), '']);
    }
  }
  rows.push([`time to first token, cold (${setup.systemPromptTokens}-token system prompt)`, ms(summary.ttftColdMs.steward.median), ms(summary.ttftColdMs.raw.median), times(r.ttftColdMs)]);
  rows.push(['time to first token, system prompt cached', ms(summary.ttftCachedMs.steward.median), ms(summary.ttftCachedMs.raw.median), times(r.ttftCachedMs)]);
  rows.push(['  cached TTFT reduction', pct(summary.cachedTtftReduction.steward), pct(summary.cachedTtftReduction.raw), '']);
  rows.push([
    'prompt evaluation (cold prompt)',
    rate(summary.promptTokensPerSecond.steward.median),
    rate(summary.promptTokensPerSecond.raw.median),
    times(r.promptTokensPerSecond),
    llamaBench ? rate(llamaBench.promptTokensPerSecond ?? undefined) : '',
    llamaBench ? times(v.promptTokensPerSecond) : '',
  ]);
  rows.push([
    `decode, 1 sequence (${setup.decodeTokens} tokens)`,
    rate(summary.decodeTokensPerSecond.steward.median),
    rate(summary.decodeTokensPerSecond.raw.median),
    times(r.decodeTokensPerSecond),
    llamaBench ? rate(llamaBench.decodeTokensPerSecond ?? undefined) : '',
    llamaBench ? times(v.decodeTokensPerSecond) : '',
  ]);
  for (const c of summary.concurrency) {
    const ref = batchedBench?.levels.find((l) => l.sequences === c.streams);
    rows.push([
      `aggregate decode, ${c.streams} concurrent`,
      rate(c.aggregateTokensPerSecond.steward.median),
      rate(c.aggregateTokensPerSecond.raw.median),
      times(r[`aggregate${c.streams}Streams`]),
      ref ? rate(ref.decodeTokensPerSecond) : '',
      ref ? times(v[`aggregate${c.streams}Streams`]) : '',
    ]);
  }
  for (const key of Object.keys(summary.scaling.steward)) {
    const [n] = key.split('x');
    rows.push([`  ${n}-stream ÷ 1-stream throughput`, times(summary.scaling.steward[key]), times(summary.scaling.raw[key]), '']);
  }
  if (summary.draft) {
    rows.push(['decode with draft model (speculative)', rate(summary.draft.decodeTokensPerSecond.steward.median), rate(summary.draft.decodeTokensPerSecond.raw.median), times(r.draftDecodeTokensPerSecond)]);
    rows.push(['  speed-up over no draft', times(summary.draft.speedupOverNoDraft.steward), times(summary.draft.speedupOverNoDraft.raw), '']);
  }
  return rows.map((row) => [...row, ...Array<Cell>(Math.max(0, 6 - row.length)).fill('')]);
}

export function formatTargets(targets: readonly Target[]): string {
  return formatTable(
    ['target', 'wanted', 'measured', 'result'],
    targets.map((t) => [
      t.name,
      t.target,
      t.name === 'cached system prompt' ? pct(t.value) : t.value === null ? '—' : `${formatNumber(t.value, 3)}×`,
      t.met === null ? 'n/a (CPU run; see notes)' : t.met ? 'met' : 'NOT met',
    ]),
  );
}
