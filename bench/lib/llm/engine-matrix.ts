/**
 * The engines part of the LLM benchmark (issue 19): the same requests through every way Steward
 * can run the local model, each behind the unchanged LlmProvider interface —
 *
 *   in-process    LocalLlamaProvider in the benchmark's own process (settings llm.inference = in-process)
 *   worker        WorkerLlmProvider: the inference worker process with UV_THREADPOOL_SIZE=1 (the default)
 *   worker-poolN  the same worker with a libuv pool of N threads (--pool-sizes), to measure the pool rule
 *   llama-server  LlamaServerProvider: llama.cpp's own server (llm.engine = llama-server), when built
 *
 * Each engine gets a context of max(levels) sequences. Measured per engine, engines taking turns
 * in every repetition: single-request decode tokens/s (streamed, so the worker's IPC is in the
 * number), time to first token with a cold and a cached system prompt, aggregate tokens/s at each
 * concurrency level, the cold load time, and how long a killed engine takes to serve again.
 */
import { createForkLauncher } from '../../../src-main/core/llm/worker/fork-launcher.js';
import { WorkerLlmProvider } from '../../../src-main/core/llm/worker/worker-llm-provider.js';
import { LocalLlamaProvider } from '../../../src-main/core/llm/local/local-llama-provider.js';
import { LlamaServerProvider } from '../../../src-main/core/llm/llama-server/llama-server-provider.js';
import type { ChatMessage, LlmProvider } from '../../../src-main/core/llm/provider.js';
import { median, ratio, round } from '../stats.js';
import { DECODE_PROMPT, streamPrompt, TTFT_QUESTION, variantOf } from './bench-prompts.js';
import { TEMPERATURE } from './llm-subject.js';

export type EngineName = 'in-process' | 'worker' | `worker-pool${number}` | 'llama-server';

export interface EngineMatrixOptions {
  modelPath: string;
  contextSize: number;
  gpu: 'auto' | 'cpu' | 'cuda' | 'vulkan' | 'metal';
  threads?: number;
  levels: readonly number[];
  reps: number;
  decodeTokens: number;
  streamTokens: number;
  systemPrompt: string;
  engines: readonly EngineName[];
  llamaServerBinary: string | null;
  log: (message: string) => void;
}

export interface EngineResult {
  engine: EngineName;
  describe: string;
  loadMs: number;
  restartMs: number | null;
  decodeTokensPerSecond: number[];
  ttftColdMs: number[];
  ttftCachedMs: number[];
  /** Wall time of a countTokens('x') call: for the worker, one IPC round trip plus a trivial job. */
  roundTripMs: number[];
  /**
   * Per level: end-to-end tokens/s (prompt evaluation, request overhead and decode, wall time of the
   * whole batch) and decode-only tokens/s — the tokens streamed after every stream has its first
   * token, over the time from then to the last token. The second is what llama-batched-bench's S_TG
   * measures (pl × tg ÷ t_tg, prompt processing excluded), so it is the one compared with it.
   */
  concurrency: Array<{ streams: number; aggregateTokensPerSecond: number[]; decodeOnlyTokensPerSecond: number[] }>;
}

export interface EngineMatrix {
  engines: EngineResult[];
  skipped: Array<{ engine: EngineName; reason: string }>;
}

interface Running {
  name: EngineName;
  provider: LlmProvider & { close(): Promise<void> };
  /** Leaves the system prompt evaluated where the next request with it will find it. */
  prime(system: string): Promise<void>;
  /** Kills the engine's process (kill -9) where it has one of its own. */
  kill: (() => void) | null;
  describe: string;
}

const user = (text: string, system?: string): ChatMessage[] => (system ? [{ role: 'system', content: system }, { role: 'user', content: text }] : [{ role: 'user', content: text }]);

async function open(name: EngineName, o: EngineMatrixOptions): Promise<Running> {
  const sequences = Math.max(...o.levels);
  const common = { modelPath: o.modelPath, modelId: 'bench', contextSize: o.contextSize, minContextSize: o.contextSize, sequences, maxSequences: sequences, gpu: o.gpu, temperature: TEMPERATURE, ...(o.threads !== undefined && { threads: o.threads }) };
  if (name === 'in-process') {
    const provider = await LocalLlamaProvider.open(common);
    const info = await provider.info();
    return { name, provider, prime: (s) => provider.warmUp({ systemPrompt: s }), kill: null, describe: `${info.backend}, ${info.sequences} sequences, ${info.threads} threads, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? 'default (4)'}` };
  }
  if (name === 'llama-server') {
    const provider = new LlamaServerProvider({ modelPath: o.modelPath, modelId: 'bench', binary: o.llamaServerBinary, contextSize: o.contextSize, parallel: sequences, gpu: o.gpu === 'cpu' ? 'cpu' : 'auto', ...(o.threads !== undefined && { threads: o.threads }) });
    await provider.load();
    return {
      name,
      provider,
      // llama-server keeps each slot's prompt cache; one request with the prompt leaves it there.
      prime: async (s) => void (await provider.chat({ messages: user(TTFT_QUESTION, s), maxTokens: 1, temperature: TEMPERATURE })),
      kill: () => process.kill(provider.status().pid!, 'SIGKILL'),
      describe: `llama-server pid ${provider.status().pid}, ${sequences} slots`,
    };
  }
  const poolSize = name === 'worker' ? 1 : Number(name.slice('worker-pool'.length));
  const provider = await WorkerLlmProvider.open({ ...common, launcher: createForkLauncher(), threadPoolSize: poolSize, restartDelayMs: 0 });
  const info = await provider.info();
  return {
    name,
    provider,
    prime: (s) => provider.warmUp({ systemPrompt: s }),
    kill: () => process.kill(provider.pid!, 'SIGKILL'),
    describe: `${info.backend}, ${info.sequences} sequences, ${info.threads} threads, worker UV_THREADPOOL_SIZE=${provider.status().threadPoolSize}`,
  };
}

/** One stream of a concurrent batch: when each streamed piece arrived, its length, and the tokens the reply used. */
export interface StreamArrivals {
  pieces: Array<{ at: number; chars: number }>;
  completionTokens: number;
}

/**
 * Tokens/s of the decode phase alone: the window opens when the last stream gets its first piece
 * (every prompt has been evaluated) and closes at the last piece of all. A streamed piece can hold
 * several tokens (the worker sends what arrived in each 8 ms as one message), so pieces are not
 * counted as tokens: each stream's tokens are shared out over its pieces by their length, and the
 * share that arrived inside the window is counted. Null when the window is empty.
 */
export function decodeOnlyRate(streams: StreamArrivals[]): number | null {
  const firsts = streams.map((s) => s.pieces[0]?.at).filter((t): t is number => t !== undefined);
  if (firsts.length === 0) return null;
  const opens = Math.max(...firsts);
  const closes = Math.max(...streams.flatMap((s) => s.pieces.slice(-1).map((p) => p.at)));
  let tokens = 0;
  for (const s of streams) {
    const total = s.pieces.reduce((sum, p) => sum + p.chars, 0);
    const inside = s.pieces.filter((p) => p.at > opens).reduce((sum, p) => sum + p.chars, 0);
    if (total > 0) tokens += s.completionTokens * (inside / total);
  }
  return closes > opens && tokens > 0 ? tokens / ((closes - opens) / 1000) : null;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export async function measureEngines(o: EngineMatrixOptions): Promise<EngineMatrix> {
  const skipped: EngineMatrix['skipped'] = [];
  const running: Running[] = [];
  const results = new Map<EngineName, EngineResult>();
  for (const name of o.engines) {
    if (name === 'llama-server' && !o.llamaServerBinary) {
      skipped.push({ engine: name, reason: 'llama-server is not built: run `node scripts/build-llama-cpp-tools.mjs` or pass --llama-server <path>' });
      o.log(`  llama-server: skipped (not built)`);
      continue;
    }
    try {
      const { ms, value } = await timed(() => open(name, o));
      running.push(value);
      results.set(name, { engine: name, describe: value.describe, loadMs: ms, restartMs: null, decodeTokensPerSecond: [], ttftColdMs: [], ttftCachedMs: [], roundTripMs: [], concurrency: o.levels.map((streams) => ({ streams, aggregateTokensPerSecond: [], decodeOnlyTokensPerSecond: [] })) });
      o.log(`  ${name.padEnd(13)} loaded in ${Math.round(ms)} ms (${value.describe})`);
    } catch (err) {
      skipped.push({ engine: name, reason: err instanceof Error ? err.message : String(err) });
      o.log(`  ${name}: could not start (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  try {
    // Untimed warm-up: lazy allocations, the first batch, the decode prompt in a sequence.
    for (const e of running) {
      await e.provider.chat({ messages: user(DECODE_PROMPT), maxTokens: 8, temperature: TEMPERATURE });
      await Promise.all(Array.from({ length: Math.max(...o.levels) }, (_, k) => e.provider.chat({ messages: user(streamPrompt(k)), maxTokens: 4, temperature: TEMPERATURE })));
    }
    for (let rep = 0; rep < o.reps; rep++) {
      // Engines take turns, starting with a different one each repetition.
      const order = running.map((_, i) => running[(i + rep) % running.length]!);
      for (const e of order) {
        const r = results.get(e.name)!;
        let tokens = 0;
        const decode = await timed(() => e.provider.chat({ messages: user(DECODE_PROMPT), maxTokens: o.decodeTokens, temperature: TEMPERATURE, onToken: () => undefined }));
        tokens = decode.value.usage.completionTokens;
        r.decodeTokensPerSecond.push(tokens / (decode.ms / 1000));

        // The boundary's own cost: 50 trivial calls one after another.
        for (let i = 0; i < 50; i++) r.roundTripMs.push((await timed(() => e.provider.countTokens('x'))).ms);

        const cold = await timed(() => e.provider.chat({ messages: user(TTFT_QUESTION, variantOf(o.systemPrompt, 'cold', rep)), maxTokens: 1, temperature: TEMPERATURE }));
        r.ttftColdMs.push(cold.ms);
        const warm = variantOf(o.systemPrompt, 'warm', rep);
        await e.prime(warm);
        const cached = await timed(() => e.provider.chat({ messages: user(TTFT_QUESTION, warm), maxTokens: 1, temperature: TEMPERATURE }));
        r.ttftCachedMs.push(cached.ms);

        for (const level of r.concurrency) {
          const pieces = Array.from({ length: level.streams }, () => [] as StreamArrivals['pieces']);
          const batch = await timed(() =>
            Promise.all(pieces.map((arrived, k) => e.provider.chat({ messages: user(streamPrompt(k)), maxTokens: o.streamTokens, temperature: TEMPERATURE, onToken: (text) => void arrived.push({ at: performance.now(), chars: text.length }) }))),
          );
          const generated = batch.value.reduce((sum, x) => sum + x.usage.completionTokens, 0);
          level.aggregateTokensPerSecond.push(generated / (batch.ms / 1000));
          const decodeOnly = decodeOnlyRate(pieces.map((p, k) => ({ pieces: p, completionTokens: batch.value[k]!.usage.completionTokens })));
          if (decodeOnly !== null) level.decodeOnlyTokensPerSecond.push(decodeOnly);
        }
      }
      o.log(`  repetition ${rep + 1}/${o.reps} done`);
    }
    // Recovery: kill -9, then the time until a one-token request is answered again (restart + reload + answer).
    for (const e of running) {
      if (!e.kill) continue;
      e.kill();
      await new Promise((r) => setTimeout(r, 200));
      const started = performance.now();
      for (;;) {
        try {
          await e.provider.chat({ messages: user('Hi'), maxTokens: 1, temperature: TEMPERATURE });
          break;
        } catch {
          // The request in flight when the engine died fails by design; the next one waits for the restart.
        }
      }
      results.get(e.name)!.restartMs = performance.now() - started;
      o.log(`  ${e.name.padEnd(13)} served again ${Math.round(results.get(e.name)!.restartMs!)} ms after kill -9`);
    }
  } finally {
    for (const e of running) await e.provider.close().catch(() => undefined);
  }
  return { engines: [...results.values()], skipped };
}

export interface EngineSummaryRow {
  engine: EngineName;
  loadMs: number;
  restartMs: number | null;
  restartOverLoad: number | null;
  decodeTokensPerSecond: number;
  decodeVsInProcess: number | null;
  ttftColdMs: number;
  ttftCachedMs: number;
  roundTripMs: number;
  aggregate: Record<string, number>;
  decodeOnly: Record<string, number | null>;
  /** Decode-only tokens/s ÷ llama-batched-bench S_TG at the same level (both exclude prompt evaluation). */
  aggregateVsBatchedBench: Record<string, number | null>;
}

export function summarizeEngines(matrix: EngineMatrix, batchedBench: Array<{ sequences: number; decodeTokensPerSecond: number }> | null): EngineSummaryRow[] {
  const inProcess = matrix.engines.find((e) => e.engine === 'in-process');
  const inProcessDecode = inProcess ? median(inProcess.decodeTokensPerSecond) : null;
  return matrix.engines.map((e) => {
    const aggregate = Object.fromEntries(e.concurrency.map((c) => [String(c.streams), round(median(c.aggregateTokensPerSecond), 2)]));
    const decodeOnlyOf = (c: EngineResult['concurrency'][number]) => (c.decodeOnlyTokensPerSecond.length > 0 ? median(c.decodeOnlyTokensPerSecond) : null);
    const decodeOnly = Object.fromEntries(e.concurrency.map((c) => [String(c.streams), decodeOnlyOf(c) === null ? null : round(decodeOnlyOf(c)!, 2)]));
    const vsBatched = Object.fromEntries(
      e.concurrency.map((c) => {
        const ref = batchedBench?.find((b) => b.sequences === c.streams);
        const mine = decodeOnlyOf(c);
        return [String(c.streams), ref && mine !== null ? ratio(mine, ref.decodeTokensPerSecond) : null];
      }),
    );
    const decode = median(e.decodeTokensPerSecond);
    return {
      engine: e.engine,
      loadMs: Math.round(e.loadMs),
      restartMs: e.restartMs === null ? null : Math.round(e.restartMs),
      restartOverLoad: e.restartMs === null ? null : ratio(e.restartMs, e.loadMs),
      decodeTokensPerSecond: round(decode, 2),
      decodeVsInProcess: inProcessDecode ? ratio(decode, inProcessDecode) : null,
      ttftColdMs: Math.round(median(e.ttftColdMs)),
      ttftCachedMs: Math.round(median(e.ttftCachedMs)),
      roundTripMs: round(median(e.roundTripMs), 3),
      aggregate,
      decodeOnly,
      aggregateVsBatchedBench: vsBatched,
    };
  });
}

/** The engines table as Markdown (also printed to stdout). */
export function formatEnginesMarkdown(rows: EngineSummaryRow[], levels: readonly number[]): string {
  const f = (v: number | null, d = 2) => (v === null ? '—' : String(round(v, d)));
  const header = ['engine', 'call round trip ms', 'load ms', 'served again after kill -9, ms (÷ load)', 'decode tok/s (÷ in-process)', 'TTFT cold / cached ms', ...levels.map((n) => `${n} req tok/s: all / decode only (÷ batched-bench S_TG)`)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
  for (const r of rows) {
    lines.push(
      `| ${[
        r.engine,
        f(r.roundTripMs, 3),
        String(r.loadMs),
        r.restartMs === null ? '—' : `${r.restartMs} (${f(r.restartOverLoad)}×)`,
        `${f(r.decodeTokensPerSecond, 1)} (${f(r.decodeVsInProcess)}×)`,
        `${r.ttftColdMs} / ${r.ttftCachedMs}`,
        ...levels.map((n) => `${f(r.aggregate[String(n)] ?? null, 1)} / ${f(r.decodeOnly[String(n)] ?? null, 1)} (${f(r.aggregateVsBatchedBench[String(n)] ?? null)}×)`),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
