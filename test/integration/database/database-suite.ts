/**
 * The shared suite of the database tool tests (postgres.test.ts, mariadb.test.ts, sqlite.test.ts):
 * the database tools against real servers (DESIGN §5): PostgreSQL and MariaDB started by the
 * test in temporary data dirs, and a SQLite file. For each engine: the connection test, schema
 * browse, "how many people did we hire this quarter?" with the SQL in the result, parameters that
 * stay values, the row limit, writes refused by the read-only tool (by the statement check and,
 * where it sees nothing wrong, by the server's read-only transaction), the time limit enforced by
 * the server, writes through database.execute, and a wrong password or a stopped server — each
 * with a clear message and the data unchanged.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StewardError } from '../../../src-main/core/errors.js';
import type { DatabaseEngine } from '../../../src-main/core/integrations/database/database-connector.js';
import { databaseIntegration } from '../../../src-main/core/integrations/database/database-integration.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { databaseExecuteTool } from '../../../src-main/core/tools/builtin/database/database-execute.js';
import { DatabaseQueryParams, databaseQueryTool } from '../../../src-main/core/tools/builtin/database/database-query.js';
import { databaseTablesTool } from '../../../src-main/core/tools/builtin/database/database-tables.js';
import type { SecretStore } from '../../../src-main/core/ports.js';
import { freePort, type RunningServer } from '../../helpers/database-servers.js';
import { settingsWith, toolContext } from '../twilio/support.js';
import { APP_PASSWORD, APP_USER, DATABASE, HIRES_THIS_QUARTER, seedSqlite } from './support.js';

export interface Fixture {
  settings: Record<string, unknown>;
  secrets: () => SecretStore;
  /** Counts rows straight from the database, past Steward. */
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

const SLOW_QUERY: Record<DatabaseEngine, string> = {
  postgres: 'SELECT pg_sleep(20) AS slept',
  mysql: 'SELECT SLEEP(20) AS slept',
  sqlite: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) SELECT count(*) AS n FROM c',
};
const PLACEHOLDER: Record<DatabaseEngine, string> = { postgres: '$1', mysql: '?', sqlite: '?' };

export function serverFixture(engine: 'postgres' | 'mysql', server: RunningServer): Fixture {
  return {
    settings: { host: server.host, port: server.port, database: DATABASE, user: APP_USER, timeoutSeconds: 2, rowLimit: 50 },
    secrets: () => createMemorySecretStore({ [`${engine}.password`]: APP_PASSWORD }),
    async count(table) {
      if (engine === 'postgres') {
        const client = new pg.Client({ host: server.host, port: server.port, user: APP_USER, password: APP_PASSWORD, database: DATABASE });
        await client.connect();
        const n = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
        await client.end();
        return n;
      }
      const connection = await mysql.createConnection({ host: server.host, port: server.port, user: APP_USER, password: APP_PASSWORD, database: DATABASE });
      const [rows] = await connection.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${table}`);
      await connection.end();
      return Number(rows[0]!.n);
    },
    close: () => server.stop(),
  };
}

export function sqliteFixture(): Fixture {
  const file = seedSqlite();
  return {
    settings: { path: file, timeoutSeconds: 1, rowLimit: 50 },
    secrets: () => createMemorySecretStore(),
    async count(table) {
      const db = new Sqlite(file, { readonly: true });
      const n = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      db.close();
      return n;
    },
    async close() {
      rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<StewardError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'expected the call to be refused').toBeInstanceOf(StewardError);
  return err as StewardError;
}

export function suite(engine: DatabaseEngine, start: () => Promise<Fixture>) {
  let fx: Fixture;
  const ctx = (overrides: Record<string, unknown> = {}) => toolContext(settingsWith({ [engine]: { ...fx.settings, ...overrides } }), fx.secrets());
  const query = (sql: string, params: unknown[] = [], extra: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) => databaseQueryTool.execute(DatabaseQueryParams.parse({ sql, params, ...extra }), ctx(overrides));

  beforeAll(async () => {
    fx = await start();
  }, 120_000);
  afterAll(async () => fx?.close(), 60_000);

  it('tests the connection: logs in, names the server, changes nothing', async () => {
    const integration = databaseIntegration(engine);
    const context = { settings: settingsWith({ [engine]: fx.settings }), secrets: fx.secrets() };
    expect(await integration.setupProblem(context)).toBeNull();
    const result = await integration.test(context);
    expect(result.ok, result.message).toBe(true);
    expect(result.message).toMatch(engine === 'postgres' ? /PostgreSQL 1\d/ : engine === 'mysql' ? /MariaDB|MySQL/ : /SQLite 3\./);
    expect(result.message).toContain('read-only, at most 50 rows and 2 seconds'.replace('2 seconds', `${fx.settings.timeoutSeconds} seconds`));
  });

  it('lists the tables with their columns and types', async () => {
    const result = await databaseTablesTool.execute({ database: engine }, ctx());
    const employees = result.output.tables.find((t) => t.name === 'employees')!;
    expect(employees.columns.map((c) => c.name)).toEqual(['id', 'name', 'title', 'department', 'hired_on', 'salary']);
    expect(employees.columns.find((c) => c.name === 'hired_on')!.type.toLowerCase()).toMatch(/date|text/);
    expect(employees.columns.find((c) => c.name === 'name')!.nullable).toBe(false);
    expect(result.summary).toMatch(/has \d+ tables?: .*employees/);
    const one = await databaseTablesTool.execute({ table: 'EMPLOYEES' }, ctx());
    expect(one.output.tables.map((t) => t.name)).toEqual(['employees']);
  });

  it('answers "how many people did we hire this quarter?" from the database, with the SQL in the result', async () => {
    const result = await query(HIRES_THIS_QUARTER[engine]);
    expect(result.output.rows).toEqual([{ hires: 3 }]);
    expect(result.output.sql).toBe(HIRES_THIS_QUARTER[engine]);
    expect(result.summary).toContain(HIRES_THIS_QUARTER[engine].replace(/\s+/g, ' '));
    expect(result.summary).toMatch(/→ 1 row: hires = 3\.$/);
  });

  it('binds values as parameters: a quote in a value is data, not SQL', async () => {
    const sql = `SELECT name FROM employees WHERE department = ${PLACEHOLDER[engine]} ORDER BY name`;
    expect((await query(sql, ["Engineering' OR '1'='1"])).output.rows).toEqual([]);
    expect((await query(sql, ['Engineering'])).output.rows).toEqual([{ name: 'Ana Ruiz' }, { name: 'Dara Singh' }]);
  });

  it('returns no more rows than the limit and says more exist', async () => {
    const limited = await query('SELECT name FROM employees ORDER BY name', [], {}, { rowLimit: 2 });
    expect(limited.output.rows).toEqual([{ name: 'Ana Ruiz' }, { name: 'Ben Okafor' }]);
    expect(limited.output.truncated).toBe(true);
    expect(limited.summary).toContain('2 rows (the first 2; more exist)');
    // A call may ask for fewer rows than the connection allows, never more.
    expect((await query('SELECT name FROM employees', [], { maxRows: 3 })).output.rows).toHaveLength(3);
    expect((await query('SELECT name FROM employees', [], { maxRows: 500 }, { rowLimit: 4 })).output.rows).toHaveLength(4);
  });

  it('refuses SQL that writes, and more than one statement, through the read-only tool: nothing changes', async () => {
    const deleteAll = await refusal(query('DELETE FROM employees'));
    expect(deleteAll.userMessage).toMatch(/read-only query tool runs one .*starts with DELETE\. Nothing was run\. To change data, use "Change data in a database" \(database\.execute\)/);
    const smuggled = await refusal(query('SELECT 1; DROP TABLE employees'));
    expect(smuggled.userMessage).toMatch(/holds 2 statements .* Nothing was run/);
    const cte = await refusal(query('WITH gone AS (DELETE FROM employees RETURNING id) SELECT count(*) FROM gone'));
    expect(cte.userMessage).toMatch(/does not run SQL containing DELETE/);
    const into = await refusal(query('SELECT * INTO copy_of_employees FROM employees'));
    expect(into.userMessage).toMatch(/containing INTO/);
    // Hidden in a comment or a string it is not a statement at all, so it is fine to read.
    expect((await query("SELECT 'DROP TABLE employees; --' AS text /* DELETE */")).output.rows).toEqual([{ text: 'DROP TABLE employees; --' }]);
    expect(await fx.count('employees')).toBe(5);
  });

  if (engine !== 'sqlite') {
    it('the read-only transaction holds where the statement check sees nothing wrong (a function that writes)', async () => {
      const err = await refusal(query('SELECT bump() AS n'));
      expect(err.userMessage).toMatch(/refused to change data inside the read-only query\. Nothing was changed/);
      expect(await fx.count("counters WHERE n = 0")).toBe(1);
    });
  }

  if (engine !== 'sqlite') {
    it('a wrong password and a server that is down: clear errors, with where to fix them', async () => {
      const integration = databaseIntegration(engine);
      const place = engine === 'postgres' ? 'Integrations › PostgreSQL database' : 'Integrations › MySQL/MariaDB database';
      const wrong = { settings: settingsWith({ [engine]: fx.settings }), secrets: createMemorySecretStore({ [`${engine}.password`]: 'not-the-password' }) };
      const refused = await integration.test(wrong);
      expect(refused.ok).toBe(false);
      expect(refused.message).toBe(`The ${engine === 'postgres' ? 'PostgreSQL' : 'MySQL/MariaDB'} database "hr" at 127.0.0.1:${String(fx.settings.port)} refused user "steward": the password is wrong or the user may not log in from here. Enter the right password in ${place}. Nothing was changed.`);
      expect(refused.message).not.toContain('not-the-password');
      const viaTool = await refusal(databaseQueryTool.execute(DatabaseQueryParams.parse({ sql: 'SELECT 1 AS one' }), toolContext(wrong.settings, wrong.secrets)));
      expect(viaTool.code).toBe('unauthorized');

      const down = { ...fx.settings, port: await freePort() };
      const unreachable = await integration.test({ settings: settingsWith({ [engine]: down }), secrets: fx.secrets() });
      expect(unreachable.ok).toBe(false);
      expect(unreachable.message).toMatch(new RegExp(`Could not reach the .* \\(nothing is listening there\\)\\. Check that the server is running and that the host and port in ${place} are right\\. Nothing was changed\\.`));
      const noDb = await integration.test({ settings: settingsWith({ [engine]: { ...fx.settings, database: 'payroll' } }), secrets: fx.secrets() });
      expect(noDb.message).toMatch(/has no database "payroll"|may not use the database "payroll"/);
    });
  }

  it('stops a query that runs past the time limit, on the server, with what to do', async () => {
    const err = await refusal(query(SLOW_QUERY[engine]));
    expect(err.userMessage).toMatch(new RegExp(`ran past the ${fx.settings.timeoutSeconds}-second time limit and was stopped\\. Nothing was changed\\. Narrow it .* or raise the time limit in Integrations › ${engine === 'sqlite' ? 'SQLite' : engine === 'postgres' ? 'PostgreSQL' : 'MySQL/MariaDB'} database`));
    // The connection is still usable afterwards.
    expect((await query('SELECT count(*) AS n FROM employees')).output.rows[0]).toEqual({ n: 5 });
  }, 60_000);

  it('changes data only through database.execute, which asks every time and says it cannot be undone', async () => {
    expect(databaseExecuteTool.sideEffect).toBe('external');
    expect(databaseExecuteTool.defaultPermission).toBe('ask');
    expect(databaseExecuteTool.askEveryTime).toBe(true);
    expect(databaseExecuteTool.cannotUndo).toMatch(/cannot be undone/);
    const p = PLACEHOLDER[engine];
    const ph = (n: number) => (engine === 'postgres' ? `$${n}` : p);
    const params = DatabaseQueryParams.parse({ sql: `INSERT INTO employees (name, title, department, hired_on, salary) VALUES (${ph(1)}, ${ph(2)}, ${ph(3)}, ${ph(4)}, ${ph(5)})`, params: ['Dana Lee', 'Senior Engineer', 'Engineering', '2027-01-05', 150000] });
    const card = databaseExecuteTool.describe!({ database: engine, sql: params.sql, params: params.params });
    expect(card).toContain('INSERT INTO employees');
    expect(card).toContain('"Dana Lee"');
    const result = await databaseExecuteTool.execute({ database: engine, sql: params.sql, params: params.params }, ctx());
    expect(result.output.rowsAffected).toBe(1);
    expect(result.summary).toMatch(/→ 1 row affected\.$/);
    expect(await fx.count('employees')).toBe(6);
    const bad = await refusal(databaseExecuteTool.execute({ database: engine, sql: 'UPDATE no_such_table SET x = 1', params: [] }, ctx()));
    expect(bad.userMessage).toMatch(/refused the SQL: .*no_such_table.*Nothing was changed/);
    const two = await refusal(databaseExecuteTool.execute({ database: engine, sql: "DELETE FROM employees; DELETE FROM counters", params: [] }, ctx()));
    expect(two.userMessage).toMatch(/holds 2 statements/);
    expect(await fx.count('employees')).toBe(6);
    expect(await fx.count('counters')).toBe(1);
  });
}

