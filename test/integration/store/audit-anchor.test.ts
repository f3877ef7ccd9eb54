import { spawn } from 'node:child_process';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKeyAccount } from '../../../src-main/core/app.js';
import { resolvePaths } from '../../../src-main/core/paths.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

const WRITER = path.join(import.meta.dirname, 'support', 'audit-writer.ts');

/** Runs the writer, waits until it has acknowledged every write, then kills it like a power cut. */
async function writeThenKill(dataDir: string, key: string, writes: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER], {
    env: { ...process.env, STEWARD_TEST_DATA_DIR: dataDir, STEWARD_TEST_DB_KEY: key, STEWARD_TEST_WRITES: String(writes) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('idle\n')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('audit anchor outside the database', () => {
  const open: TestCore[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.dispose();
  });

  it('after a kill and a truncated WAL, verify reports how many recent rows are missing', async () => {
    const dataDir = tempDir();
    const first = await createTestCore({ dataDir });
    await first.core.request('conversations.create', { title: 'checkpointed before' });
    await first.core.close();
    const key = (await first.secrets.get(databaseKeyAccount('default')))!;
    const { databasePath, logFile } = resolvePaths(dataDir, 'default');

    await writeThenKill(dataDir, key, 22);
    // What a damaged disk or a careless copy does: the write-ahead log with the last writes is gone.
    truncateSync(`${databasePath}-wal`, 0);

    const again = await createTestCore({ dataDir, secrets: first.secrets });
    open.push(again);
    const titles = (await again.core.request('conversations.list', {})).map((c) => c.title);
    expect(titles).toEqual(['checkpointed before']); // the 22 acknowledged writes really are gone
    const verdict = await again.core.request('audit.verify', {});
    expect(verdict.ok).toBe(false);
    expect(verdict.problem).toMatch(/^22 recent rows are missing/);
    expect(verdict.firstBadSeq).toBe(2);
    // The start after the kill noticed the unclean shutdown and checked the database.
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(/did not shut down cleanly; integrity check: ok; audit chain: 22 recent rows are missing/);
  }, 60_000);

  it('a kill without damage verifies clean: every acknowledged write survives', async () => {
    const dataDir = tempDir();
    const first = await createTestCore({ dataDir });
    await first.core.close();
    const key = (await first.secrets.get(databaseKeyAccount('default')))!;
    await writeThenKill(dataDir, key, 5);
    const again = await createTestCore({ dataDir, secrets: first.secrets });
    open.push(again);
    expect(await again.core.request('conversations.list', {})).toHaveLength(5);
    expect(await again.core.request('audit.verify', {})).toEqual({ ok: true, checked: 5, firstBadSeq: null, problem: null });
  }, 60_000);

  it('refuses an anchor file that was edited', async () => {
    const t = await createTestCore();
    open.push(t);
    await t.core.request('conversations.create', { title: 'a' });
    await new Promise((resolve) => setImmediate(resolve));
    const anchorFile = `${t.core.paths.databasePath}.anchor`;
    const anchor = JSON.parse(readFileSync(anchorFile, 'utf8')) as { seq: number };
    writeFileSync(anchorFile, JSON.stringify({ ...anchor, seq: 1000 }));
    expect(await t.core.request('audit.verify', {})).toMatchObject({ ok: false, problem: expect.stringContaining('signature does not match') });
  });
});
