/**
 * Reads a database connection's settings and password and builds its connector, with the fix
 * for whatever is missing. Used by the three integrations (status and test) and the database
 * tools alike, so both say the same thing about a half-configured connection.
 */
import type { z } from 'zod';
import { MysqlSettingsSchema, PostgresSettingsSchema, SqliteSettingsSchema } from '../../../../src-preload/schemas/database-settings.js';
import type { Settings } from '../../../../src-preload/contract.js';
import type { SecretStore } from '../../ports.js';
import { zodIssues } from '../../validation.js';
import { MysqlConnector, MYSQL_PASSWORD_ACCOUNT } from '../mysql/mysql-connector.js';
import { PostgresConnector, POSTGRES_PASSWORD_ACCOUNT } from '../postgres/postgres-connector.js';
import { readSecret } from '../read-secret.js';
import { SqliteConnector } from '../sqlite/sqlite-connector.js';
import { ENGINE_NAMES, type DatabaseConnector, type DatabaseEngine, type QueryLimits } from './database-connector.js';
import { setupPlace } from './database-errors.js';

export const DATABASE_ENGINES: readonly DatabaseEngine[] = ['sqlite', 'postgres', 'mysql'];
export const PASSWORD_ACCOUNTS = { postgres: POSTGRES_PASSWORD_ACCOUNT, mysql: MYSQL_PASSWORD_ACCOUNT } as const;

export type DatabaseSetup = { ok: true; connector: DatabaseConnector; limits: QueryLimits } | { ok: false; reason: string };

const SCHEMAS = { sqlite: SqliteSettingsSchema, postgres: PostgresSettingsSchema, mysql: MysqlSettingsSchema } as const;

/** Whether the user saved settings for this engine at all (valid or not). */
export function hasDatabaseSettings(settings: Settings, engine: DatabaseEngine): boolean {
  const raw = (settings.integrations as Record<string, unknown>)[engine];
  return raw !== null && raw !== undefined;
}

export async function loadDatabase(settings: Settings, secrets: SecretStore, engine: DatabaseEngine): Promise<DatabaseSetup> {
  const place = setupPlace(engine);
  const raw = (settings.integrations as Record<string, unknown>)[engine];
  if (raw === null || raw === undefined) {
    const what = engine === 'sqlite' ? 'pick the database file' : 'enter the host, database and user';
    return { ok: false, reason: `No ${ENGINE_NAMES[engine]} database is connected: ${what} in ${place}.` };
  }
  const parsed = SCHEMAS[engine].safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `The ${ENGINE_NAMES[engine]} settings are incomplete: ${zodIssues(parsed.error).map((i) => `${i.path || '(settings)'} ${i.message}`).join('; ')}. Fix them in ${place}.` };
  const limits = { rowLimit: parsed.data.rowLimit, timeoutMs: parsed.data.timeoutSeconds * 1000 };
  if (engine === 'sqlite') return { ok: true, connector: new SqliteConnector(parsed.data as z.output<typeof SqliteSettingsSchema>), limits };
  const password = await readSecret(secrets, PASSWORD_ACCOUNTS[engine], `${ENGINE_NAMES[engine]} password`);
  if (!password.ok) return { ok: false, reason: password.message };
  const server = parsed.data as z.output<typeof PostgresSettingsSchema>;
  const connector = engine === 'postgres' ? new PostgresConnector(server, password.value) : new MysqlConnector(server, password.value);
  return { ok: true, connector, limits };
}
