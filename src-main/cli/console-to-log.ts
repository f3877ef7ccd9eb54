/**
 * The terminal chat's screen is the conversation: internal messages that code prints with
 * console.* (node-llama-cpp's "init: embeddings required…", "[steward:memory] …" warnings) go to
 * the log file instead. Lines printed before the core (and so the log) exists are kept and
 * written to the log once it is attached.
 */
import { format } from 'node:util';
import type { Logger, LogLevel } from '../core/logging/logger.js';

const METHODS = { debug: 'debug', log: 'info', info: 'info', warn: 'warn', error: 'error' } as const satisfies Record<string, LogLevel>;
type ConsoleMethod = keyof typeof METHODS;

export interface ConsoleCapture {
  /** From now on console lines go to `log`; the ones kept so far are written to it first. */
  attach(log: Logger): void;
  /** Puts console back as it was (for the last words of a failing start, which belong on screen). */
  restore(): void;
}

export function captureConsole(target: Console = console): ConsoleCapture {
  const original = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  const kept: { level: LogLevel; text: string }[] = [];
  let log: Logger | null = null;
  for (const method of Object.keys(METHODS) as ConsoleMethod[]) {
    original.set(method, target[method].bind(target));
    target[method] = (...args: unknown[]) => {
      const level = METHODS[method];
      const text = format(...args);
      if (log) log[level](text);
      else kept.push({ level, text });
    };
  }
  return {
    attach(logger) {
      log = logger;
      for (const line of kept.splice(0)) logger[line.level](line.text);
    },
    restore() {
      for (const [method, fn] of original) target[method] = fn;
      // Never attached (the core did not start): what was printed may say why, so it goes to the screen after all.
      for (const line of kept.splice(0)) (original.get(line.level === 'info' ? 'log' : line.level) ?? original.get('error')!)(line.text);
    },
  };
}
