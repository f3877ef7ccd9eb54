/**
 * Writes one benchmark's result as JSON to bench/results/<name>-<timestamp>.json (the folder is
 * git-ignored: results are measurements of one machine, quoted in docs/benchmarks.md by hand).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/results next to this library, whatever the working directory. */
export const DEFAULT_RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** 2026-11-24T14-58-06-460Z: an ISO time that is a valid file name on every OS and sorts by time. */
export function fileTimestamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export function writeBenchResult(name: string, result: unknown, dir: string = DEFAULT_RESULTS_DIR): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`Benchmark name "${name}" must be lower-case letters, digits and dashes`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${fileTimestamp()}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
