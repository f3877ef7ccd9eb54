/**
 * MySQL/MariaDB answers mapped to DatabaseError by the server's error number
 * (https://mariadb.com/kb/en/mariadb-error-code-reference/) and node's network codes.
 */
import type { ServerErrorContext } from '../database/server-connector.js';
import { DatabaseError, authError, sqlRefusedError, timeoutError, unreachableError } from '../database/database-errors.js';

interface MysqlLike {
  code?: string;
  errno?: number;
  message?: string;
  sqlMessage?: string;
}

const TIMEOUT_ERRNOS = new Set([1969 /* MariaDB max_statement_time */, 3024 /* MySQL max_execution_time */, 1317 /* query interrupted */]);

export function mapMysqlError(err: unknown, ctx: ServerErrorContext): DatabaseError {
  if (err instanceof DatabaseError) return err;
  const e = (err ?? {}) as MysqlLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const errno = typeof e.errno === 'number' ? e.errno : 0;
  const message = String(e.sqlMessage ?? e.message ?? err);
  if (errno === 1045 || code === 'ER_ACCESS_DENIED_ERROR') return authError(ctx.label, 'mysql', ctx.user);
  if (errno === 1044) return new DatabaseError('permission', `User "${ctx.user}" may not use the database "${ctx.database}" on the ${ctx.label}. Grant access on the server or use another user in Integrations › MySQL/MariaDB database. Nothing was changed.`);
  if (errno === 1049) return new DatabaseError('no_database', `The MySQL/MariaDB server has no database "${ctx.database}". Check the database name in Integrations › MySQL/MariaDB database. Nothing was changed.`);
  if (TIMEOUT_ERRNOS.has(errno) || code === 'PROTOCOL_SEQUENCE_TIMEOUT') return timeoutError(ctx.label, ctx.timeoutSeconds, 'mysql');
  if (errno === 1792) return new DatabaseError('not_read_only', `The ${ctx.label} refused to change data inside the read-only query. Nothing was changed. To change data, use "Change data in a database" (database.execute), which asks you every time.`);
  if (errno === 1142 || errno === 1143 || errno === 1227) return new DatabaseError('permission', `The ${ctx.label} says user "${ctx.user}" may not do this: ${message.slice(0, 200)}. Grant the user access on the server, or use a user who has it. Nothing was changed.`);
  if (errno === 1040) return new DatabaseError('server', `The ${ctx.label} has too many connections open right now. Try again in a minute. Nothing was changed.`);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'PROTOCOL_CONNECTION_LOST'].includes(code)) return unreachableError(ctx.label, 'mysql', code === 'ECONNREFUSED' ? 'nothing is listening there' : code === 'ENOTFOUND' ? 'no such host' : code);
  if (errno >= 1000 && errno < 2000) return sqlRefusedError(ctx.label, message, ctx.changing);
  if (/ssl|tls/i.test(message)) return unreachableError(ctx.label, 'mysql', `the encrypted connection failed: ${message.slice(0, 120)}; turn SSL off for a server without it`);
  return new DatabaseError('server', `The ${ctx.label} failed: ${message.slice(0, 200)}. Nothing was changed.`, { detail: code || String(errno) });
}
