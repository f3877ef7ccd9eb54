/**
 * LLM benchmark (`npm run bench:llm`): Steward's local provider beside raw node-llama-cpp on the
 * same model file, backend, context size and thread count, in the same run (DESIGN §6, issue 3):
 *
 *   - load time and peak RSS (fresh child process per load, both sides alternating);
 *   - time to first token with a cold ~1,500-token system prompt and with it already evaluated;
 *   - prompt-evaluation and single-sequence decode tokens/s (temperature 0, fixed lengths);
 *   - aggregate decode tokens/s with 1, 4 and 10 concurrent requests;
 *   - optionally speculative decoding with a draft model.
 *
 * Targets: Steward decode ≥ 0.97× raw; a cached system prompt cuts time to first token by ≥ 50%;
 * 4 sequences ≥ 2.5× one sequence's throughput on a GPU.
 *
 * Writes bench/results/llm-<timestamp>.json and prints a table. See docs/benchmarks.md.
 */
import path from 'node:path';
import { z } from 'zod';
import { LlamaLogLevel } from 'node-llama-cpp';
import { openLlamaBackend } from '../src-main/core/llm/local/llama-backend.js';
import { BenchUsageError, parseFlags } from './lib/cli-flags.js';
import { startContentionMeter } from './lib/cpu-contention.js';
import { collectMachineFacts, installedVersion } from './lib/machine-facts.js';
import { DEFAULT_RESULTS_DIR, writeBenchResult } from './lib/result-file.js';
import { round } from './lib/stats.js';
import { generatedDraftOf, generatedModel, GENERATED_BENCH_MODEL, parseShape, userModel, type BenchModelFile } from './lib/llm/bench-model.js';
import { evaluateTargets, formatLlmTable, formatTargets, summarizeLlm, type DraftResult, type LlmSamples } from './lib/llm/llm-report.js';
import { SEED, TEMPERATURE, type LlmSubject } from './lib/llm/llm-subject.js';
import type { LoadProbeOutput } from './lib/llm/load-probe-protocol.js';
import { buildSystemPrompt } from './lib/llm/bench-prompts.js';
import { measureConcurrency, measureDecode, measureTtft, warmUp, type PerSide } from './lib/llm/measurements.js';
import { runBatchedBench, runLlamaBench } from './lib/llm/llama-cpp-baseline.js';
import { createRawSubject } from './lib/llm/raw-subject.js';
import { runLoadProbe } from './lib/llm/run-load-probe.js';
import { createStewardSubject } from './lib/llm/steward-subject.js';
import { stewardDefaultThreads } from './lib/llm/thread-rule.js';
import { formatEnginesMarkdown, measureEngines, summarizeEngines, type EngineName } from './lib/llm/engine-matrix.js';
import { findBuiltLlamaCppTool } from '../src-main/core/llm/llama-server/llama-server-binary.js';
import { writeFileSync } from 'node:fs';

const USAGE = `Usage: npm run bench:llm -- [options]

  --model <gguf>         model to measure (default: generate a 512-wide, 8-layer llama-shaped model)
  --shape <WxL[xH[xKV[xFFN]]]>  shape of the generated model when no --model is given (default 512x8x8x2x1536)
  --draft <gguf>         draft model for speculative decoding ('generated' = a 1-layer draft of the generated model)
  --gpu auto|cpu|cuda|vulkan|metal   backend (default auto); a named GPU that cannot be used stops the run
  --context <n>          context size per sequence (default 4096)
  --threads <n>          CPU threads for both sides (default: Steward's own rule, given to raw too)
  --reps <n>             repetitions of each timed measurement (default 7)
  --load-reps <n>        fresh-process loads per side (default 3; 0 skips load and memory)
  --decode-tokens <n>    tokens generated in the single-sequence decode run (default 128)
  --stream-tokens <n>    tokens per stream in the concurrency runs (default 64)
  --concurrency <list>   concurrent streams to measure (default 1,4,10,16)
  --system-tokens <n>    length of the system prompt for time to first token (default 1500)
  --llama-bench <path>   llama.cpp's llama-bench binary: adds its prompt/decode tokens/s on the same file as a baseline
  --batched-bench <path> llama.cpp's llama-batched-bench binary: adds its aggregate decode tokens/s per concurrency level
                         ('auto' for --llama-bench / --batched-bench: the build of scripts/build-llama-cpp-tools.mjs)
  --engines <list>       engines measured in the engines phase (default in-process,worker,llama-server; 'none' skips it):
                         in-process = LocalLlamaProvider here, worker = the inference worker process, llama-server = llama.cpp's server
  --pool-sizes <list>    also measure the worker with these libuv pool sizes (e.g. 4), beside the default 1
  --llama-server <path>  llama-server binary for the engines phase (default: the build of scripts/build-llama-cpp-tools.mjs)
  --out <dir>            where the JSON goes (default bench/results)`;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const FlagsSchema = z
  .object({
    model: z.string().min(1).optional(),
    shape: z.string().min(3).optional(),
    draft: z.string().min(1).optional(),
    gpu: z.enum(['auto', 'cpu', 'cuda', 'vulkan', 'metal']).default('auto'),
    context: positiveInt(4096),
    threads: z.coerce.number().int().positive().optional(),
    reps: positiveInt(7),
    loadReps: z.coerce.number().int().min(0).default(3),
    decodeTokens: positiveInt(128),
    streamTokens: positiveInt(64),
    concurrency: z
      .string()
      .default('1,4,10,16')
      .transform((v) => [...new Set(v.split(',').map((n) => Number(n.trim())))].sort((a, b) => a - b))
      .refine((levels) => levels.length > 0 && levels.every((n) => Number.isInteger(n) && n > 0) && levels[0] === 1, 'a comma-separated list of positive integers that includes 1'),
    systemTokens: positiveInt(1500),
    llamaBench: z.string().min(1).optional(),
    batchedBench: z.string().min(1).optional(),
    engines: z
      .string()
      .default('in-process,worker,llama-server')
      .transform((v) => (v === 'none' ? [] : [...new Set(v.split(',').map((e) => e.trim()))]))
      .refine((list) => list.every((e) => ['in-process', 'worker', 'llama-server'].includes(e)), "a comma-separated list of in-process, worker, llama-server (or 'none')"),
    poolSizes: z
      .string()
      .default('')
      .transform((v) => v.split(',').filter(Boolean).map(Number))
      .refine((list) => list.every((n) => Number.isInteger(n) && n >= 1 && n <= 1024), 'a comma-separated list of libuv pool sizes from 1 to 1024'),
    llamaServer: z.string().min(1).optional(),
    out: z.string().min(1).default(DEFAULT_RESULTS_DIR),
  })
  .strict();

type Flags = z.infer<typeof FlagsSchema>;

/** Issue 19's targets for the engines phase, as lines of text. */
function engineTargetsOf(rows: ReturnType<typeof summarizeEngines>, backend: string): string[] {
  const out: string[] = [];
  const worker = rows.find((r) => r.engine === 'worker');
  if (worker?.decodeVsInProcess != null) out.push(`worker decode ÷ in-process ${worker.decodeVsInProcess}× (target ≥ 0.97): ${worker.decodeVsInProcess >= 0.97 ? 'met' : 'NOT met'}`);
  if (worker?.restartOverLoad != null) out.push(`worker served again after kill -9 in ${worker.restartOverLoad}× the cold load time (target ≤ 2): ${worker.restartOverLoad <= 2 ? 'met' : 'NOT met'}`);
  const ten = worker?.aggregateVsBatchedBench['10'];
  if (ten != null) out.push(`worker at 10 requests ÷ llama-batched-bench ${ten}× (target ≥ 0.8 on the CPU with a local build${backend === 'cpu' ? '' : '; this run is not a CPU run'}): ${ten >= 0.8 ? 'met' : 'NOT met'}`);
  return out;
}

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

async function resolveModels(flags: Flags): Promise<{ model: BenchModelFile; draft: BenchModelFile | null }> {
  if (flags.draft === 'generated' && flags.model) throw new BenchUsageError("--draft generated only goes with the generated model; give a draft .gguf for --model's vocabulary.", USAGE);
  if (flags.shape && flags.model) throw new BenchUsageError('--shape describes the generated model; it cannot be combined with --model.', USAGE);
  let shape = GENERATED_BENCH_MODEL;
  try {
    if (flags.shape) shape = parseShape(flags.shape);
  } catch (err) {
    throw new BenchUsageError((err as Error).message, USAGE);
  }
  if (!flags.model) log(`generating the ${shape.embeddingLength}x${shape.blockCount} model (cached in the temp folder after the first run)…`);
  const model = flags.model ? await userModel(flags.model, 'chat') : await generatedModel(shape);
  const draft = !flags.draft ? null : flags.draft === 'generated' ? await generatedModel(generatedDraftOf(shape)) : await userModel(flags.draft, 'draft');
  return { model, draft };
}

async function measureLoads(flags: Flags, modelPath: string, sequences: number): Promise<PerSide<LoadProbeOutput[]> | null> {
  if (flags.loadReps === 0) return null;
  const out: PerSide<LoadProbeOutput[]> = { steward: [], raw: [] };
  for (let rep = 0; rep < flags.loadReps; rep++) {
    const order = rep % 2 === 0 ? (['raw', 'steward'] as const) : (['steward', 'raw'] as const);
    for (const side of order) {
      const result = await runLoadProbe({
        side,
        modelPath,
        gpu: flags.gpu,
        contextSize: flags.context,
        sequences,
        tokensPerStream: 16,
        ...(flags.threads !== undefined && { threads: flags.threads }),
      });
      out[side].push(result);
      log(`  ${side.padEnd(7)} load ${Math.round(result.loadMs)} ms, peak RSS ${Math.round(result.peakRssBytes / 2 ** 20)} MiB (${result.backend}, ${result.gpuLayers} GPU layers)`);
    }
  }
  return out;
}

async function measureLlamaCpp(flagsIn: Flags, modelPath: string, gpuLayers: number, threads: number | undefined, promptTokens: number): Promise<LlmSamples['llamaCpp']> {
  let flags = flagsIn;
  const common = { modelPath, gpuLayers, ...(threads !== undefined && { threads }) };
  let llamaBench = null;
  let batchedBench = null;
  // 'auto': the copies scripts/build-llama-cpp-tools.mjs builds; a missing one is said, not silently skipped.
  const resolveTool = (value: string | undefined, name: string) => {
    if (value !== 'auto') return value;
    const found = findBuiltLlamaCppTool(name);
    if (!found) log(`llama.cpp baseline: ${name} is not built (node scripts/build-llama-cpp-tools.mjs); skipped`);
    return found ?? undefined;
  };
  flags = { ...flags, llamaBench: resolveTool(flags.llamaBench, 'llama-bench'), batchedBench: resolveTool(flags.batchedBench, 'llama-batched-bench') };
  if (flags.llamaBench) {
    log(`llama.cpp baseline: ${flags.llamaBench} (${promptTokens}-token prompt, ${flags.decodeTokens} generated, ${flags.reps} reps)`);
    llamaBench = await runLlamaBench(flags.llamaBench, { ...common, promptTokens, decodeTokens: flags.decodeTokens, reps: flags.reps });
  }
  if (flags.batchedBench) {
    log(`llama.cpp baseline: ${flags.batchedBench} (${flags.concurrency.join(', ')} sequences × ${flags.streamTokens} tokens)`);
    batchedBench = await runBatchedBench(flags.batchedBench, { ...common, promptTokens: 128, tokensPerStream: flags.streamTokens, levels: flags.concurrency });
  }
  return { llamaBench, batchedBench };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const flags = parseFlags(process.argv.slice(2), FlagsSchema, USAGE);
  const maxStreams = Math.max(...flags.concurrency);
  const notes: string[] = [];
  const machineAtStart = collectMachineFacts(['node-llama-cpp', 'openai', 'zod']);

  const { model, draft } = await resolveModels(flags);
  if (model.generated) {
    const o = model.generatorOptions ?? GENERATED_BENCH_MODEL;
    const note = `No --model given: measuring a generated llama-architecture model (${o.embeddingLength} wide, ${o.blockCount} layers, ${o.headCount}/${o.headCountKv} heads, FFN ${o.feedForwardLength}, F16, random weights, ${(model.sizeBytes / 2 ** 20).toFixed(1)} MiB; byte-level vocabulary, so 1 token ≈ 1 character). Speeds depend on the shapes, not the weights, but a real model is larger: pass --model for real numbers.`;
    notes.push(note);
    log(note);
  }
  log(`model: ${model.path} (${(model.sizeBytes / 2 ** 20).toFixed(1)} MiB)${draft ? `, draft: ${draft.path}` : ''}`);

  log(`\n[1/5] load time and peak memory: ${flags.loadReps} fresh process(es) per side, ${maxStreams} sequences of ${flags.context} tokens`);
  const load = await measureLoads(flags, model.path, maxStreams);

  const backend = await openLlamaBackend(flags.gpu, { logLevel: LlamaLogLevel.warn });
  if (flags.gpu !== 'auto' && flags.gpu !== 'cpu' && backend.report.backend !== flags.gpu) {
    await backend.llama.dispose();
    throw new Error(`--gpu ${flags.gpu} was asked for, but ${backend.report.reason} Not reporting CPU numbers as ${flags.gpu} numbers; see docs/benchmarks.md for building the GPU backend.`);
  }
  log(`backend: ${backend.report.backend}${backend.report.gpuName ? ` (${backend.report.gpuName})` : ''}: ${backend.report.reason}`);

  let rawThreads: number | undefined;
  const subjects: PerSide<LlmSubject> = {
    raw: await createRawSubject({
      llama: backend.llama,
      modelPath: model.path,
      contextSize: flags.context,
      concurrentSequences: maxStreams,
      threads: () => (rawThreads = flags.threads ?? stewardDefaultThreads(backend.llama)),
    }),
    steward: await createStewardSubject({
      backend,
      modelPath: model.path,
      contextSize: flags.context,
      concurrentSequences: maxStreams,
      ...(flags.threads !== undefined && { threads: flags.threads }),
    }),
  };
  const setupSteward = await subjects.steward.describe();
  const setupRaw = await subjects.raw.describe();
  log(`threads per evaluation: ${rawThreads ?? "node-llama-cpp's default (model fully on the GPU)"} (both sides)`);
  if (setupSteward.gpuLayers !== setupRaw.gpuLayers) notes.push(`GPU layers differ: Steward ${String(setupSteward.gpuLayers)}, raw ${String(setupRaw.gpuLayers)} (the second model load found less free VRAM); ratios are not like for like.`);

  const systemPrompt = await buildSystemPrompt((text) => subjects.raw.countTokens(text), flags.systemTokens);

  const stopContention = startContentionMeter();
  log(`\n[2/5] warm-up (untimed)`);
  await warmUp(subjects, maxStreams, flags.streamTokens);

  log(`[3/5] time to first token: ${systemPrompt.tokens}-token system prompt, cold and cached, ${flags.reps} reps`);
  const ttft = await measureTtft(subjects, systemPrompt.text, flags.reps);

  log(`[4/5] decode: 1 sequence × ${flags.decodeTokens} tokens, ${flags.reps} reps; then ${flags.concurrency.join(', ')} concurrent × ${flags.streamTokens} tokens`);
  const decode = await measureDecode(subjects, flags.decodeTokens, flags.reps);
  const concurrency = await measureConcurrency(subjects, flags.concurrency, flags.streamTokens, flags.reps);
  await subjects.steward.close();
  await subjects.raw.close();

  let draftResult: DraftResult | null = null;
  if (draft) {
    log(`[5/5] speculative decoding with ${path.basename(draft.path)}, ${flags.reps} reps`);
    const threadsFor = () => rawThreads;
    const withDraft: PerSide<LlmSubject> = {
      raw: await createRawSubject({ llama: backend.llama, modelPath: model.path, contextSize: flags.context, concurrentSequences: 0, threads: threadsFor, draftModelPath: draft.path }),
      steward: await createStewardSubject({
        backend,
        modelPath: model.path,
        contextSize: flags.context,
        concurrentSequences: 0,
        draftModelPath: draft.path,
        ...(flags.threads !== undefined && { threads: flags.threads }),
      }),
    };
    const speculative = (await withDraft.steward.describe()).speculative as { enabled: boolean; reason: string };
    if (!speculative.enabled) notes.push(`Steward did not enable speculative decoding: ${speculative.reason}`);
    const draftDecode = await measureDecode(withDraft, flags.decodeTokens, flags.reps);
    draftResult = { decode: draftDecode, counters: { steward: withDraft.steward.draftCounters(), raw: withDraft.raw.draftCounters() } };
    await withDraft.steward.close();
    await withDraft.raw.close();
  } else {
    log('[5/5] speculative decoding: skipped (no --draft)');
  }
  await backend.llama.dispose();

  const llamaCpp = await measureLlamaCpp(flags, model.path, backend.report.backend === 'cpu' ? 0 : 99, rawThreads, systemPrompt.tokens);

  let engines = null;
  if (flags.engines.length > 0) {
    const names: EngineName[] = [...(flags.engines as EngineName[])];
    for (const size of flags.poolSizes) if (size !== 1) names.splice(names.indexOf('worker') + 1 || names.length, 0, `worker-pool${size}`);
    log(`\n[6/6] engines: ${names.join(', ')} — decode, time to first token, ${flags.concurrency.join(', ')} concurrent requests, recovery after kill -9; ${flags.reps} reps`);
    const matrix = await measureEngines({
      modelPath: model.path,
      contextSize: flags.context,
      gpu: flags.gpu,
      threads: flags.threads ?? rawThreads,
      levels: flags.concurrency,
      reps: flags.reps,
      decodeTokens: flags.decodeTokens,
      streamTokens: flags.streamTokens,
      systemPrompt: systemPrompt.text,
      engines: names,
      llamaServerBinary: flags.llamaServer ?? findBuiltLlamaCppTool('llama-server'),
      log,
    });
    const rows = summarizeEngines(matrix, llamaCpp.batchedBench?.levels ?? null);
    for (const s of matrix.skipped) notes.push(`engine ${s.engine} not measured: ${s.reason}`);
    engines = { samples: matrix.engines, summary: rows, skipped: matrix.skipped, markdown: formatEnginesMarkdown(rows, flags.concurrency) };
  }

  // Other processes competing for the CPU slow whichever side happens to run then: say so beside the numbers.
  const contention = stopContention();
  if (contention.otherProcessesCpuShare !== null && contention.otherProcessesCpuShare > 0.1) {
    notes.push(
      `Other processes used ${Math.round(contention.otherProcessesCpuShare * 100)}% of this machine's CPU during the timed phases: timings are noisier than on an idle machine (each side was hit at different moments); compare the samples in the JSON or rerun when the machine is idle.`,
    );
  }

  const samples: LlmSamples = { load, ttft, decode, concurrency, draft: draftResult, llamaCpp };
  const engineTargets = engines ? engineTargetsOf(engines.summary, backend.report.backend) : [];
  const summary = summarizeLlm(samples);
  const targets = evaluateTargets(summary, backend.report.backend);
  if (!summary.decodeSameText) notes.push('The two sides produced different greedy text in the decode run (numerical differences in batched evaluation can flip a near-tie); speeds are still comparable, the token counts are equal.');
  if (backend.report.backend === 'cpu') notes.push('CPU run: absolute numbers describe this machine only; the 4-sequence scaling target is for GPUs, where one batched step costs about as much as a single-sequence step.');
  for (const side of ['steward', 'raw'] as const) {
    const generated = summary.decodeCompletionTokens[side].median;
    // A token or two can stay unreported at the end (held back while it might start a stop trigger); far fewer means the model ended its answer.
    if (generated < 0.9 * flags.decodeTokens) notes.push(`${side} stopped well before ${flags.decodeTokens} tokens in the decode run (median ${generated}): the model ended its answer; tokens/s counts only generated tokens.`);
  }

  const result = {
    benchmark: 'llm',
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(Date.now() - startedAt.getTime()),
    machine: machineAtStart,
    cpuContentionDuringTimedPhases: contention,
    setup: {
      model,
      draft,
      gpuRequested: flags.gpu,
      backend: backend.report,
      nodeLlamaCppVersion: installedVersion('node-llama-cpp'),
      contextSizePerSequence: flags.context,
      threadsPerEvaluation: rawThreads ?? null,
      threadsSource: flags.threads !== undefined ? '--threads' : "Steward's default rule (thread-rule.ts), given to raw as well",
      steward: setupSteward,
      raw: setupRaw,
      systemPromptTokens: systemPrompt.tokens,
      reps: flags.reps,
      loadReps: flags.loadReps,
      decodeTokens: flags.decodeTokens,
      tokensPerStream: flags.streamTokens,
      concurrency: flags.concurrency,
      sampling: { temperature: TEMPERATURE, seed: SEED, note: "temperature 0 is greedy; the seed is passed to raw node-llama-cpp (Steward's chat() takes none) and has no effect at temperature 0" },
      method: {
        ttft: 'wall time of a request for exactly one token; cold = a system prompt the sequence has not seen; cached = after the side primed it (Steward warmUp({systemPrompt}), raw: a session that evaluated it)',
        promptTokensPerSecond: 'prompt tokens evaluated by the cold request ÷ its wall time',
        decode: 'generated tokens ÷ wall time of a request whose prompt is already cached (1 sequence)',
        concurrency: 'N requests at once, each on its own sequence of one context, prompts cached; sum of generated tokens ÷ wall time of the batch',
        load: 'fresh Node process per load: backend + model + context of the largest concurrency, then one round of short requests; peak RSS from getrusage',
        order: 'the two sides alternate which goes first in every repetition',
      },
    },
    summary,
    targets,
    engines,
    engineTargets,
    notes,
  };
  const file = writeBenchResult('llm', result, path.resolve(flags.out));
  if (engines) writeFileSync(file.replace(/\.json$/, '.md'), `# LLM engines, ${startedAt.toISOString()}\n\n${engines.markdown}\n\n${engineTargets.map((t) => `- ${t}`).join('\n')}\n`);

  log(`\n${formatLlmTable(summary, { systemPromptTokens: systemPrompt.tokens, decodeTokens: flags.decodeTokens, loadSequences: maxStreams })}`);
  log(`\n${formatTargets(targets)}`);
  if (engines) log(`\nengines (median of ${flags.reps}):\n${engines.markdown}\n${engineTargets.map((t) => `  ${t}`).join('\n')}`);
  if (draftResult) log(`\ndraft tokens — Steward: ${JSON.stringify(draftResult.counters.steward)}; raw: ${JSON.stringify(draftResult.counters.raw)}`);
  for (const note of notes) log(`\nnote: ${note}`);
  log(`\nmachine: ${result.machine.cpuModel}, ${result.machine.cpuCount} CPUs, ${(result.machine.totalRamBytes / 2 ** 30).toFixed(0)} GiB RAM; node-llama-cpp ${result.setup.nodeLlamaCppVersion}; backend ${backend.report.backend} (${backend.report.build === 'local' ? 'llama.cpp compiled on this machine' : 'prebuilt llama.cpp'})${process.env.UV_THREADPOOL_SIZE ? `; UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE}` : ''}`);
  log(`wrote ${path.relative(process.cwd(), file)} in ${round(result.durationMs / 1000, 1)} s`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    // A bare "fetch failed" says nothing: the cause (ECONNRESET, ECONNREFUSED …) and the stack do.
    const cause = err instanceof Error && err.cause ? `\ncause: ${err.cause instanceof Error ? err.cause.message : String(err.cause)}` : '';
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}${cause}\n${err instanceof Error && !(err instanceof BenchUsageError) ? `${err.stack ?? ''}\n` : ''}`);
    process.exit(err instanceof BenchUsageError ? 2 : 1);
  },
);
