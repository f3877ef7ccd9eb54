/**
 * The desktop app's inference-worker launcher: the worker entry (out/main/llm-worker.js) runs as
 * an Electron utilityProcess — a Node process Electron manages, with no window and its own crash
 * boundary. The core sees only the InferenceLauncher interface (src-main/core/llm/worker/).
 */
import { existsSync } from 'node:fs';
import { utilityProcess } from 'electron';
import type { InferenceLauncher, InferenceProcess, WorkerExit } from '../core/llm/worker/inference-launcher.js';
import { InferenceWorkerMissingError } from '../core/llm/worker/worker-errors.js';
import type { ParentMessage } from '../core/llm/worker/worker-protocol.js';

export function createUtilityProcessLauncher(entryPath: string): InferenceLauncher {
  return {
    kind: 'utility-process',
    launch({ env }): InferenceProcess {
      if (!existsSync(entryPath)) throw new InferenceWorkerMissingError(entryPath, 'Reinstall Steward (or run `npm run build` in a source checkout) to restore it.');
      const child = utilityProcess.fork(entryPath, [], { env, stdio: ['ignore', 'ignore', 'pipe'], serviceName: 'Steward inference' });
      const exitHandlers: Array<(exit: WorkerExit) => void> = [];
      let exited = false;
      // Electron reports only the exit code of a utility process, never the signal.
      child.on('exit', (code) => {
        if (exited) return;
        exited = true;
        for (const h of exitHandlers) h({ code, signal: null });
      });
      return {
        get pid() {
          return child.pid;
        },
        send: (message: ParentMessage) => void (exited || child.postMessage(message)),
        onMessage: (handler) => void child.on('message', handler),
        onExit: (handler) => void exitHandlers.push(handler),
        onStderr: (handler) => void child.stderr?.on('data', (d: Buffer) => handler(d.toString())),
        kill: () => void child.kill(),
      };
    },
  };
}
