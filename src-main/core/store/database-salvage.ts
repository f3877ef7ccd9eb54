import { writeFileSync } from 'node:fs';
import { Sqlite as DatabaseConstructor } from './sqlite.js';

/** Tables that hold what the user wrote or taught Steward, in the order they are worth saving. */
export const SALVAGE_TABLES = ['conversations', 'messages', 'memory_entities', 'memory_facts', 'memory_episodes', 'tasks', 'settings'] as const;

export interface SalvageReport {
  /** Rows read per table. */
  rows: Record<string, number>;
  /** Tables (or parts of them) that could not be read, with SQLite's reason. */
  problems: string[];
  file: string;
}

const BATCH = 200;
/** Row ids tried when a table's last row cannot be located. */
const UNKNOWN_END_PROBE = 50_000;

/**
 * "Open read-only what can be read": reads a damaged database without writing to it (read-only
 * connection, no migrations, no WAL checkpoint), table by table and in rowid batches, skipping
 * past pages that fail, and writes what it read to `outFile` as JSON (owner-only: it is the
 * user's data in clear, so the caller says so).
 */
export function salvageDatabase(databasePath: string, hexKey: string, outFile: string): SalvageReport {
  const db = new DatabaseConstructor(databasePath, { readonly: true, fileMustExist: true });
  const rows: Record<string, number> = {};
  const problems: string[] = [];
  const out: Record<string, unknown[]> = {};
  try {
    db.pragma(`hexkey='${hexKey}'`);
    for (const table of SALVAGE_TABLES) {
      const saved: unknown[] = [];
      let unreadable = 0;
      const window = db.prepare(`SELECT rowid AS _rowid, * FROM ${table} WHERE rowid BETWEEN ? AND ? ORDER BY rowid`);
      // Reads rows lo..hi; a window that hits a damaged page is split until single rows, so every
      // row on a readable page is kept and only the damaged ones are lost.
      const readRange = (lo: number, hi: number, span: number): void => {
        try {
          saved.push(...(window.all(lo, hi) as unknown[]));
        } catch {
          if (span === 1) {
            unreadable += 1;
            return;
          }
          const step = Math.max(1, Math.floor(span / 10));
          for (let from = lo; from <= hi; from += step) readRange(from, Math.min(hi, from + step - 1), step);
        }
      };
      let maxRowid: number;
      try {
        maxRowid = (db.prepare(`SELECT max(rowid) AS m FROM ${table}`).get() as { m: number | null }).m ?? 0;
      } catch (err) {
        // The path to the last row is damaged: probe up to a generous bound instead.
        problems.push(`${table}: the end of the table could not be found (${(err as Error).message}); searched the first ${UNKNOWN_END_PROBE} row ids`);
        maxRowid = UNKNOWN_END_PROBE;
      }
      for (let lo = 1; lo <= maxRowid; lo += BATCH) readRange(lo, Math.min(maxRowid, lo + BATCH - 1), BATCH);
      if (unreadable > 0) problems.push(`${table}: ${unreadable} row id(s) sit on damaged pages and could not be read`);
      out[table] = saved;
      rows[table] = saved.length;
    }
  } catch (err) {
    problems.push(`the database could not be opened for reading (${(err as Error).message})`);
  } finally {
    db.close();
  }
  writeFileSync(outFile, JSON.stringify({ format: 'steward-salvage-1', from: databasePath, tables: out, problems }, null, 2) + '\n', { mode: 0o600 });
  return { rows, problems, file: outFile };
}
