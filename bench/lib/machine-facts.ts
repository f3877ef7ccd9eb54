/** What a benchmark result needs to be read later: which machine, which runtime, which libraries. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';

export interface MachineFacts {
  cpuModel: string;
  /** Logical CPUs the OS reports. */
  cpuCount: number;
  totalRamBytes: number;
  freeRamBytes: number;
  platform: string;
  osRelease: string;
  arch: string;
  nodeVersion: string;
  /** Versions of the named packages as installed (null when not installed). */
  packages: Record<string, string | null>;
  hostname: string;
  /** 1, 5 and 15-minute load averages when the facts were taken: other work on the machine makes timings noisy. */
  loadAverage: number[];
  /**
   * Environment variables that change how native code schedules threads (libuv's pool runs
   * node-llama-cpp's decode and sampling jobs; OpenMP settings steer llama.cpp's CPU threads):
   * the same build can differ several-fold between settings, so a result records them.
   */
  threadingEnv: Record<string, string | null>;
}

const THREADING_ENV = ['UV_THREADPOOL_SIZE', 'OMP_NUM_THREADS', 'OMP_WAIT_POLICY', 'GOMP_SPINCOUNT'] as const;

const require = createRequire(import.meta.url);

/** Installed version of a package, read from its package.json (null when it is not installed). */
export function installedVersion(name: string): string | null {
  try {
    // Resolve the main entry, then walk up to the package.json: some packages do not export it.
    let dir = require.resolve(name);
    for (let i = 0; i < 6; i++) {
      dir = dir.slice(0, dir.lastIndexOf('/'));
      try {
        const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? null;
      } catch {
        // not this folder; keep walking up
      }
    }
  } catch {
    // not installed
  }
  return null;
}

export function collectMachineFacts(packages: readonly string[] = []): MachineFacts {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalRamBytes: os.totalmem(),
    freeRamBytes: os.freemem(),
    platform: os.platform(),
    osRelease: os.release(),
    arch: os.arch(),
    nodeVersion: process.version,
    packages: Object.fromEntries(packages.map((name) => [name, installedVersion(name)])),
    hostname: os.hostname(),
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    threadingEnv: Object.fromEntries(THREADING_ENV.map((name) => [name, process.env[name] ?? null])),
  };
}
