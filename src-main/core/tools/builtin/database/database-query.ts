/**
 * database.query: one read-only, parameterised statement on the connected database. Two locks
 * keep it read-only — the statement check (one SELECT/WITH/EXPLAIN/SHOW, no writing word) and a
 * read-only transaction or handle on the server — and the row and time limits come from the
 * connection's settings (the call may ask for fewer rows, never more). The SQL that ran is in the
 * result, so the answer in the chat can show it.
 */
import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { DATABASE_CREDENTIALS, DatabaseChoice, anyDatabaseConfigured, resolveDatabase } from './database-target.js';

export const SqlParamSchema = z.union([z.string().max(10_000, 'must be at most 10000 characters'), z.number().finite('must be a finite number'), z.boolean(), z.null()], { error: 'must be text, a number, true/false or null' });

export const DatabaseQueryParams = z
  .object({
    database: DatabaseChoice,
    sql: z.string({ error: 'must be one SQL statement' }).min(1, 'must not be empty').max(20_000, 'must be at most 20000 characters').describe('one SELECT, WITH, EXPLAIN or SHOW statement; put values in params, never in the SQL text'),
    params: z.array(SqlParamSchema).max(100, 'must hold at most 100 values').default([]).describe('values for the placeholders: $1, $2 … for PostgreSQL; ? for MySQL/MariaDB and SQLite'),
    maxRows: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000).optional().describe('return at most this many rows (never more than the connection allows)'),
  })
  .strict();
export type DatabaseQueryParams = z.output<typeof DatabaseQueryParams>;

export interface DatabaseQueryOutput {
  database: string;
  sql: string;
  params: (string | number | boolean | null)[];
  columns: string[];
  rows: Record<string, unknown>[];
  rowCount: number;
  truncated: boolean;
}

export const databaseQueryTool = defineTool({
  name: 'database.query',
  title: 'Query a database (read-only)',
  userDescription: 'Runs one read-only SQL query on a connected database and shows the SQL with the rows.',
  description: 'Answer a question from the connected company database with one read-only SQL statement (SELECT, WITH, EXPLAIN or SHOW). Values go in params ($1… for PostgreSQL, ? for MySQL/SQLite). Rows and time are limited; writes are refused — use database.execute for changes.',
  parameters: DatabaseQueryParams,
  sideEffect: 'none',
  defaultPermission: 'always',
  idempotent: true,
  timeoutMs: 330_000,
  credentialAccounts: DATABASE_CREDENTIALS,
  describe: (params) => `Read-only query: ${oneLine(params.sql, 160)}`,
  // Rows are the company's data and may hold any text: whatever follows shows where it came from.
  resultOrigin: (_params, output: DatabaseQueryOutput) => `rows read from the ${output.database}`,
  isConfigured: ({ settings, secrets }) => anyDatabaseConfigured(settings, secrets),
  async execute(params, ctx) {
    const { connector, limits } = await resolveDatabase(ctx.settings, ctx.secrets, params.database);
    const rowLimit = Math.min(params.maxRows ?? limits.rowLimit, limits.rowLimit);
    const result = await connector.query(params.sql, params.params, { rowLimit, timeoutMs: limits.timeoutMs }, ctx.signal);
    const count = `${result.rows.length} row${result.rows.length === 1 ? '' : 's'}${result.truncated ? ` (the first ${rowLimit}; more exist)` : ''}`;
    const values = params.params.length ? ` with ${JSON.stringify(params.params)}` : '';
    return {
      output: { database: connector.label, sql: params.sql.trim(), params: params.params, columns: result.columns, rows: result.rows, rowCount: result.rows.length, truncated: result.truncated } satisfies DatabaseQueryOutput,
      summary: `Ran on the ${connector.label}: ${oneLine(params.sql, 400)}${values} → ${count}${smallResult(result.rows)}.`,
    };
  },
});

/** A result of a few values is said in the summary itself ("hires = 3"), so the answer reads in the chat. */
function smallResult(rows: Record<string, unknown>[]): string {
  if (rows.length === 0 || rows.length > 3) return '';
  const text = rows.map((row) => Object.entries(row).map(([k, v]) => `${k} = ${v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ')).join('; ');
  return text.length <= 300 ? `: ${text}` : '';
}

export function oneLine(sql: string, max: number): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
