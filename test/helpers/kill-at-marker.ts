import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A child that compiles TypeScript on start takes ~40 s on a fully loaded 2-core CI machine. */
export const CHILD_START_LIMIT_MS = 120_000;

/**
 * Runs a TypeScript child until it creates `marker` (its kill point), then SIGKILLs it so no
 * shutdown code runs. Throws with the child's output if it exits early or never gets there.
 */
export async function killChildAtMarker(script: string, marker: string, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? -1 : code)));
  const started = Date.now();
  while (!existsSync(marker)) {
    if (child.exitCode !== null) throw new Error(`child exited early:\n${output}`);
    if (Date.now() - started > CHILD_START_LIMIT_MS) {
      child.kill('SIGKILL');
      throw new Error(`child never reached the kill point:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  const code = await exited;
  if (code !== -1) throw new Error(`child was not killed by the signal (exit code ${code}):\n${output}`);
}
