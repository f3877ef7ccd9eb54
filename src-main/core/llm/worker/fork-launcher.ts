/**
 * The inference-worker launcher of the Node hosts (serve, chat), the tests and the benchmarks: a
 * child_process.fork of llm-worker-entry (run through tsx from source, or the built .js).
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InferenceLauncher, InferenceProcess, WorkerExit } from './inference-launcher.js';
import { InferenceWorkerMissingError } from './worker-errors.js';
import type { ParentMessage } from './worker-protocol.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The worker entry next to this file: the TypeScript source when running from source, else the built bundle. */
export function defaultWorkerEntry(): string {
  const source = path.join(here, 'llm-worker-entry.ts');
  return existsSync(source) ? source : path.join(here, 'llm-worker.js');
}

function packageRoot(from: string): string {
  let dir = path.dirname(from);
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export function createForkLauncher(entry: string = defaultWorkerEntry()): InferenceLauncher {
  return {
    kind: 'fork',
    launch({ env }): InferenceProcess {
      if (!existsSync(entry)) throw new InferenceWorkerMissingError(entry, 'Run `npm install` and `npm run build` again to restore it.');
      const child = fork(entry, [], {
        cwd: packageRoot(entry),
        env,
        // From source the worker needs tsx's loader; the built .js needs nothing.
        execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'advanced',
      });
      let exited = false;
      const exitHandlers: Array<(exit: WorkerExit) => void> = [];
      const finish = (exit: WorkerExit) => {
        if (exited) return;
        exited = true;
        for (const h of exitHandlers) h(exit);
      };
      child.on('exit', (code, signal) => finish({ code, signal }));
      child.on('error', (err) => {
        // A failed spawn emits 'error' without 'exit'; a send to a dead child also lands here.
        if (child.exitCode === null && child.signalCode === null && child.pid === undefined) finish({ code: null, signal: null });
        void err;
      });
      return {
        get pid() {
          return child.pid;
        },
        send(message: ParentMessage) {
          if (child.connected) child.send(message, (err) => void err);
        },
        onMessage: (handler) => void child.on('message', handler),
        onExit: (handler) => void exitHandlers.push(handler),
        onStderr: (handler) => void child.stderr?.on('data', (d: Buffer) => handler(d.toString())),
        kill: () => void child.kill('SIGKILL'),
      };
    },
  };
}
