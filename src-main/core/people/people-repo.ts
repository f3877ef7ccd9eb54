/** The people table: profiles with roles and departments, and the hashes that let them sign in. */
import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { Department, Person, Role } from './person.js';

interface Row {
  id: string;
  name: string;
  email: string;
  role: Role;
  departments: string;
  password_hash: string | null;
  token_hash: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

function toPerson(row: Row): Person {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    departments: JSON.parse(row.departments) as Department[],
    active: row.active === 1,
    canSignIn: row.password_hash !== null || row.token_hash !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class PeopleRepo {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  list(): Person[] {
    return (this.db.prepare("SELECT * FROM people ORDER BY role = 'owner' DESC, name COLLATE NOCASE").all() as Row[]).map(toPerson);
  }

  get(id: string): Person | null {
    const row = this.db.prepare('SELECT * FROM people WHERE id = ?').get(id) as Row | undefined;
    return row ? toPerson(row) : null;
  }

  byEmail(email: string): Person | null {
    const row = this.db.prepare('SELECT * FROM people WHERE email = ?').get(email.trim()) as Row | undefined;
    return row ? toPerson(row) : null;
  }

  owner(): Person | null {
    const row = this.db.prepare("SELECT * FROM people WHERE role = 'owner'").get() as Row | undefined;
    return row ? toPerson(row) : null;
  }

  passwordHash(id: string): string | null {
    return (this.db.prepare('SELECT password_hash FROM people WHERE id = ?').get(id) as { password_hash: string | null } | undefined)?.password_hash ?? null;
  }

  byTokenHash(hash: string): Person | null {
    const row = this.db.prepare('SELECT * FROM people WHERE token_hash = ?').get(hash) as Row | undefined;
    return row ? toPerson(row) : null;
  }

  insert(person: { name: string; email: string; role: Role; departments: Department[] }): Person {
    const at = this.now().toISOString();
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO people (id, name, email, role, departments, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, person.name, person.email, person.role, JSON.stringify(person.departments), at, at);
    return this.get(id)!;
  }

  update(id: string, patch: Partial<{ name: string; email: string; role: Role; departments: Department[]; active: boolean; passwordHash: string | null; tokenHash: string | null }>): Person {
    const sets: string[] = [];
    const values: unknown[] = [];
    const put = (column: string, value: unknown) => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (patch.name !== undefined) put('name', patch.name);
    if (patch.email !== undefined) put('email', patch.email);
    if (patch.role !== undefined) put('role', patch.role);
    if (patch.departments !== undefined) put('departments', JSON.stringify(patch.departments));
    if (patch.active !== undefined) put('active', patch.active ? 1 : 0);
    if (patch.passwordHash !== undefined) put('password_hash', patch.passwordHash);
    if (patch.tokenHash !== undefined) put('token_hash', patch.tokenHash);
    put('updated_at', this.now().toISOString());
    this.db.prepare(`UPDATE people SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
    return this.get(id)!;
  }
}
