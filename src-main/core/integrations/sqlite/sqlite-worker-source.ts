/**
 * The code of the thread that runs one SQLite statement (CommonJS, run with `eval: true` so it
 * needs no separate file in any build). better-sqlite3 is synchronous: in the app's own thread a
 * slow query would freeze everything, and it cannot be interrupted. In a thread it can be
 * abandoned at the time limit (worker.terminate), and the app stays responsive meanwhile.
 *
 * workerData: { driverPath, file, mode: 'query' | 'execute' | 'tables' | 'test', sql, params, rowLimit }.
 * Replies with { ok: true, ... } or { ok: false, code, message, kind? }.
 */
export const SQLITE_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const reply = (message) => parentPort.postMessage(message);
let db;
try {
  const readonly = workerData.mode !== 'execute';
  db = new Database(workerData.file, { readonly, fileMustExist: true });
  // A second lock beside the read-only handle: SQLite itself refuses any write on this connection.
  if (readonly) db.pragma('query_only = ON');
  if (workerData.mode === 'test') {
    const version = db.prepare('SELECT sqlite_version() AS v').get().v;
    const count = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type IN ('table', 'view')").get().n;
    reply({ ok: true, version, tables: count });
  } else if (workerData.mode === 'tables') {
    const tables = db.prepare("SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
    reply({ ok: true, tables: tables.map((t) => ({ name: t.name, kind: t.type, columns: db.prepare('SELECT name, type, "notnull" AS nn FROM pragma_table_info(?)').all(t.name).map((c) => ({ name: c.name, type: c.type || 'any', nullable: c.nn === 0 })) })) });
  } else if (workerData.mode === 'query') {
    const statement = db.prepare(workerData.sql);
    if (!statement.reader) reply({ ok: false, kind: 'not_read_only', message: 'returns no rows' });
    else if (!statement.readonly) reply({ ok: false, kind: 'not_read_only', message: 'writes' });
    else {
      statement.raw(true);
      const columns = statement.columns().map((c) => c.name);
      const rows = [];
      for (const row of statement.iterate(...workerData.params)) {
        rows.push(row);
        if (rows.length > workerData.rowLimit) break;
      }
      reply({ ok: true, columns, rows });
    }
  } else {
    const info = db.prepare(workerData.sql).run(...workerData.params);
    reply({ ok: true, changes: info.changes });
  }
} catch (err) {
  reply({ ok: false, code: String(err && err.code || ''), message: String(err && err.message || err) });
} finally {
  try { if (db) db.close(); } catch {}
}
`;
