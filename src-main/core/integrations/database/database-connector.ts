/**
 * One interface over the company databases Steward can read (SQLite file, PostgreSQL,
 * MySQL/MariaDB), so the database tools and the Integrations screen name no engine. Each call
 * opens its own connection and closes it: a desktop app makes few queries, and nothing stays
 * logged in between them.
 */
export type DatabaseEngine = 'sqlite' | 'postgres' | 'mysql';

export const ENGINE_NAMES: Record<DatabaseEngine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MySQL/MariaDB' };

/** A value a query parameter may hold (zod keeps anything else out at the tool boundary). */
export type SqlParam = string | number | boolean | null;

export interface ColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
}

export interface TableInfo {
  /** The schema (PostgreSQL) or null where the engine has none that matters. */
  schema: string | null;
  name: string;
  kind: 'table' | 'view';
  columns: ColumnInfo[];
}

export interface QueryLimits {
  /** Rows returned at most; one more is read to tell whether the result was cut. */
  rowLimit: number;
  /** Enforced by the server itself (statement timeout), with a client-side backstop. */
  timeoutMs: number;
}

export interface QueryRows {
  columns: string[];
  /** JSON-safe values (dates as ISO text, bytes summarised, big integers as text where needed). */
  rows: Record<string, unknown>[];
  /** More rows existed than rowLimit. */
  truncated: boolean;
}

export interface DatabaseConnector {
  readonly engine: DatabaseEngine;
  /** Which database, in the user's words: 'PostgreSQL database "hr" at db.example.com:5432'. */
  readonly label: string;
  /** Logs in and reads the server version; changes nothing. */
  test(signal?: AbortSignal): Promise<{ serverVersion: string; account: string }>;
  /** Tables and views with their columns and types. */
  tables(signal?: AbortSignal): Promise<TableInfo[]>;
  /** One read-only statement (already checked by sql-statement.ts) in a read-only transaction. */
  query(sql: string, params: readonly SqlParam[], limits: QueryLimits, signal?: AbortSignal): Promise<QueryRows>;
  /** One statement that may change data, committed when it succeeds, rolled back when it fails. */
  execute(sql: string, params: readonly SqlParam[], limits: Pick<QueryLimits, 'timeoutMs'>, signal?: AbortSignal): Promise<{ rowsAffected: number }>;
}
