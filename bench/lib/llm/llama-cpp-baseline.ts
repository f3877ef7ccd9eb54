/**
 * The second baseline: llama.cpp's own benchmark tools, built from the llama.cpp source that
 * node-llama-cpp bundles (so the same kernels), run on the same model file. llama-bench gives
 * prompt and single-sequence decode tokens/s; llama-batched-bench gives aggregate decode tokens/s
 * at N parallel sequences. Steward ÷ these says how much of the hardware's speed reaches the app
 * through node-llama-cpp and Steward together.
 */
import { spawn } from 'node:child_process';
import { z } from 'zod';

export interface LlamaCppRunOptions {
  modelPath: string;
  /** Layers on the GPU: 0 on a CPU run, 99 (all) otherwise. */
  gpuLayers: number;
  /** Same threads as the node-llama-cpp sides; undefined leaves the tool's default. */
  threads?: number;
}

export interface LlamaBenchResult {
  promptTokens: number;
  decodeTokens: number;
  promptTokensPerSecond: number | null;
  decodeTokensPerSecond: number | null;
  command: string;
  rows: unknown[];
}

export interface BatchedBenchResult {
  command: string;
  /** Aggregate decode tokens/s (llama-batched-bench's S_TG = pl × tg ÷ t_tg) per parallel-sequence count. */
  levels: Array<{ sequences: number; decodeTokensPerSecond: number; promptTokensPerSecond: number }>;
}

function run(binary: string, args: string[], timeoutMs = 600_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`Cannot run ${binary}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${binary} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

const LlamaBenchRowSchema = z.object({ n_prompt: z.number(), n_gen: z.number(), avg_ts: z.number() }).loose();

export async function runLlamaBench(binary: string, options: LlamaCppRunOptions & { promptTokens: number; decodeTokens: number; reps: number }): Promise<LlamaBenchResult> {
  const args = ['-m', options.modelPath, '-p', String(options.promptTokens), '-n', String(options.decodeTokens), '-r', String(options.reps), '-ngl', String(options.gpuLayers), '-o', 'json'];
  if (options.threads !== undefined) args.push('-t', String(options.threads));
  const rows = z.array(LlamaBenchRowSchema).parse(JSON.parse(await run(binary, args)));
  const prompt = rows.find((r) => r.n_prompt > 0 && r.n_gen === 0);
  const decode = rows.find((r) => r.n_gen > 0 && r.n_prompt === 0);
  return {
    promptTokens: options.promptTokens,
    decodeTokens: options.decodeTokens,
    promptTokensPerSecond: prompt?.avg_ts ?? null,
    decodeTokensPerSecond: decode?.avg_ts ?? null,
    command: [binary, ...args].join(' '),
    rows,
  };
}

const BatchedRowSchema = z.object({ pl: z.number(), speed_tg: z.number(), speed_pp: z.number() }).loose();

export async function runBatchedBench(
  binary: string,
  options: LlamaCppRunOptions & { promptTokens: number; tokensPerStream: number; levels: readonly number[] },
): Promise<BatchedBenchResult> {
  const maxLevel = Math.max(...options.levels);
  const context = maxLevel * (options.promptTokens + options.tokensPerStream) + 256;
  const args = [
    '-m', options.modelPath,
    '-c', String(context),
    '-b', '2048',
    '-ub', '512',
    '-npp', String(options.promptTokens),
    '-ntg', String(options.tokensPerStream),
    '-npl', options.levels.join(','),
    '-ngl', String(options.gpuLayers),
    '--output-format', 'jsonl',
  ];
  if (options.threads !== undefined) args.push('-t', String(options.threads));
  const out = await run(binary, args);
  const levels = out
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => BatchedRowSchema.parse(JSON.parse(line)))
    .map((row) => ({ sequences: row.pl, decodeTokensPerSecond: row.speed_tg, promptTokensPerSecond: row.speed_pp }));
  if (levels.length === 0) throw new Error(`${binary} printed no results`);
  return { command: [binary, ...args].join(' '), levels };
}
