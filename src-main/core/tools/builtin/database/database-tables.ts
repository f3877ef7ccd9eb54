/**
 * database.tables: the connected database's tables and views with their columns and types, so the
 * model writes SQL against names that exist. Reads only; runs without asking.
 */
import { z } from 'zod';
import { defineTool } from '../../tool.js';
import type { TableInfo } from '../../../integrations/database/database-connector.js';
import { DATABASE_CREDENTIALS, DatabaseChoice, anyDatabaseConfigured, resolveDatabase } from './database-target.js';

export const DatabaseTablesParams = z
  .object({
    database: DatabaseChoice,
    table: z.string().trim().min(1, 'must not be empty').max(200).optional().describe('only this table (its name, any case)'),
  })
  .strict();

export interface DatabaseTablesOutput {
  database: string;
  tables: TableInfo[];
}

export const databaseTablesTool = defineTool({
  name: 'database.tables',
  title: "List a database's tables",
  userDescription: 'Lists the tables of a connected database with their columns and types.',
  description: 'List the tables and views of the connected company database (SQLite, PostgreSQL or MySQL/MariaDB) with each column and its type. Use before database.query to learn the names.',
  parameters: DatabaseTablesParams,
  sideEffect: 'none',
  defaultPermission: 'always',
  idempotent: true,
  timeoutMs: 60_000,
  credentialAccounts: DATABASE_CREDENTIALS,
  resultOrigin: (_params, output: DatabaseTablesOutput) => `the table list of the ${output.database}`,
  isConfigured: ({ settings, secrets }) => anyDatabaseConfigured(settings, secrets),
  async execute(params, ctx) {
    const { connector } = await resolveDatabase(ctx.settings, ctx.secrets, params.database);
    const all = await connector.tables(ctx.signal);
    const tables = params.table ? all.filter((t) => t.name.toLowerCase() === params.table!.toLowerCase()) : all;
    const names = tables.map((t) => `${t.schema && t.schema !== 'public' ? `${t.schema}.` : ''}${t.name}`);
    const summary = params.table && tables.length === 0 ? `The ${connector.label} has no table named "${params.table}" (it has ${all.length}: ${all.slice(0, 20).map((t) => t.name).join(', ')}).` : `The ${connector.label} has ${tables.length} table${tables.length === 1 ? '' : 's'}: ${names.slice(0, 30).join(', ')}${names.length > 30 ? ', …' : ''}.`;
    return { output: { database: connector.label, tables } satisfies DatabaseTablesOutput, summary };
  },
});
