/**
 * Where memory reports what it dropped or could not do. Entries name the reason and the
 * predicate, never the value: a dropped value may be the very thing that must not be written.
 */
import type { Logger } from '../logging/logger.js';

export interface MemoryLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
}

/** For callers that keep no log (evaluations, some tests): nothing is written anywhere. */
export const silentMemoryLogger: MemoryLogger = {
  info: () => undefined,
  warn: () => undefined,
};

/**
 * Memory's warnings into the core's log (the host decides where that goes; secrets are redacted
 * there). Its info lines stay out, as they always have: they note routine skips, turn by turn.
 */
export function memoryLoggerFrom(log: Pick<Logger, 'warn'>): MemoryLogger {
  return { info: () => undefined, warn: (message, data) => log.warn(`memory: ${message}`, data) };
}

/** Keeps entries in memory: tests read them, and the facade exposes the last few as diagnostics. */
export class RecordingMemoryLogger implements MemoryLogger {
  readonly entries: { level: 'info' | 'warn'; message: string; data: Record<string, unknown> }[] = [];
  constructor(private readonly next: MemoryLogger | null = null) {}
  info(message: string, data: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'info', message, data });
    this.next?.info(message, data);
  }
  warn(message: string, data: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'warn', message, data });
    this.next?.warn(message, data);
  }
}
