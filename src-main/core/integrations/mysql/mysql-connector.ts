/**
 * MySQL and MariaDB through `mysql2`. Reads run in START TRANSACTION READ ONLY with the server's
 * own time limit (MariaDB max_statement_time, MySQL max_execution_time) and sql_select_limit, so
 * the server refuses writes, stops slow queries and sends no more rows than asked. Values are
 * bound with mysql2's escaping placeholders (?); one statement per call (multipleStatements off).
 */
import mysql from 'mysql2/promise';
import type { MysqlSettings } from '../../../../src-preload/schemas/database-settings.js';
import type { DatabaseConnector, QueryLimits, QueryRows, SqlParam, TableInfo } from '../database/database-connector.js';
import { rowsToObjects } from '../database/json-value.js';
import { checkReadOnlySql, checkSingleStatement } from '../database/sql-statement.js';
import { mapMysqlError } from './mysql-errors.js';

export const MYSQL_PASSWORD_ACCOUNT = 'mysql.password';

const CONNECT_TIMEOUT_MS = 10_000;

export class MysqlConnector implements DatabaseConnector {
  readonly engine = 'mysql' as const;
  readonly label: string;

  constructor(
    private readonly settings: MysqlSettings,
    private readonly password: string | null,
  ) {
    this.label = `MySQL/MariaDB database "${settings.database}" at ${settings.host}:${settings.port}`;
  }

  async test(signal?: AbortSignal): Promise<{ serverVersion: string; account: string }> {
    return this.withConnection(this.settings.timeoutSeconds * 1000, false, signal, async (connection) => {
      const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version, CURRENT_USER() AS user');
      const version = String(rows[0]!.version);
      return { serverVersion: /mariadb/i.test(version) ? `MariaDB ${version}` : `MySQL ${version}`, account: `${this.settings.user}@${this.settings.host}:${this.settings.port}/${this.settings.database}` };
    });
  }

  async tables(signal?: AbortSignal): Promise<TableInfo[]> {
    return this.withConnection(this.settings.timeoutSeconds * 1000, false, signal, async (connection) => {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(
        `SELECT t.TABLE_NAME AS name, t.TABLE_TYPE AS kind, c.COLUMN_NAME AS col, c.COLUMN_TYPE AS type, c.IS_NULLABLE AS nullable
           FROM information_schema.TABLES t
           LEFT JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
          WHERE t.TABLE_SCHEMA = DATABASE()
          ORDER BY t.TABLE_NAME, c.ORDINAL_POSITION`,
      );
      const tables = new Map<string, TableInfo>();
      for (const row of rows) {
        const name = String(row.name);
        if (!tables.has(name)) tables.set(name, { schema: null, name, kind: row.kind === 'VIEW' ? 'view' : 'table', columns: [] });
        if (row.col) tables.get(name)!.columns.push({ name: String(row.col), type: String(row.type), nullable: row.nullable === 'YES' });
      }
      return [...tables.values()];
    });
  }

  async query(sql: string, params: readonly SqlParam[], limits: QueryLimits, signal?: AbortSignal): Promise<QueryRows> {
    const { statement } = checkReadOnlySql(sql, 'mysql');
    return this.withConnection(limits.timeoutMs, false, signal, async (connection) => {
      await this.limitTime(connection, limits.timeoutMs);
      await connection.query(`SET SESSION sql_select_limit = ${limits.rowLimit + 1}`);
      await connection.query('START TRANSACTION READ ONLY');
      const [rows, fields] = await connection.query<mysql.RowDataPacket[]>({ sql: statement, values: [...params], rowsAsArray: true, timeout: limits.timeoutMs + 5_000 });
      await connection.query('ROLLBACK');
      const { columns, rows: objects } = rowsToObjects((fields ?? []).map((f) => f.name), rows as unknown as unknown[][]);
      return { columns, rows: objects.slice(0, limits.rowLimit), truncated: objects.length > limits.rowLimit };
    });
  }

  async execute(sql: string, params: readonly SqlParam[], limits: Pick<QueryLimits, 'timeoutMs'>, signal?: AbortSignal): Promise<{ rowsAffected: number }> {
    const { statement } = checkSingleStatement(sql, 'mysql');
    return this.withConnection(limits.timeoutMs, true, signal, async (connection) => {
      await this.limitTime(connection, limits.timeoutMs);
      await connection.query('START TRANSACTION');
      const [result] = await connection.query<mysql.ResultSetHeader>({ sql: statement, values: [...params], timeout: limits.timeoutMs + 5_000 });
      await connection.query('COMMIT');
      return { rowsAffected: Array.isArray(result) ? 0 : result.affectedRows };
    });
  }

  /** MariaDB limits every statement by max_statement_time (seconds); MySQL limits SELECTs by max_execution_time (ms). */
  private async limitTime(connection: mysql.Connection, timeoutMs: number): Promise<void> {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    if (/mariadb/i.test(String(rows[0]!.version))) await connection.query(`SET SESSION max_statement_time = ${(timeoutMs / 1000).toFixed(3)}`);
    else await connection.query(`SET SESSION max_execution_time = ${Math.round(timeoutMs)}`);
  }

  private async withConnection<T>(timeoutMs: number, changing: boolean, signal: AbortSignal | undefined, work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
    const s = this.settings;
    let connection: mysql.Connection | null = null;
    const onAbort = () => connection?.destroy();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      signal?.throwIfAborted();
      connection = await mysql.createConnection({
        host: s.host,
        port: s.port,
        database: s.database,
        user: s.user,
        password: this.password ?? undefined,
        ssl: s.ssl ? { rejectUnauthorized: true } : undefined,
        connectTimeout: CONNECT_TIMEOUT_MS,
        multipleStatements: false,
        // Dates stay as the server wrote them ('2026-01-05'): no time-zone shift on the way.
        dateStrings: true,
        supportBigNumbers: true,
      });
      connection.on('error', () => undefined);
      return await work(connection);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw mapMysqlError(err, { label: this.label, user: s.user, database: s.database, timeoutSeconds: Math.round(timeoutMs / 1000), changing });
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // end() without COMMIT: the server rolls back whatever a failure left open.
      if (connection) await connection.end().catch(() => connection?.destroy());
    }
  }
}
