/** The database tools against a SQLite file the user picked (see database-suite.ts for what is checked), and choosing among connected databases. */
import { describe } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { databaseIntegration } from '../../../src-main/core/integrations/database/database-integration.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { DatabaseQueryParams, databaseQueryTool } from '../../../src-main/core/tools/builtin/database/database-query.js';
import { settingsWith, toolContext } from '../twilio/support.js';
import { sqliteFixture, suite } from './database-suite.js';

describe('SQLite file', () => {
  suite('sqlite', async () => sqliteFixture());
});

describe('choosing and finding the database', () => {
  const ctx = (integrations: Record<string, unknown>) => toolContext(settingsWith(integrations), createMemorySecretStore());
  const ask = (integrations: Record<string, unknown>, database?: 'sqlite' | 'postgres') => databaseQueryTool.execute(DatabaseQueryParams.parse({ sql: 'SELECT 1 AS one', database }), ctx(integrations));

  it('says where to connect one when none is, and which to name when several are', async () => {
    await expect(ask({})).rejects.toThrow(/No database is connected: connect a SQLite file, PostgreSQL or MySQL\/MariaDB in Integrations › Services/);
    expect(await databaseQueryTool.isConfigured!({ settings: settingsWith({}), secrets: createMemorySecretStore() })).toMatchObject({ ok: false });
    const file = sqliteFixture();
    const both = { sqlite: file.settings, postgres: { host: '127.0.0.1', database: 'hr', user: 'steward' } };
    await expect(ask(both)).rejects.toThrow(/Several databases are connected \("sqlite" for SQLite, "postgres" for PostgreSQL\); say which one with "database"/);
    expect((await ask(both, 'sqlite')).output.rows).toEqual([{ one: 1 }]);
    await file.close();
  });

  it('a missing file, a file that is not a database and half-filled settings are refused by name', async () => {
    const gone = await ask({ sqlite: { path: '/nonexistent/company.db' } }).catch((e: unknown) => e as Error);
    expect((gone as Error).message).toMatch(/The SQLite file \/nonexistent\/company\.db does not exist or cannot be opened\. Pick the file again in Integrations › SQLite database/);
    const notDb = path.join(mkdtempSync(path.join(os.tmpdir(), 'steward-notdb-')), 'notes.db');
    writeFileSync(notDb, 'just some text, not a database at all '.repeat(200));
    await expect(ask({ sqlite: { path: notDb } })).rejects.toThrow(/is not a SQLite database \(or it is encrypted\)/);
    expect(() => settingsWith({ sqlite: { path: 'company.db' } })).toThrow(/must be a full path/);
    const integration = databaseIntegration('postgres');
    expect(await integration.setupProblem({ settings: settingsWith({}), secrets: createMemorySecretStore() })).toBe('No PostgreSQL database is connected: enter the host, database and user in Integrations › PostgreSQL database.');
  });
});
