/** How a dead inference worker is described to the user, and the last output it wrote. */
import type { WorkerExit } from './inference-launcher.js';

const SIGNAL_MEANING: Record<string, string> = {
  SIGKILL: 'it was killed (SIGKILL — by the system when memory ran out, or by hand)',
  SIGABRT: 'llama.cpp aborted (SIGABRT)',
  SIGSEGV: 'it crashed (SIGSEGV)',
  SIGTERM: 'it was asked to stop (SIGTERM)',
  SIGBUS: 'it crashed reading the model file (SIGBUS)',
};

export function describeExit(exit: WorkerExit): string {
  if (exit.signal) return SIGNAL_MEANING[exit.signal] ?? `it was ended by ${exit.signal}`;
  if (exit.code === null) return 'it could not be started';
  // 134 is how a shell reports an abort; Electron's utility process gives only the code.
  if (exit.code === 134) return 'llama.cpp aborted (exit code 134)';
  return `it exited with code ${exit.code}`;
}

/** Keeps the last few KB of what the worker wrote to stderr (llama.cpp prints its assert there). */
export class StderrTail {
  private buffer = '';

  constructor(private readonly limit = 4096) {}

  push(text: string): void {
    this.buffer = (this.buffer + text).slice(-this.limit);
  }

  text(): string {
    return this.buffer.trim();
  }
}
