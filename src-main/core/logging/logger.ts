/**
 * The log port. Core code says what happened through a Logger; the host decides where the lines
 * go (a rotating file in the data folder for every real host). Secrets are removed here, at the
 * port, so no sink and no caller can forget to (DESIGN §4.4).
 */
import { redactText, redactValue } from '../security/redaction.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  at: string;
  level: LogLevel;
  message: string;
  /** Structured detail: an error's name, message and stack, or any JSON-able value. */
  detail?: unknown;
}

/** Where log lines end up. Implemented by hosts (file, memory for tests). */
export interface LogSink {
  /** Human-readable location shown to the user ("details were written to <this>"). */
  readonly location: string;
  write(record: LogRecord): void;
}

export interface Logger {
  readonly location: string;
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export function createLogger(sink: LogSink, now: () => Date = () => new Date()): Logger {
  const write = (level: LogLevel, message: string, detail?: unknown) => {
    const record: LogRecord = { at: now().toISOString(), level, message: redactText(message) };
    if (detail !== undefined) record.detail = redactValue(describe(detail));
    try {
      sink.write(record);
    } catch {
      // A log that cannot be written (disk full) must never turn into a second failure.
    }
  };
  return {
    location: sink.location,
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

/** Errors do not survive JSON.stringify; turn them (and their causes) into plain objects. */
function describe(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: value.message, stack: value.stack };
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) out.code = code;
    if (value.cause !== undefined && depth < 5) out.cause = describe(value.cause, depth + 1);
    return out;
  }
  return value;
}

/** A sink that keeps records in memory: for tests and for hosts that forward elsewhere. */
export function memoryLogSink(location = 'memory'): LogSink & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  return { location, records, write: (record) => void records.push(record) };
}
