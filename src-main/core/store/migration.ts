import { createHash } from 'node:crypto';
import type { SqliteDatabase as Database } from './sqlite.js';

/**
 * A forward-only schema step. Once released, a migration is never edited: the test suite pins the
 * checksum of each one's SQL and migrates a copy of every earlier schema to the latest.
 */
export interface Migration {
  version: number;
  name: string;
  /** Plain SQL keeps migrations reviewable and lets the checksum pin them. */
  sql: string;
}

export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex').slice(0, 16);
}

export function currentSchemaVersion(db: Database): number {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasTable) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies every migration newer than the database, each in its own transaction. Returns the versions crossed. */
export function applyMigrations(db: Database, migrations: readonly Migration[], now: () => Date): { from: number; to: number } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const from = currentSchemaVersion(db);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  let to = from;
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migrationChecksum(migration), now().toISOString());
    })();
    to = migration.version;
  }
  return { from, to };
}
