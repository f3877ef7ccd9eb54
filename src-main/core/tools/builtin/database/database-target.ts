/**
 * Which connected database a database tool call means: the one it names, or the only one
 * connected. With several connected and none named, the call is refused with the names to use.
 */
import { z } from 'zod';
import type { Settings } from '../../../../../src-preload/contract.js';
import { StewardError } from '../../../errors.js';
import { ENGINE_NAMES, type DatabaseEngine } from '../../../integrations/database/database-connector.js';
import { DATABASE_ENGINES, PASSWORD_ACCOUNTS, hasDatabaseSettings, loadDatabase, type DatabaseSetup } from '../../../integrations/database/database-connections.js';
import type { SecretStore } from '../../../ports.js';
import { ToolNotConfiguredError } from '../tool-errors.js';

export const DatabaseChoice = z
  .enum(['sqlite', 'postgres', 'mysql'], { error: 'must be "sqlite", "postgres" or "mysql" — the connected database to use' })
  .optional()
  .describe('which connected database: "sqlite", "postgres" or "mysql"; leave out when only one is connected');

export const DATABASE_CREDENTIALS = [PASSWORD_ACCOUNTS.postgres, PASSWORD_ACCOUNTS.mysql] as const;

export class DatabaseNotChosenError extends StewardError {
  constructor(connected: DatabaseEngine[]) {
    super('invalid_input', `Several databases are connected (${connected.map((e) => `"${e}" for ${ENGINE_NAMES[e]}`).join(', ')}); say which one with "database". Nothing was run.`);
  }
}

export function connectedEngines(settings: Settings): DatabaseEngine[] {
  return DATABASE_ENGINES.filter((engine) => hasDatabaseSettings(settings, engine));
}

export async function resolveDatabase(settings: Settings, secrets: SecretStore, choice: DatabaseEngine | undefined): Promise<Extract<DatabaseSetup, { ok: true }>> {
  const connected = connectedEngines(settings);
  let engine = choice;
  if (!engine) {
    if (connected.length > 1) throw new DatabaseNotChosenError(connected);
    engine = connected[0];
  }
  if (!engine) throw new ToolNotConfiguredError('The database tool', 'No database is connected: connect a SQLite file, PostgreSQL or MySQL/MariaDB in Integrations › Services.');
  const setup = await loadDatabase(settings, secrets, engine);
  if (!setup.ok) throw new ToolNotConfiguredError('The database tool', setup.reason);
  return setup;
}

export async function anyDatabaseConfigured(settings: Settings, secrets: SecretStore): Promise<{ ok: true } | { ok: false; reason: string }> {
  const connected = connectedEngines(settings);
  if (connected.length === 0) return { ok: false, reason: 'No database is connected: connect a SQLite file, PostgreSQL or MySQL/MariaDB in Integrations › Services.' };
  for (const engine of connected) {
    const setup = await loadDatabase(settings, secrets, engine);
    if (setup.ok) return { ok: true };
  }
  const first = await loadDatabase(settings, secrets, connected[0]!);
  return first.ok ? { ok: true } : { ok: false, reason: first.reason };
}
