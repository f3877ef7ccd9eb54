import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKeyAccount } from '../../../src-main/core/app.js';
import { resolvePaths } from '../../../src-main/core/paths.js';
import { setAsideDatabase } from '../../../src-main/core/store/database-set-aside.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('data safety of the profile database', () => {
  const open: TestCore[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.dispose();
  });

  it('never replaces a 0-byte steward.db with an empty profile; says what it found and how to recover', async () => {
    const dataDir = tempDir();
    const first = await createTestCore({ dataDir });
    await first.core.request('chat.send', { text: 'one of 300 conversations' });
    await first.core.conversations.idle();
    await first.core.close();
    const { databasePath } = resolvePaths(dataDir, 'default');
    truncateSync(databasePath, 0);

    const error = (await createTestCore({ dataDir, secrets: first.secrets }).catch((e: unknown) => e)) as { code: string; userMessage: string };
    expect(error).toMatchObject({ code: 'database_empty' });
    expect(error.userMessage).toContain(databasePath);
    expect(error.userMessage).toMatch(/empty \(0 bytes\)/);
    expect(error.userMessage).toMatch(/backup/);
    expect(error.userMessage).toContain('npm run serve -- --start-new-profile');
    // Still the same empty file: nothing was created over it.
    expect(statSync(databasePath).size).toBe(0);
    expect(await first.secrets.get(databaseKeyAccount('default'))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('"start a new profile" keeps the old file and its key aside, then opens an empty profile', async () => {
    const dataDir = tempDir();
    const first = await createTestCore({ dataDir });
    await first.core.request('conversations.create', { title: 'Q3 plan' });
    await first.core.close();
    const { databasePath, profileDir } = resolvePaths(dataDir, 'default');
    const oldBytes = readFileSync(databasePath);
    const oldKey = await first.secrets.get(databaseKeyAccount('default'));

    const moved = await setAsideDatabase(databasePath, first.secrets, databaseKeyAccount('default'), new Date('2026-03-01T10:00:00Z'));
    expect(moved.folder).toBe(path.join(profileDir, 'set-aside-2026-03-01T10-00-00-000Z'));
    expect(readFileSync(path.join(moved.folder, 'steward.db')).equals(oldBytes)).toBe(true);
    expect(await first.secrets.get(moved.keyAccount!)).toBe(oldKey);
    expect(await first.secrets.get(databaseKeyAccount('default'))).toBeNull();

    const fresh = await createTestCore({ dataDir, secrets: first.secrets });
    open.push(fresh);
    expect(await fresh.core.request('conversations.list', {})).toEqual([]);
  });

  it('creates steward.db, its side files and the log owner-only (mode 600)', async () => {
    const t = await createTestCore();
    open.push(t);
    await t.core.request('conversations.create', { title: 'private' });
    await new Promise((resolve) => setImmediate(resolve)); // the anchor is written once the request's batch committed
    const { databasePath, logFile } = t.core.paths;
    expect(mode(databasePath)).toBe(0o600);
    expect(mode(`${databasePath}-wal`)).toBe(0o600);
    expect(mode(`${databasePath}.json`)).toBe(0o600);
    expect(mode(`${databasePath}.anchor`)).toBe(0o600);
    expect(mode(logFile)).toBe(0o600);
    expect(mode(path.dirname(databasePath)) & 0o077).toBe(0);
  });

  it('reports a full disk as a full disk (free space), not as a damaged database, and saves nothing', async () => {
    const t = await createTestCore();
    open.push(t);
    await t.core.request('conversations.create', { title: 'before' });
    // SQLite's own page limit produces the same SQLITE_FULL a full disk does.
    const pages = t.core.db.raw.pragma('page_count', { simple: true }) as number;
    t.core.db.raw.pragma(`max_page_count = ${pages}`);
    const error = (await t.core.request('chat.send', { text: 'x'.repeat(90_000) }).catch((e: unknown) => e)) as { code: string; userMessage: string };
    expect(error).toMatchObject({ code: 'disk_full' });
    expect(error.userMessage).toContain(t.core.paths.profileDir);
    expect(error.userMessage).toMatch(/is full.*Free some space/);
    expect(error.userMessage).not.toMatch(/is damaged|restore|backup|Something went wrong/i);
    expect((await t.core.request('conversations.list', {})).map((c) => c.title)).toEqual(['before']);
    // The log says what happened, for whoever looks later.
    expect(readFileSync(t.core.paths.logFile, 'utf8')).toContain('is full, so Steward cannot save');
  });

  it.skipIf(process.platform !== 'linux')('reports a data folder it may not write to by path, with what to do', async () => {
    // /sys refuses new folders even to root, like a read-only or foreign-owned data folder.
    const dataDir = `/sys/steward-test-${process.pid}`;
    const error = (await createTestCore({ dataDir }).catch((e: unknown) => e)) as { code: string; userMessage: string };
    expect(error).toMatchObject({ code: 'folder_not_writable' });
    expect(error.userMessage).toContain(dataDir);
    expect(error.userMessage).toMatch(/write permission|STEWARD_HOME/);
    expect(error.userMessage).not.toMatch(/Something went wrong/);
  });

  it('leaves no half-made database behind when the first open of a new profile fails', async () => {
    const dataDir = tempDir();
    const { databasePath } = resolvePaths(dataDir, 'default');
    const failing = { ...(await import('../../../src-main/core/security/memory-secret-store.js')).createMemorySecretStore(), get: async () => 'not-a-hex-key' };
    await expect(createTestCore({ dataDir, secrets: failing })).rejects.toMatchObject({ code: 'cannot_unlock' });
    expect(existsSync(databasePath)).toBe(false);
    // And the next start with a working keychain creates the profile normally.
    const t = await createTestCore({ dataDir });
    open.push(t);
    expect(readdirSync(path.dirname(databasePath))).toContain('steward.db');
    writeFileSync(path.join(dataDir, 'marker'), 'ok');
  });
});
