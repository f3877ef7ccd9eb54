/**
 * MySQL and MariaDB through `mysql2`. Reads run in START TRANSACTION READ ONLY with the server's
 * own time limit (MariaDB max_statement_time, MySQL max_execution_time) and sql_select_limit, so
 * the server refuses writes, stops slow queries and sends no more rows than asked. Values are
 * bound with mysql2's escaping placeholders (?); one statement per call (multipleStatements off).
 */
import mysql from 'mysql2/promise';
import type { MysqlSettings } from '../../../../src-preload/schemas/database-settings.js';
import type { QueryLimits, QueryRows, SqlParam } from '../database/database-connector.js';
import { rowsToObjects } from '../database/json-value.js';
import { ServerDatabaseConnector, type ColumnRow, type OpeningSession, type ServerErrorContext } from '../database/server-connector.js';
import { checkReadOnlySql, checkSingleStatement } from '../database/sql-statement.js';
import { mapMysqlError } from './mysql-errors.js';

export const MYSQL_PASSWORD_ACCOUNT = 'mysql.password';

const CONNECT_TIMEOUT_MS = 10_000;

export class MysqlConnector extends ServerDatabaseConnector<mysql.Connection> {
  readonly engine = 'mysql' as const;

  constructor(settings: MysqlSettings, password: string | null) {
    super(settings, password, 'MySQL/MariaDB');
  }

  protected async identify(connection: mysql.Connection): Promise<{ serverVersion: string; user: string }> {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version, CURRENT_USER() AS user');
    const version = String(rows[0]!.version);
    return { serverVersion: /mariadb/i.test(version) ? `MariaDB ${version}` : `MySQL ${version}`, user: this.settings.user };
  }

  protected async listColumns(connection: mysql.Connection): Promise<ColumnRow[]> {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT t.TABLE_NAME AS name, t.TABLE_TYPE AS kind, c.COLUMN_NAME AS col, c.COLUMN_TYPE AS type, c.IS_NULLABLE AS nullable
         FROM information_schema.TABLES t
         LEFT JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
        WHERE t.TABLE_SCHEMA = DATABASE()
        ORDER BY t.TABLE_NAME, c.ORDINAL_POSITION`,
    );
    // One database per connection: MySQL's schema is the database itself, so tables carry none.
    return rows.map((row) => ({ schema: null, name: String(row.name), kind: String(row.kind), column: row.col ? String(row.col) : null, type: row.col ? String(row.type) : null, nullable: row.col ? String(row.nullable) : null }));
  }

  async query(sql: string, params: readonly SqlParam[], limits: QueryLimits, signal?: AbortSignal): Promise<QueryRows> {
    const { statement } = checkReadOnlySql(sql, 'mysql');
    return this.withSession(limits.timeoutMs, false, signal, async (connection) => {
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
    return this.withSession(limits.timeoutMs, true, signal, async (connection) => {
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

  protected open(): OpeningSession<mysql.Connection> {
    let connection: mysql.Connection | null = null;
    const ready = mysql
      .createConnection({
        ...this.login(),
        ssl: this.settings.ssl ? { rejectUnauthorized: true } : undefined,
        connectTimeout: CONNECT_TIMEOUT_MS,
        multipleStatements: false,
        // Dates stay as the server wrote them ('2026-01-05'): no time-zone shift on the way.
        dateStrings: true,
        supportBigNumbers: true,
      })
      .then((opened) => {
        connection = opened;
        opened.on('error', () => undefined);
        return opened;
      });
    return {
      ready,
      abort: () => connection?.destroy(),
      // end() without COMMIT: the server rolls back whatever a failure left open.
      close: async () => {
        if (connection) await connection.end().catch(() => connection?.destroy());
      },
    };
  }

  protected mapError(err: unknown, context: ServerErrorContext): Error {
    return mapMysqlError(err, context);
  }
}
