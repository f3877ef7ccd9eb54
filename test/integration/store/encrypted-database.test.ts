import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKeyAccount } from '../../../src-main/core/app.js';
import { Sqlite } from '../../../src-main/core/store/sqlite.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { resolvePaths } from '../../../src-main/core/paths.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

const SECRET_TEXT = 'Quarterly numbers for Zanzibar Holdings: revenue 4,812,337';
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('encrypted profile database', () => {
  const open: TestCore[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.dispose();
  });

  it('keeps no plaintext of a stored message anywhere on disk (database and WAL)', async () => {
    const t = await createTestCore();
    open.push(t);
    await t.core.request('chat.send', { text: SECRET_TEXT });
    await t.core.conversations.idle();
    const { databasePath } = t.core.paths;
    const needle = Buffer.from('Zanzibar Holdings');
    for (const file of [databasePath, `${databasePath}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(needle), `${file} contains plaintext`).toBe(false);
    }
    // And the text really is stored: it comes back after a reopen.
    const dataDir = t.dataDir;
    await t.core.close();
    const again = await createTestCore({ dataDir, secrets: t.secrets });
    open.push(again);
    const [conversation] = await again.core.request('conversations.list', {});
    const messages = await again.core.request('messages.list', { conversationId: conversation!.id });
    expect(messages[0]?.text).toBe(SECRET_TEXT);
  });

  it('uses WAL, in-memory temp store and loads sqlite-vec', async () => {
    const t = await createTestCore();
    open.push(t);
    const raw = t.core.db.raw;
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('temp_store', { simple: true })).toBe(2);
    expect((raw.prepare('SELECT vec_version() AS v').get() as { v: string }).v).toMatch(/^v0\./);
    const distance = raw.prepare("SELECT vec_distance_l2('[1,2]', '[1,5]') AS d").get() as { d: number };
    expect(distance.d).toBeCloseTo(3);
  });

  it('refuses an unencrypted (foreign) SQLite file by name and leaves it untouched', async () => {
    const dataDir = tempDir();
    const paths = resolvePaths(dataDir, 'default');
    const first = await createTestCore({ dataDir });
    await first.core.close();
    const plain = new Sqlite(`${dataDir}/plain.db`);
    plain.exec("CREATE TABLE notes(x); INSERT INTO notes VALUES ('hello');");
    plain.close();
    writeFileSync(paths.databasePath, readFileSync(`${dataDir}/plain.db`));
    const before = sha(paths.databasePath);
    await expect(createTestCore({ dataDir, secrets: first.secrets })).rejects.toMatchObject({
      code: 'database_foreign',
      userMessage: expect.stringContaining(paths.databasePath),
    });
    expect(sha(paths.databasePath)).toBe(before);
  });

  it('reports a damaged file with how to recover, never overwriting it', async () => {
    const dataDir = tempDir();
    const t = await createTestCore({ dataDir });
    await t.core.request('chat.send', { text: 'keep me' });
    await t.core.close();
    const { databasePath } = resolvePaths(dataDir, 'default');
    const bytes = readFileSync(databasePath);
    bytes.fill(0x41, 0, 4096); // scribble over the first page
    writeFileSync(databasePath, bytes);
    const before = sha(databasePath);
    const error = await createTestCore({ dataDir, secrets: t.secrets }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'database_corrupt' });
    expect((error as Error).message).toContain(databasePath);
    expect((error as { userMessage: string }).userMessage).toMatch(/backup/);
    expect(sha(databasePath)).toBe(before);
  });

  it('says "cannot unlock" when the keychain entry is missing, and recreates nothing', async () => {
    const dataDir = tempDir();
    const t = await createTestCore({ dataDir });
    await t.core.close();
    const { databasePath } = resolvePaths(dataDir, 'default');
    const before = sha(databasePath);
    const emptyKeychain = createMemorySecretStore();
    await expect(createTestCore({ dataDir, secrets: emptyKeychain })).rejects.toMatchObject({
      code: 'cannot_unlock',
      userMessage: expect.stringMatching(/Cannot unlock .*missing from the OS keychain.*Nothing was recreated/),
    });
    expect(sha(databasePath)).toBe(before);
    expect(await emptyKeychain.get(databaseKeyAccount('default'))).toBeNull();
  });

  it('says "cannot unlock" with a wrong key and leaves the file as it was', async () => {
    const dataDir = tempDir();
    const t = await createTestCore({ dataDir });
    await t.core.close();
    const { databasePath } = resolvePaths(dataDir, 'default');
    const before = sha(databasePath);
    const wrong = createMemorySecretStore({ [databaseKeyAccount('default')]: 'ab'.repeat(32) });
    await expect(createTestCore({ dataDir, secrets: wrong })).rejects.toMatchObject({
      code: 'cannot_unlock',
      userMessage: expect.stringContaining('does not open it'),
    });
    expect(sha(databasePath)).toBe(before);
  });

  it('marks a reply that was streaming when the process died as interrupted', async () => {
    const dataDir = tempDir();
    const t = await createTestCore({ dataDir });
    const conversation = await t.core.request('conversations.create', { title: 'crash' });
    t.core.conversations.repo.addMessage({ conversationId: conversation.id, role: 'assistant', agent: null, text: 'half a rep', status: 'streaming' });
    t.core.db.close(); // simulate a kill: no orderly shutdown of the turn
    const again = await createTestCore({ dataDir, secrets: t.secrets });
    open.push(again);
    const [message] = await again.core.request('messages.list', { conversationId: conversation.id });
    expect(message).toMatchObject({ status: 'error', text: expect.stringContaining('Interrupted') });
  });
});
