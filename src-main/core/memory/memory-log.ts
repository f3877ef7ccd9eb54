/**
 * Where memory reports what it dropped or could not do. Entries name the reason and the
 * predicate, never the value: a dropped value may be the very thing that must not be written.
 */
export interface MemoryLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
}

export const consoleMemoryLogger: MemoryLogger = {
  info: () => undefined,
  warn: (message, data) => console.warn(`[steward:memory] ${message}`, data ?? ''),
};

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
