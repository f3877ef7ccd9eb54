/**
 * database.execute: the only way Steward changes a company database — one statement (INSERT,
 * UPDATE, DELETE, DDL …), committed when it succeeds. It asks for approval every time (no grant
 * or 'always' setting covers it), the card shows the exact SQL and values, and the audit row keeps
 * them. Rows changed cannot be restored by Steward, and the card says so.
 */
import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { DATABASE_CREDENTIALS, DatabaseChoice, anyDatabaseConfigured, resolveDatabase } from './database-target.js';
import { SqlParamSchema, oneLine } from './database-query.js';

export const DATABASE_CHANGE_CANNOT_BE_UNDONE = 'A committed database change cannot be undone by Steward: it keeps no copy of the rows before.';

export const DatabaseExecuteParams = z
  .object({
    database: DatabaseChoice,
    sql: z.string({ error: 'must be one SQL statement' }).min(1, 'must not be empty').max(20_000, 'must be at most 20000 characters').describe('exactly one statement that changes data (INSERT, UPDATE, DELETE …); values in params'),
    params: z.array(SqlParamSchema).max(100, 'must hold at most 100 values').default([]).describe('values for the placeholders: $1, $2 … for PostgreSQL; ? for MySQL/MariaDB and SQLite'),
  })
  .strict();

export const databaseExecuteTool = defineTool({
  name: 'database.execute',
  title: 'Change data in a database',
  userDescription: 'Runs one statement that changes a connected database, after you approve it.',
  description: 'Change the connected company database with exactly one SQL statement (INSERT, UPDATE, DELETE …) and values in params. Asks the user every time. Use database.query for reading.',
  parameters: DatabaseExecuteParams,
  sideEffect: 'external',
  defaultPermission: 'ask',
  askEveryTime: true,
  idempotent: false,
  timeoutMs: 330_000,
  credentialAccounts: DATABASE_CREDENTIALS,
  cannotUndo: DATABASE_CHANGE_CANNOT_BE_UNDONE,
  describe: (params) => `Change the ${params.database ?? 'connected'} database: ${oneLine(params.sql, 200)}${params.params.length ? ` with ${JSON.stringify(params.params).slice(0, 200)}` : ''}`,
  resultOrigin: () => null,
  isConfigured: ({ settings, secrets }) => anyDatabaseConfigured(settings, secrets),
  async execute(params, ctx) {
    const { connector, limits } = await resolveDatabase(ctx.settings, ctx.secrets, params.database);
    const { rowsAffected } = await connector.execute(params.sql, params.params, { timeoutMs: limits.timeoutMs }, ctx.signal);
    ctx.log(`${rowsAffected} rows affected`);
    return {
      output: { database: connector.label, sql: params.sql.trim(), params: params.params, rowsAffected },
      summary: `Changed the ${connector.label}: ${oneLine(params.sql, 300)} → ${rowsAffected} row${rowsAffected === 1 ? '' : 's'} affected.`,
    };
  },
});
