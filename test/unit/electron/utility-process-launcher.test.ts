/**
 * The desktop app's inference-worker launcher against a recording stand-in for Electron's
 * utilityProcess: it forks the built worker entry with the worker environment, passes messages
 * both ways, reports the exit and stderr, and says clearly when the entry file is missing.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

class FakeUtilityProcess extends EventEmitter {
  static forks: Array<{ modulePath: string; args: string[]; options: Record<string, unknown>; child: FakeUtilityProcess }> = [];
  readonly pid = 4242;
  readonly stderr = new PassThrough();
  posted: unknown[] = [];
  killed = 0;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed++;
    return true;
  }
}

vi.mock('electron', () => ({
  utilityProcess: {
    fork(modulePath: string, args: string[], options: Record<string, unknown>) {
      const child = new FakeUtilityProcess();
      FakeUtilityProcess.forks.push({ modulePath, args, options, child });
      return child;
    },
  },
}));

const { createUtilityProcessLauncher } = await import('../../../src-main/electron/utility-process-launcher.js');
const { workerEnvironment } = await import('../../../src-main/core/llm/worker/inference-launcher.js');
const { InferenceWorkerMissingError } = await import('../../../src-main/core/llm/worker/worker-errors.js');

const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-utility-'));
const entry = path.join(dir, 'llm-worker.js');
writeFileSync(entry, '// built worker');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => (FakeUtilityProcess.forks = []));

describe('utilityProcess launcher', () => {
  it('forks the worker entry as a utility process with a 1-thread libuv pool, and relays messages, stderr and exit', () => {
    const worker = createUtilityProcessLauncher(entry).launch({ env: workerEnvironment(1) });
    expect(FakeUtilityProcess.forks).toHaveLength(1);
    const { modulePath, options, child } = FakeUtilityProcess.forks[0]!;
    expect(modulePath).toBe(entry);
    expect(options).toMatchObject({ serviceName: 'Steward inference', stdio: ['ignore', 'ignore', 'pipe'] });
    expect((options.env as Record<string, string>).UV_THREADPOOL_SIZE).toBe('1');
    expect(worker.pid).toBe(4242);

    worker.send({ type: 'info', id: 1 });
    expect(child.posted).toEqual([{ type: 'info', id: 1 }]);

    const received: unknown[] = [];
    const stderr: string[] = [];
    const exits: unknown[] = [];
    worker.onMessage((m) => received.push(m));
    worker.onStderr((t) => stderr.push(t));
    worker.onExit((e) => exits.push(e));
    child.emit('message', { type: 'ready', pid: 4242, threadPoolSize: '1' });
    child.stderr.write('GGML_ASSERT failed\n');
    child.emit('exit', 134);
    child.emit('exit', 134);
    expect(received).toEqual([{ type: 'ready', pid: 4242, threadPoolSize: '1' }]);
    expect(stderr.join('')).toBe('GGML_ASSERT failed\n');
    // Once, with the code only: Electron does not report a signal for utility processes.
    expect(exits).toEqual([{ code: 134, signal: null }]);
    // Nothing is posted to a process that has exited.
    worker.send({ type: 'info', id: 2 });
    expect(child.posted).toHaveLength(1);
    worker.kill();
    expect(child.killed).toBe(1);
  });

  it('a worker entry missing after an update is a clear error, and nothing is started', () => {
    const launcher = createUtilityProcessLauncher(path.join(dir, 'missing', 'llm-worker.js'));
    expect(() => launcher.launch({ env: {} })).toThrow(InferenceWorkerMissingError);
    expect(() => launcher.launch({ env: {} })).toThrow(/^Steward's inference worker is missing \(.*missing\/llm-worker\.js\), so the local model cannot run\. Reinstall Steward/);
    expect(FakeUtilityProcess.forks).toHaveLength(0);
  });
});
