import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/store/database.js';
import { applyMigrations, currentSchemaVersion, migrationChecksum } from '../../../src-main/core/store/migration.js';
import { MIGRATIONS } from '../../../src-main/core/store/migrations/index.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { MIGRATION_SEEDS } from '../../fixtures/migration-seeds.js';
import { tempDir } from '../../helpers/test-core.js';

const pinned = JSON.parse(readFileSync(new URL('../../fixtures/migration-checksums.json', import.meta.url), 'utf8')) as Record<string, string>;
const latest = Math.max(...MIGRATIONS.map((m) => m.version));

async function openAt(version: number, dir = tempDir()) {
  const secrets = createMemorySecretStore();
  const db = await openDatabase({
    path: path.join(dir, 'db.sqlite'),
    infoPath: path.join(dir, 'db.json'),
    secrets,
    keyAccount: 'k',
    migrations: MIGRATIONS.filter((m) => m.version <= version),
  });
  return { db, dir, secrets };
}

describe('forward-only migrations', () => {
  it('never edits a released migration (checksums are pinned)', () => {
    for (const migration of MIGRATIONS) {
      const key = String(migration.version);
      expect(pinned[key], `pin the checksum of migration ${key} in test/fixtures/migration-checksums.json`).toBeDefined();
      expect(migrationChecksum(migration), `migration ${key} was edited after release; add a new migration instead`).toBe(pinned[key]);
    }
  });

  it('numbers migrations 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1));
  });

  for (let version = 0; version < latest; version += 1) {
    it(`migrates a copy of the schema at version ${version} to ${latest}, keeping its data`, async () => {
      const { db, dir, secrets } = await openAt(version);
      const seeds = MIGRATION_SEEDS.filter((s) => s.version <= version && version <= (s.lastVersion ?? Infinity));
      for (const seed of seeds) db.raw.exec(seed.insert);
      db.close();
      const reopened = await openDatabase({ path: path.join(dir, 'db.sqlite'), infoPath: path.join(dir, 'db.json'), secrets, keyAccount: 'k' });
      expect(currentSchemaVersion(reopened.raw)).toBe(latest);
      for (const seed of seeds) expect(reopened.raw.prepare(seed.check).get(), `data seeded at v${seed.version}`).toBeTruthy();
      reopened.close();
    });
  }

  it('refuses a database written by a newer Steward without touching it', async () => {
    const { db, dir, secrets } = await openAt(latest);
    db.raw.prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, 'future', 'x', 'now')").run(latest + 1);
    db.close();
    await expect(
      openDatabase({ path: path.join(dir, 'db.sqlite'), infoPath: path.join(dir, 'db.json'), secrets, keyAccount: 'k' }),
    ).rejects.toMatchObject({ code: 'conflict', userMessage: expect.stringContaining('newer Steward') });
  });

  it('applies each migration at most once', async () => {
    const { db } = await openAt(latest);
    expect(applyMigrations(db.raw, MIGRATIONS, () => new Date())).toEqual({ from: latest, to: latest });
    db.close();
  });
});
