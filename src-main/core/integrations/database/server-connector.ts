/**
 * What the two database servers Steward logs in to (PostgreSQL, MySQL/MariaDB) share: the
 * settings and keychain password they are built with, the label the user reads in every message,
 * "Test connection" and the schema browse, each with the connection's own time limit. An engine
 * says how it opens a session, who the server says we are, and how it lists its columns.
 */
import type { MysqlSettings, PostgresSettings } from '../../../../src-preload/schemas/database-settings.js';
import type { DatabaseConnector, QueryLimits, QueryRows, SqlParam, TableInfo } from './database-connector.js';

/** The two engines share one settings shape (serverSchema in database-settings.ts). */
export type ServerDatabaseSettings = PostgresSettings | MysqlSettings;

/** One column of one table or view, as both engines' information_schema lists it. */
export interface ColumnRow {
  schema: string | null;
  name: string;
  kind: string;
  column: string | null;
  type: string | null;
  nullable: string | null;
}

/** A connection being opened: `ready` once logged in; `abort` cuts it at once (a cancelled task); `close` ends it without COMMIT. */
export interface OpeningSession<Session> {
  ready: Promise<Session>;
  abort(): void;
  close(): Promise<void>;
}

/** What an engine's error mapper needs to say which database refused what. */
export interface ServerErrorContext {
  label: string;
  user: string;
  database: string;
  timeoutSeconds: number;
  changing: boolean;
}

export abstract class ServerDatabaseConnector<Session> implements DatabaseConnector {
  abstract readonly engine: 'postgres' | 'mysql';
  readonly label: string;

  constructor(
    protected readonly settings: ServerDatabaseSettings,
    protected readonly password: string | null,
    product: string,
  ) {
    this.label = `${product} database "${settings.database}" at ${settings.host}:${settings.port}`;
  }

  async test(signal?: AbortSignal): Promise<{ serverVersion: string; account: string }> {
    return this.withSession(this.settings.timeoutSeconds * 1000, false, signal, async (session) => {
      const { serverVersion, user } = await this.identify(session);
      return { serverVersion, account: `${user}@${this.settings.host}:${this.settings.port}/${this.settings.database}` };
    });
  }

  async tables(signal?: AbortSignal): Promise<TableInfo[]> {
    return this.withSession(this.settings.timeoutSeconds * 1000, false, signal, async (session) => tablesOf(await this.listColumns(session)));
  }

  abstract query(sql: string, params: readonly SqlParam[], limits: QueryLimits, signal?: AbortSignal): Promise<QueryRows>;
  abstract execute(sql: string, params: readonly SqlParam[], limits: Pick<QueryLimits, 'timeoutMs'>, signal?: AbortSignal): Promise<{ rowsAffected: number }>;

  /** The server's version as the user knows it ("PostgreSQL 15.4") and the user it logged us in as. */
  protected abstract identify(session: Session): Promise<{ serverVersion: string; user: string }>;
  /** Every column of every table and view the user may read, in table then column order. */
  protected abstract listColumns(session: Session): Promise<ColumnRow[]>;
  /** Starts logging in; `timeoutMs` is the server's limit for the work, which a client-side backstop may follow. */
  protected abstract open(timeoutMs: number): OpeningSession<Session>;
  /** The engine's own error (SQLSTATE, errno, network code) as a DatabaseError the user can act on. */
  protected abstract mapError(err: unknown, context: ServerErrorContext): Error;

  /** Where and as whom to log in, the same for both engines' clients. */
  protected login(): { host: string; port: number; database: string; user: string; password: string | undefined } {
    const s = this.settings;
    return { host: s.host, port: s.port, database: s.database, user: s.user, password: this.password ?? undefined };
  }

  /**
   * One connection for one piece of work, closed afterwards. A failure inside ends the connection
   * without COMMIT, so the server rolls back whatever was begun; a cancelled task cuts it at once.
   */
  protected async withSession<T>(timeoutMs: number, changing: boolean, signal: AbortSignal | undefined, work: (session: Session) => Promise<T>): Promise<T> {
    let opening: OpeningSession<Session> | null = null;
    const onAbort = () => opening?.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      signal?.throwIfAborted();
      opening = this.open(timeoutMs);
      return await work(await opening.ready);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw this.mapError(err, { label: this.label, user: this.settings.user, database: this.settings.database, timeoutSeconds: Math.round(timeoutMs / 1000), changing });
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await opening?.close();
    }
  }
}

/** Columns grouped into their tables, in the order the server listed them. */
function tablesOf(rows: readonly ColumnRow[]): TableInfo[] {
  const tables = new Map<string, TableInfo>();
  for (const row of rows) {
    const key = `${row.schema ?? ''}.${row.name}`;
    if (!tables.has(key)) tables.set(key, { schema: row.schema, name: row.name, kind: row.kind === 'VIEW' ? 'view' : 'table', columns: [] });
    if (row.column) tables.get(key)!.columns.push({ name: row.column, type: row.type ?? 'unknown', nullable: row.nullable === 'YES' });
  }
  return [...tables.values()];
}
