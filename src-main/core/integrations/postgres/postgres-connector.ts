/**
 * PostgreSQL through `pg`. Reads run in BEGIN READ ONLY with SET LOCAL statement_timeout, so the
 * server itself refuses writes and stops slow queries; SELECT/WITH are wrapped in an outer LIMIT
 * so a huge table never crosses the wire. Each call has its own connection, closed afterwards.
 */
import pg from 'pg';
import type { PostgresSettings } from '../../../../src-preload/schemas/database-settings.js';
import type { QueryLimits, QueryRows, SqlParam } from '../database/database-connector.js';
import { rowsToObjects } from '../database/json-value.js';
import { ServerDatabaseConnector, type ColumnRow, type OpeningSession, type ServerErrorContext } from '../database/server-connector.js';
import { checkReadOnlySql, checkSingleStatement } from '../database/sql-statement.js';
import { mapPostgresError } from './postgres-errors.js';

export const POSTGRES_PASSWORD_ACCOUNT = 'postgres.password';

/** How long to wait for the server to answer a connection attempt. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * pg returns 64-bit integers (count(*), bigserial ids) as text, since not all fit a JS number.
 * The ones that fit become numbers, so "3 hires" reads as 3; larger ones stay exact text.
 */
const INT8_OID = 20;
function pgTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID && format !== 'binary') {
    return (value: string) => {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : value;
    };
  }
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}

export class PostgresConnector extends ServerDatabaseConnector<pg.Client> {
  readonly engine = 'postgres' as const;

  constructor(settings: PostgresSettings, password: string | null) {
    super(settings, password, 'PostgreSQL');
  }

  protected async identify(client: pg.Client): Promise<{ serverVersion: string; user: string }> {
    const row = (await client.query<{ version: string; user: string }>('SELECT current_setting(\'server_version\') AS version, current_user AS "user"')).rows[0]!;
    return { serverVersion: `PostgreSQL ${row.version}`, user: row.user };
  }

  protected async listColumns(client: pg.Client): Promise<ColumnRow[]> {
    await client.query('BEGIN TRANSACTION READ ONLY');
    const result = await client.query<ColumnRow & { schema: string }>(
      `SELECT t.table_schema AS schema, t.table_name AS name, t.table_type AS kind, c.column_name AS column, c.data_type AS type, c.is_nullable AS nullable
         FROM information_schema.tables t
         LEFT JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name
        WHERE t.table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY t.table_schema, t.table_name, c.ordinal_position`,
    );
    await client.query('ROLLBACK');
    return result.rows;
  }

  async query(sql: string, params: readonly SqlParam[], limits: QueryLimits, signal?: AbortSignal): Promise<QueryRows> {
    const { statement, firstWord } = checkReadOnlySql(sql, 'postgres');
    return this.withSession(limits.timeoutMs, false, signal, async (client) => {
      await client.query('BEGIN TRANSACTION READ ONLY');
      await client.query(`SET LOCAL statement_timeout = ${Math.round(limits.timeoutMs)}`);
      const limited = firstWord === 'SELECT' || firstWord === 'WITH' ? `SELECT * FROM (\n${statement}\n) AS steward_query LIMIT ${limits.rowLimit + 1}` : statement;
      const result = await client.query({ text: limited, values: [...params], rowMode: 'array' });
      await client.query('ROLLBACK');
      const { columns, rows } = rowsToObjects(result.fields.map((f) => f.name), result.rows as unknown[][]);
      return { columns, rows: rows.slice(0, limits.rowLimit), truncated: rows.length > limits.rowLimit };
    });
  }

  async execute(sql: string, params: readonly SqlParam[], limits: Pick<QueryLimits, 'timeoutMs'>, signal?: AbortSignal): Promise<{ rowsAffected: number }> {
    const { statement } = checkSingleStatement(sql, 'postgres');
    return this.withSession(limits.timeoutMs, true, signal, async (client) => {
      await client.query('BEGIN');
      await client.query(`SET LOCAL statement_timeout = ${Math.round(limits.timeoutMs)}`);
      const result = await client.query({ text: statement, values: [...params] });
      await client.query('COMMIT');
      return { rowsAffected: result.rowCount ?? 0 };
    });
  }

  /** The client-side timeout is a backstop a few seconds past the server's own. */
  protected open(timeoutMs: number): OpeningSession<pg.Client> {
    const client = new pg.Client({
      ...this.login(),
      ssl: this.settings.ssl ? { rejectUnauthorized: true } : false,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: timeoutMs + 5_000,
      application_name: 'Steward',
      types: { getTypeParser: pgTypeParser },
    });
    // A dropped connection emits 'error' on the client; without a listener it would crash the app.
    client.on('error', () => undefined);
    return {
      ready: client.connect().then(() => client),
      abort: () => void client.end().catch(() => undefined),
      close: () => client.end().catch(() => undefined),
    };
  }

  protected mapError(err: unknown, context: ServerErrorContext): Error {
    return mapPostgresError(err, context);
  }
}
