/**
 * How much CPU other processes used while a benchmark ran. On a shared 2-core machine a test
 * suite running beside the benchmark slows whichever side is being timed at that moment; this
 * puts a number on it so results can be read (or rerun) accordingly. Linux only (/proc/stat);
 * elsewhere the share is null.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Kernel clock ticks per second for /proc/stat (USER_HZ, 100 on every mainstream Linux build). */
const USER_HZ = 100;

function busySeconds(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …; busy = everything but idle and iowait.
    const total = fields.slice(0, 8).reduce((s, v) => s + v, 0);
    return (total - (fields[3] ?? 0) - (fields[4] ?? 0)) / USER_HZ;
  } catch {
    return null;
  }
}

function ownSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export interface ContentionReading {
  /** Share of the machine's total CPU capacity used by other processes (0..1), or null when unknown. */
  otherProcessesCpuShare: number | null;
  /** CPU seconds this process used per wall-clock second. */
  ownCpuPerSecond: number;
  wallSeconds: number;
}

export function startContentionMeter(): () => ContentionReading {
  const busy0 = busySeconds();
  const own0 = ownSeconds();
  const t0 = performance.now();
  return () => {
    const wall = (performance.now() - t0) / 1000;
    const busy1 = busySeconds();
    const own = ownSeconds() - own0;
    const share = busy0 === null || busy1 === null || wall <= 0 ? null : Math.max(0, (busy1 - busy0 - own) / (wall * os.cpus().length));
    return { otherProcessesCpuShare: share === null ? null : Math.round(share * 1000) / 1000, ownCpuPerSecond: Math.round((own / Math.max(wall, 1e-9)) * 100) / 100, wallSeconds: Math.round(wall * 10) / 10 };
  };
}
