/**
 * PostgreSQL's answers mapped to DatabaseError by SQLSTATE
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html) and node's network codes.
 */
import type { ServerErrorContext } from '../database/server-connector.js';
import { DatabaseError, authError, sqlRefusedError, timeoutError, unreachableError } from '../database/database-errors.js';

interface PgLike {
  code?: string;
  message?: string;
}

export function mapPostgresError(err: unknown, ctx: ServerErrorContext): DatabaseError {
  if (err instanceof DatabaseError) return err;
  const e = (err ?? {}) as PgLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = String(e.message ?? err);
  if (code === '28P01' || code === '28000') return authError(ctx.label, 'postgres', ctx.user);
  if (code === '3D000') return new DatabaseError('no_database', `The PostgreSQL server has no database "${ctx.database}". Check the database name in Integrations › PostgreSQL database. Nothing was changed.`);
  if (code === '57014' || /query read timeout/i.test(message)) return timeoutError(ctx.label, ctx.timeoutSeconds, 'postgres');
  if (code === '25006') return new DatabaseError('not_read_only', `The ${ctx.label} refused to change data inside the read-only query. Nothing was changed. To change data, use "Change data in a database" (database.execute), which asks you every time.`);
  if (code === '42501') return new DatabaseError('permission', `The ${ctx.label} says user "${ctx.user}" may not do this: ${message.slice(0, 200)}. Grant the user access on the server, or use a user who has it. Nothing was changed.`);
  if (code === '53300') return new DatabaseError('server', `The ${ctx.label} has too many connections open right now. Try again in a minute. Nothing was changed.`);
  if (/^(42|22|23|0A|21|2B|44)/.test(code)) return sqlRefusedError(ctx.label, message, ctx.changing);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'].includes(code)) return unreachableError(ctx.label, 'postgres', code === 'ECONNREFUSED' ? 'nothing is listening there' : code === 'ENOTFOUND' ? 'no such host' : code);
  if (/timeout expired|connection timeout|Connection terminated/i.test(message)) return unreachableError(ctx.label, 'postgres', 'the connection timed out or was closed');
  if (/ssl|tls/i.test(message)) return unreachableError(ctx.label, 'postgres', `the encrypted connection failed: ${message.slice(0, 120)}; turn SSL off for a server without it`);
  return new DatabaseError('server', `The ${ctx.label} failed: ${message.slice(0, 200)}. Nothing was changed.`, { detail: code });
}
