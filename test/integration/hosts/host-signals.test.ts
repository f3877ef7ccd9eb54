/**
 * Stopping a host with a signal stops everything it started (issue 17): `npm run serve`/`npm run
 * chat` (scripts/run-host.mjs) and `npm start` (scripts/start.mjs, which falls back to the local
 * server where Electron cannot start) run the host inside a private keyring session on a headless
 * machine; a SIGTERM or SIGHUP to the launcher must leave no server, session bus or keyring daemon
 * behind. Every process the launch started carries the test's STEWARD_HOME in its environment, so
 * /proc tells exactly which ones are still alive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../e2e/support/steward-server.js';

const linux = process.platform === 'linux';

/** pid → command line of every process whose environment holds STEWARD_HOME=home. */
function processesOf(home: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (env.includes(`STEWARD_HOME=${home}`)) found.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim());
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

describe.skipIf(!linux)('stopping a host with a signal', () => {
  const homes: string[] = [];
  const launched: ChildProcess[] = [];
  afterEach(() => {
    // A failed test must not leave its processes behind either.
    for (const home of homes.splice(0)) {
      for (const pid of processesOf(home).keys()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone.
        }
      }
      rmSync(home, { recursive: true, force: true });
    }
    launched.splice(0);
  });

  async function launch(args: string[], ready: RegExp): Promise<{ child: ChildProcess; home: string }> {
    const home = mkdtempSync(path.join(os.tmpdir(), 'steward-signals-'));
    homes.push(home);
    const env: Record<string, string | undefined> = { ...process.env, STEWARD_HOME: home, DISPLAY: '', WAYLAND_DISPLAY: '' };
    // Outside any keyring session, as in a fresh terminal on a headless machine.
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.STEWARD_IN_KEYRING_SESSION;
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    launched.push(child);
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const started = await waitFor(() => ready.test(output), 150_000);
    expect(started, output).toBe(true);
    return { child, home };
  }

  async function expectAllStopAfter(signal: NodeJS.Signals, child: ChildProcess, home: string) {
    const before = processesOf(home);
    // The launcher, the session bus, the host and the keyring daemon at least.
    expect([...before.values()].some((cmd) => cmd.includes('gnome-keyring-daemon')), [...before.values()].join('\n')).toBe(true);
    expect([...before.values()].some((cmd) => cmd.includes('serve-cli.ts')), [...before.values()].join('\n')).toBe(true);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
    const allGone = await waitFor(() => processesOf(home).size === 0, 20_000);
    expect(allGone, `still running after ${signal}:\n${[...processesOf(home).values()].join('\n')}`).toBe(true);
  }

  it('npm run serve: SIGTERM stops the server, its session bus and its keyring daemon', async () => {
    const { child, home } = await launch(['scripts/run-host.mjs', 'serve', '--port', '0'], /Steward is running/);
    await expectAllStopAfter('SIGTERM', child, home);
  }, 200_000);

  it('npm start (server fallback without a display): SIGHUP stops every child too', async () => {
    const { child, home } = await launch(['scripts/start.mjs', '--port', '0'], /Steward is running/);
    await expectAllStopAfter('SIGHUP', child, home);
  }, 300_000);
});
