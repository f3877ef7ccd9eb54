/**
 * The demo company's own database: a plain (unencrypted — it is the company's file, not
 * Steward's) SQLite file with its staff and hires, so "How many people did we hire this quarter?"
 * has something to answer from once it is connected. Written once; an existing file is kept.
 */
import { existsSync } from 'node:fs';
import { Sqlite } from '../store/sqlite.js';
import { DEMO_PEOPLE, departmentLabel } from './demo-company.js';

export const SAMPLE_DATABASE_FILE = 'acme-company.sqlite';

/** Hires spread over the last two years, so "this quarter" and "this year" both have answers. */
const EARLIER_HIRES = [
  { name: 'Ivy Chen', jobTitle: 'QA Engineer', department: 'engineering', monthsAgo: 20, salary: 105_000 },
  { name: 'Marco Rossi', jobTitle: 'Accountant', department: 'finance', monthsAgo: 14, salary: 88_000 },
  { name: 'Aisha Bello', jobTitle: 'Recruiter', department: 'hr', monthsAgo: 7, salary: 82_000 },
  { name: 'Tom Becker', jobTitle: 'Site Reliability Engineer', department: 'engineering', monthsAgo: 2, salary: 140_000 },
  { name: 'Nina Petrova', jobTitle: 'Buyer', department: 'operations', monthsAgo: 1, salary: 76_000 },
] as const;

export function createSampleDatabase(file: string, today: Date = new Date()): { created: boolean } {
  if (existsSync(file)) return { created: false };
  const db = new Sqlite(file);
  try {
    db.exec(`
      CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
      CREATE TABLE employees (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT,
        job_title TEXT NOT NULL,
        department_id INTEGER NOT NULL REFERENCES departments(id),
        hired_on TEXT NOT NULL,
        salary_usd INTEGER NOT NULL
      );
    `);
    const departments = new Map<string, number>();
    const addDepartment = db.prepare('INSERT INTO departments (name) VALUES (?)');
    for (const name of ['Leadership', 'HR', 'Finance', 'Engineering', 'Operations']) departments.set(name, Number(addDepartment.run(name).lastInsertRowid));
    const addEmployee = db.prepare('INSERT INTO employees (name, email, job_title, department_id, hired_on, salary_usd) VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (const p of DEMO_PEOPLE) addEmployee.run(p.name, p.email, p.jobTitle, departments.get(departmentLabel(p.department)), p.hireDate, p.salary);
      for (const h of EARLIER_HIRES) {
        const hired = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - h.monthsAgo, 15));
        const email = `${h.name.split(' ')[0]!.toLowerCase()}@acme.test`;
        addEmployee.run(h.name, email, h.jobTitle, departments.get(departmentLabel(h.department)), hired.toISOString().slice(0, 10), h.salary);
      }
    })();
  } finally {
    db.close();
  }
  return { created: true };
}
