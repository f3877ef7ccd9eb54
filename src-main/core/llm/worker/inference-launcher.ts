/**
 * How the main process starts the inference worker. One worker module, two launchers: the
 * desktop app passes an Electron utilityProcess launcher (src-main/electron/), every other host a
 * child_process.fork one (fork-launcher.ts). The core only sees this interface, so it stays free
 * of 'electron'.
 */
import type { ParentMessage } from './worker-protocol.js';

export interface WorkerExit {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  /** 'SIGKILL', 'SIGABRT'… where the platform reports one (Electron's utility process does not). */
  signal: string | null;
}

/** One running worker process. */
export interface InferenceProcess {
  readonly pid: number | undefined;
  send(message: ParentMessage): void;
  onMessage(handler: (raw: unknown) => void): void;
  /** Called once, however the process ended (including a failed start). */
  onExit(handler: (exit: WorkerExit) => void): void;
  onStderr(handler: (text: string) => void): void;
  /** Ends it at once (SIGKILL where there are signals). */
  kill(): void;
}

export interface InferenceLauncher {
  readonly kind: 'fork' | 'utility-process';
  /** Throws InferenceWorkerMissingError when the worker's entry file is not there. */
  launch(options: { env: Record<string, string> }): InferenceProcess;
}

/** What every launcher sets in the worker's environment (see docs/benchmarks.md for why 1). */
export function workerEnvironment(threadPoolSize: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  env.UV_THREADPOOL_SIZE = String(threadPoolSize);
  return env;
}
