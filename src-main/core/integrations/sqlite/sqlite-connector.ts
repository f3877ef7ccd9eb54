/**
 * A SQLite file the user picked, read through better-sqlite3 in a thread of its own
 * (sqlite-worker-source.ts): queries open the file read-only with query_only on and must be
 * statements SQLite itself calls read-only; the time limit abandons the thread. The file must
 * already exist — Steward never creates an empty database in its place.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqliteSettings } from '../../../../src-preload/schemas/database-settings.js';
import type { DatabaseConnector, QueryLimits, QueryRows, SqlParam, TableInfo } from '../database/database-connector.js';
import { DatabaseError, sqlRefusedError, timeoutError } from '../database/database-errors.js';
import { rowsToObjects } from '../database/json-value.js';
import { checkReadOnlySql, checkSingleStatement } from '../database/sql-statement.js';
import { SQLITE_WORKER_SOURCE } from './sqlite-worker-source.js';

type WorkerReply = { ok: true; [key: string]: unknown } | { ok: false; code?: string; message: string; kind?: 'not_read_only' };

export class SqliteConnector implements DatabaseConnector {
  readonly engine = 'sqlite' as const;
  readonly label: string;

  constructor(private readonly settings: Pick<SqliteSettings, 'path' | 'timeoutSeconds'>) {
    this.label = `SQLite database ${settings.path}`;
  }

  async test(signal?: AbortSignal): Promise<{ serverVersion: string; account: string }> {
    const reply = await this.run({ mode: 'test' }, this.settings.timeoutSeconds * 1000, false, signal);
    return { serverVersion: `SQLite ${String(reply.version)} (${Number(reply.tables)} tables and views)`, account: this.settings.path };
  }

  async tables(signal?: AbortSignal): Promise<TableInfo[]> {
    const reply = await this.run({ mode: 'tables' }, this.settings.timeoutSeconds * 1000, false, signal);
    return (reply.tables as { name: string; kind: string; columns: TableInfo['columns'] }[]).map((t) => ({ schema: null, name: t.name, kind: t.kind === 'view' ? 'view' : 'table', columns: t.columns }));
  }

  async query(sql: string, params: readonly SqlParam[], limits: QueryLimits, signal?: AbortSignal): Promise<QueryRows> {
    const { statement } = checkReadOnlySql(sql, 'sqlite');
    const reply = await this.run({ mode: 'query', sql: statement, params: sqliteParams(params), rowLimit: limits.rowLimit }, limits.timeoutMs, false, signal);
    const { columns, rows } = rowsToObjects(reply.columns as string[], reply.rows as unknown[][]);
    return { columns, rows: rows.slice(0, limits.rowLimit), truncated: rows.length > limits.rowLimit };
  }

  async execute(sql: string, params: readonly SqlParam[], limits: Pick<QueryLimits, 'timeoutMs'>, signal?: AbortSignal): Promise<{ rowsAffected: number }> {
    const { statement } = checkSingleStatement(sql, 'sqlite');
    const reply = await this.run({ mode: 'execute', sql: statement, params: sqliteParams(params), rowLimit: 0 }, limits.timeoutMs, true, signal);
    return { rowsAffected: Number(reply.changes) };
  }

  private run(work: { mode: string; sql?: string; params?: unknown[]; rowLimit?: number }, timeoutMs: number, changing: boolean, signal?: AbortSignal): Promise<Extract<WorkerReply, { ok: true }>> {
    signal?.throwIfAborted();
    const driverPath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
    const worker = new Worker(SQLITE_WORKER_SOURCE, { eval: true, workerData: { driverPath, file: this.settings.path, params: [], ...work } });
    return new Promise((resolve, reject) => {
      const finish = (outcome: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        outcome();
      };
      // A write that is abandoned here may still complete in its thread; only reads are abandoned safely.
      const timer = setTimeout(() => finish(() => reject(timeoutError(this.label, Math.round(timeoutMs / 1000), 'sqlite'))), timeoutMs);
      const onAbort = () => finish(() => reject(signal!.reason));
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('message', (reply: WorkerReply) => finish(() => (reply.ok ? resolve(reply) : reject(this.mapError(reply, changing)))));
      worker.once('error', (err) => finish(() => reject(new DatabaseError('server', `SQLite could not run the statement on the ${this.label}: ${err.message}. Nothing was changed.`))));
    });
  }

  private mapError(reply: Extract<WorkerReply, { ok: false }>, changing: boolean): DatabaseError {
    const code = reply.code ?? '';
    if (reply.kind === 'not_read_only') return new DatabaseError('not_read_only', `SQLite says this statement ${reply.message === 'writes' ? 'changes data' : 'returns no rows'}, so the read-only query tool did not run it. Nothing was changed. To change data, use "Change data in a database" (database.execute), which asks you every time.`);
    if (code === 'SQLITE_CANTOPEN' || /directory does not exist|unable to open/i.test(reply.message)) return new DatabaseError('file', `The SQLite file ${this.settings.path} does not exist or cannot be opened. Pick the file again in Integrations › SQLite database. Nothing was changed.`);
    if (code === 'SQLITE_NOTADB') return new DatabaseError('file', `${this.settings.path} is not a SQLite database (or it is encrypted). Pick a plain SQLite database file in Integrations › SQLite database. Nothing was changed.`);
    if (code === 'SQLITE_READONLY' || code === 'SQLITE_READONLY_DIRECTORY') return new DatabaseError(changing ? 'permission' : 'not_read_only', changing ? `The SQLite file ${this.settings.path} cannot be written (file or folder permissions). Nothing was changed.` : `SQLite refused to change data through the read-only query. Nothing was changed.`);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new DatabaseError('server', `The SQLite file ${this.settings.path} is locked by another program. Try again when it is done. Nothing was changed.`);
    if (code.startsWith('SQLITE_') || code === 'ERR_INVALID_ARG_TYPE' || /bind|parameter/i.test(reply.message)) return sqlRefusedError(this.label, reply.message, changing);
    return new DatabaseError('server', `SQLite failed on the ${this.label}: ${reply.message.slice(0, 200)}. Nothing was changed.`);
  }
}

/** better-sqlite3 binds numbers, text and null; booleans become 1/0 as SQLite stores them. */
function sqliteParams(params: readonly SqlParam[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}
