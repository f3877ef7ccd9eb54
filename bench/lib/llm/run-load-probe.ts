/** Runs load-probe.ts in a fresh Node process and returns its validated result. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOAD_PROBE_MARKER, LoadProbeOutputSchema, type LoadProbeInput, type LoadProbeOutput } from './load-probe-protocol.js';

const PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-probe.ts');
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function runLoadProbe(input: LoadProbeInput, timeoutMs = 600_000): Promise<LoadProbeOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', PROBE, JSON.stringify(input)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(LOAD_PROBE_MARKER));
      if (code !== 0 || !line) {
        reject(new Error(`The ${input.side} load probe failed (exit ${code}): ${stderr.trim().split('\n').slice(-5).join(' | ') || 'no output'}`));
        return;
      }
      resolve(LoadProbeOutputSchema.parse(JSON.parse(line.slice(LOAD_PROBE_MARKER.length))));
    });
  });
}
