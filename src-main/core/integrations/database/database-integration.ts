/**
 * The Integration descriptor of one database connection (DESIGN §1): its password account (none
 * for a SQLite file), settings under integrations.<engine>, and a test that logs in and reads the
 * server version — it changes nothing.
 */
import { MysqlSettingsSchema, PostgresSettingsSchema, SqliteSettingsSchema } from '../../../../src-preload/schemas/database-settings.js';
import { StewardError } from '../../errors.js';
import { defineIntegration, type Integration } from '../integration.js';
import { ENGINE_NAMES, type DatabaseEngine } from './database-connector.js';
import { PASSWORD_ACCOUNTS, loadDatabase } from './database-connections.js';

/** The database tools; every connection offers all three. */
export const DATABASE_TOOLS = ['database.tables', 'database.query', 'database.execute'] as const;

const SCHEMAS = { sqlite: SqliteSettingsSchema, postgres: PostgresSettingsSchema, mysql: MysqlSettingsSchema } as const;

export function databaseIntegration(engine: DatabaseEngine): Integration {
  return defineIntegration({
    id: engine,
    displayName: `${ENGINE_NAMES[engine]} database`,
    connection: 'api-key',
    secretAccounts: engine === 'sqlite' ? [] : [{ account: PASSWORD_ACCOUNTS[engine], label: 'Password', hint: `The password of the database user Steward logs in as. A user with read-only rights is safest; writes always ask you first.`, required: false, userWritable: true }],
    settingsSchema: SCHEMAS[engine],
    settingsOf: (settings) => (settings.integrations as Record<string, unknown>)[engine] ?? null,
    tools: DATABASE_TOOLS,
    async setupProblem({ settings, secrets }) {
      const setup = await loadDatabase(settings, secrets, engine);
      return setup.ok ? null : setup.reason;
    },
    async test({ settings, secrets, signal }) {
      const setup = await loadDatabase(settings, secrets, engine);
      if (!setup.ok) return { ok: false, message: setup.reason };
      try {
        const { serverVersion, account } = await setup.connector.test(signal);
        return { ok: true, message: `Connected to the ${setup.connector.label} (${serverVersion}). Queries are read-only, at most ${setup.limits.rowLimit} rows and ${setup.limits.timeoutMs / 1000} seconds each.`, account };
      } catch (err) {
        return { ok: false, message: err instanceof StewardError ? err.userMessage : `The ${ENGINE_NAMES[engine]} test failed for an unknown reason; see the log.` };
      }
    },
    facts: async ({ settings }) => {
      const raw = (settings.integrations as Record<string, unknown>)[engine] as { path?: string; host?: string; database?: string } | null;
      if (!raw) return [];
      return [{ label: engine === 'sqlite' ? 'File' : 'Database', value: engine === 'sqlite' ? String(raw.path) : `${raw.database} on ${raw.host}` }];
    },
  });
}
