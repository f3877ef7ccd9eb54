/**
 * `npm run bench`: runs every bench/*-bench.ts in sequence, each in its own Node process (so one
 * benchmark's memory and threads never colour the next), and prints a summary. A benchmark that
 * fails does not stop the others; the exit code says whether all passed.
 *
 *   node --import tsx bench/run-all.ts [--only llm,memory] [--skip agent] [-- <args for every chosen bench>]
 *
 * Arguments after `--` go to every chosen benchmark, so use them with --only (each benchmark has its own options).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from './lib/table.js';
import { DEFAULT_RESULTS_DIR } from './lib/result-file.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(BENCH_DIR, '..');

/** The benchmarks that exist right now: bench/<name>-bench.ts, by name. */
function discoverBenchmarks(dir = BENCH_DIR): Array<{ name: string; file: string }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('-bench.ts'))
    .sort()
    .map((f) => ({ name: f.slice(0, -'-bench.ts'.length), file: path.join(dir, f) }));
}

function listResults(): Set<string> {
  return new Set(existsSync(DEFAULT_RESULTS_DIR) ? readdirSync(DEFAULT_RESULTS_DIR).filter((f) => f.endsWith('.json')) : []);
}

function runOne(file: string, args: readonly string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
}

function listFlag(argv: readonly string[], name: string): string[] | null {
  const i = argv.indexOf(name);
  if (i < 0) return null;
  return (argv[i + 1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const passThrough = dash >= 0 ? argv.slice(dash + 1) : [];
  const only = listFlag(own, '--only');
  const skip = listFlag(own, '--skip') ?? [];

  const all = discoverBenchmarks();
  const unknown = [...(only ?? []), ...skip].filter((n) => !all.some((b) => b.name === n));
  if (unknown.length) {
    // A typo must not look like a clean run of nothing.
    process.stderr.write(`No benchmark named ${unknown.join(', ')}. Available: ${all.map((b) => b.name).join(', ') || 'none'} (bench/<name>-bench.ts).\n`);
    return 2;
  }
  const chosen = all.filter((b) => (!only || only.includes(b.name)) && !skip.includes(b.name));
  if (chosen.length === 0) {
    process.stdout.write('No benchmarks to run (bench/*-bench.ts).\n');
    return 0;
  }

  const rows: Array<[string, string, string, string]> = [];
  let failed = 0;
  for (const bench of chosen) {
    process.stdout.write(`\n=== ${bench.name} (${path.relative(REPO_ROOT, bench.file)}) ===\n`);
    const before = listResults();
    const started = Date.now();
    const { code, signal } = await runOne(bench.file, passThrough);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const written = [...listResults()].filter((f) => !before.has(f));
    const ok = code === 0;
    if (!ok) failed++;
    rows.push([bench.name, ok ? 'ok' : signal ? `killed (${signal})` : `failed (exit ${code})`, `${seconds} s`, written.map((f) => `bench/results/${f}`).join(', ') || '—']);
  }
  process.stdout.write(`\n${formatTable(['benchmark', 'status', 'time', 'result'], rows)}\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
