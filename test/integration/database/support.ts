/**
 * The same small HR database on every engine: employees hired this quarter and last, a counter a
 * function bumps (to prove the read-only transaction holds even where the statement check sees
 * nothing wrong), and a login user "steward" with a password, for the connectors to use.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { RunningServer } from '../../helpers/database-servers.js';

export const APP_USER = 'steward';
export const APP_PASSWORD = 'hr-reader-pw';
export const DATABASE = 'hr';

/** Dates relative to today, so "this quarter" always has the same three hires. */
export function hrDates(now = new Date()): { thisQuarter: string[]; lastQuarter: string[]; quarterStart: string } {
  const quarterStart = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
  const day = (offset: number) => new Date(quarterStart.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return { thisQuarter: [day(0), day(1), day(2)], lastQuarter: [day(-10), day(-40)], quarterStart: day(0) };
}

export function employeeRows(): [string, string, string, string, number][] {
  const d = hrDates();
  return [
    ['Ana Ruiz', 'Engineer', 'Engineering', d.thisQuarter[0]!, 120000],
    ['Ben Okafor', 'Designer', 'Design', d.thisQuarter[1]!, 95000],
    ['Chen Wu', 'Recruiter', 'HR', d.thisQuarter[2]!, 70000],
    ['Dara Singh', 'Engineer', 'Engineering', d.lastQuarter[0]!, 125000],
    ['Eli Novak', 'Accountant', 'Finance', d.lastQuarter[1]!, 80000],
  ];
}

export async function seedPostgres(server: RunningServer): Promise<void> {
  const admin = new pg.Client({ host: server.host, port: server.port, user: server.adminUser, password: server.adminPassword, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE ROLE ${APP_USER} LOGIN PASSWORD '${APP_PASSWORD}'`);
  await admin.query(`CREATE DATABASE ${DATABASE} OWNER ${APP_USER}`);
  await admin.end();
  const app = new pg.Client({ host: server.host, port: server.port, user: APP_USER, password: APP_PASSWORD, database: DATABASE });
  await app.connect();
  await app.query('CREATE TABLE employees (id serial PRIMARY KEY, name text NOT NULL, title text, department text, hired_on date NOT NULL, salary integer)');
  for (const row of employeeRows()) await app.query('INSERT INTO employees (name, title, department, hired_on, salary) VALUES ($1, $2, $3, $4, $5)', row);
  await app.query('CREATE TABLE counters (name text PRIMARY KEY, n integer NOT NULL)');
  await app.query("INSERT INTO counters VALUES ('bumps', 0)");
  await app.query("CREATE FUNCTION bump() RETURNS integer LANGUAGE sql AS $$ UPDATE counters SET n = n + 1 WHERE name = 'bumps' RETURNING n $$");
  await app.end();
}

export async function seedMariadb(server: RunningServer): Promise<void> {
  const admin = await mysql.createConnection({ host: server.host, port: server.port, user: server.adminUser, password: server.adminPassword });
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.query(`CREATE USER '${APP_USER}'@'127.0.0.1' IDENTIFIED BY '${APP_PASSWORD}'`);
  await admin.query(`GRANT ALL ON ${DATABASE}.* TO '${APP_USER}'@'127.0.0.1'`);
  await admin.query(`USE ${DATABASE}`);
  await admin.query('CREATE TABLE employees (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, title VARCHAR(100), department VARCHAR(100), hired_on DATE NOT NULL, salary INT) ENGINE=InnoDB');
  for (const row of employeeRows()) await admin.query('INSERT INTO employees (name, title, department, hired_on, salary) VALUES (?, ?, ?, ?, ?)', row);
  await admin.query('CREATE TABLE counters (name VARCHAR(20) PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB');
  await admin.query("INSERT INTO counters VALUES ('bumps', 0)");
  await admin.query("CREATE FUNCTION bump() RETURNS INT MODIFIES SQL DATA BEGIN UPDATE counters SET n = n + 1 WHERE name = 'bumps'; RETURN 1; END");
  await admin.end();
}

export function seedSqlite(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'steward-sqlite-')), 'company.db');
  const db = new Sqlite(file);
  db.exec('CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, title TEXT, department TEXT, hired_on TEXT NOT NULL, salary INTEGER)');
  const insert = db.prepare('INSERT INTO employees (name, title, department, hired_on, salary) VALUES (?, ?, ?, ?, ?)');
  for (const row of employeeRows()) insert.run(...row);
  db.exec("CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO counters VALUES ('bumps', 0); CREATE VIEW engineers AS SELECT name FROM employees WHERE department = 'Engineering';");
  db.close();
  return file;
}

/** "How many people did we hire this quarter?" in each engine's SQL. */
export const HIRES_THIS_QUARTER = {
  postgres: "SELECT count(*)::int AS hires FROM employees WHERE hired_on >= date_trunc('quarter', current_date)",
  mysql: 'SELECT COUNT(*) AS hires FROM employees WHERE hired_on >= MAKEDATE(YEAR(CURDATE()), 1) + INTERVAL QUARTER(CURDATE()) - 1 QUARTER',
  sqlite: "SELECT count(*) AS hires FROM employees WHERE hired_on >= date('now', 'start of month', printf('-%d months', (cast(strftime('%m', 'now') as integer) - 1) % 3))",
} as const;
