import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LogRecord, LogSink } from './logger.js';

export interface RotatingFileSinkOptions {
  /** Rotate when the file would grow past this many bytes. */
  maxBytes?: number;
  /** Rotated files kept beside the current one (steward.log.1 … .N). */
  keep?: number;
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 3;

/**
 * One JSON line per record, appended synchronously so the line is on disk before the user is
 * told "details were written to the log" (and survives a crash right after). Owner-only file.
 */
export function rotatingFileSink(file: string, options: RotatingFileSinkOptions = {}): LogSink {
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const keep = options.keep ?? DEFAULT_LOG_KEEP;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let size = existsSync(file) ? statSync(file).size : 0;

  const rotate = () => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i -= 1) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    if (existsSync(file)) renameSync(file, keep >= 1 ? `${file}.1` : `${file}.old`);
    if (keep < 1) rmSync(`${file}.old`, { force: true });
    size = 0;
  };

  return {
    location: file,
    write(record: LogRecord) {
      const line = JSON.stringify(record) + '\n';
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(file, line, { mode: 0o600 });
      size += bytes;
    },
  };
}
