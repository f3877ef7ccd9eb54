/**
 * Database failures in the user's terms (DESIGN §4.7): what went wrong with which database and
 * what to do. Each engine maps its driver's errors here (postgres-errors.ts, mysql-errors.ts,
 * sqlite-errors.ts); no message carries a password.
 */
import { StewardError, type ErrorCode } from '../../errors.js';

export type DatabaseErrorKind =
  | 'empty'
  | 'multiple_statements'
  | 'not_read_only'
  | 'auth'
  | 'no_database'
  | 'unreachable'
  | 'timeout'
  | 'sql'
  | 'permission'
  | 'file'
  | 'server';

const CODES: Record<DatabaseErrorKind, ErrorCode> = {
  empty: 'invalid_input',
  multiple_statements: 'invalid_input',
  not_read_only: 'invalid_input',
  auth: 'unauthorized',
  no_database: 'not_found',
  unreachable: 'provider_failed',
  timeout: 'timeout',
  sql: 'invalid_input',
  permission: 'unauthorized',
  file: 'not_found',
  server: 'provider_failed',
};

export class DatabaseError extends StewardError {
  readonly kind: DatabaseErrorKind;
  constructor(kind: DatabaseErrorKind, userMessage: string, options: { detail?: string } = {}) {
    // The driver error is not attached as cause: some carry the connection config, password included.
    super(CODES[kind], userMessage, { detail: options.detail });
    this.kind = kind;
  }
}

/** Where to fix a connection, per engine: a place that exists on the Integrations screen. */
export function setupPlace(engine: 'sqlite' | 'postgres' | 'mysql'): string {
  return engine === 'sqlite' ? 'Integrations › SQLite database' : engine === 'postgres' ? 'Integrations › PostgreSQL database' : 'Integrations › MySQL/MariaDB database';
}

export function timeoutError(label: string, seconds: number, engine: 'sqlite' | 'postgres' | 'mysql'): DatabaseError {
  return new DatabaseError('timeout', `The query on the ${label} ran past the ${seconds}-second time limit and was stopped. Nothing was changed. Narrow it (a WHERE clause, a LIMIT, an index) or raise the time limit in ${setupPlace(engine)}.`);
}

export function unreachableError(label: string, engine: 'postgres' | 'mysql', reason: string): DatabaseError {
  return new DatabaseError('unreachable', `Could not reach the ${label} (${reason}). Check that the server is running and that the host and port in ${setupPlace(engine)} are right. Nothing was changed.`);
}

export function authError(label: string, engine: 'postgres' | 'mysql', user: string): DatabaseError {
  return new DatabaseError('auth', `The ${label} refused user "${user}": the password is wrong or the user may not log in from here. Enter the right password in ${setupPlace(engine)}. Nothing was changed.`);
}

export function sqlRefusedError(label: string, serverMessage: string, changing: boolean): DatabaseError {
  const hint = changing ? '' : ' Check table and column names with "List a database\'s tables" (database.tables).';
  return new DatabaseError('sql', `The ${label} refused the SQL: ${serverMessage.slice(0, 300)}.${hint} Nothing was changed.`);
}
