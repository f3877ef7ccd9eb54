import { existsSync, readFileSync, readdirSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { calls, resetFakeElectron } from './fake-electron.js';
import { databaseKeyAccount } from '../../../src-main/core/app.js';
import { toStewardError } from '../../../src-main/core/errors.js';
import { resolvePaths } from '../../../src-main/core/paths.js';
import { offerDatabaseRecovery } from '../../../src-main/electron/database-recovery-dialog.js';
import { createTestCore, tempDir } from '../../helpers/test-core.js';

/** A profile whose database was truncated to 0 bytes, and the error opening it gives. */
async function emptiedProfile() {
  const dataDir = tempDir();
  const first = await createTestCore({ dataDir });
  await first.core.request('conversations.create', { title: 'kept' });
  await first.core.close();
  const { databasePath, profileDir } = resolvePaths(dataDir, 'default');
  truncateSync(databasePath, 0);
  const error = toStewardError(await createTestCore({ dataDir, secrets: first.secrets }).catch((e: unknown) => e));
  return { dataDir, databasePath, profileDir, secrets: first.secrets, error, target: { databasePath, secrets: first.secrets, keyAccount: databaseKeyAccount('default') } };
}

beforeEach(() => resetFakeElectron());

describe('desktop app: an empty or damaged database', () => {
  it('says what it found and offers the ways out; Quit changes nothing', async () => {
    const p = await emptiedProfile();
    calls.messageBoxAnswers.push(0);
    expect(await offerDatabaseRecovery(p.error, p.target)).toBe('quit');
    expect(calls.messageBoxes[0]).toMatchObject({ message: 'Your Steward database is empty (0 bytes).', buttons: ['Quit', 'Save what can be read…', 'Start a new profile…'] });
    expect(calls.messageBoxes[0]?.detail).toContain(p.databasePath);
    expect(readdirSync(p.profileDir)).not.toContain(expect.stringMatching(/^set-aside-/));
  });

  it('starts a new profile only after a second confirmation, keeping the old file aside', async () => {
    const p = await emptiedProfile();
    calls.messageBoxAnswers.push(2, 0); // "Start a new profile…", then "Cancel"
    expect(await offerDatabaseRecovery(p.error, p.target)).toBe('quit');
    expect(existsSync(p.databasePath)).toBe(true);

    calls.messageBoxAnswers.push(2, 1); // then confirmed
    expect(await offerDatabaseRecovery(p.error, p.target)).toBe('retry');
    const aside = readdirSync(p.profileDir).find((f) => f.startsWith('set-aside-'))!;
    expect(readFileSync(path.join(p.profileDir, aside, 'steward.db')).length).toBe(0);
    const fresh = await createTestCore({ dataDir: p.dataDir, secrets: p.secrets });
    expect(await fresh.core.request('conversations.list', {})).toEqual([]);
    await fresh.dispose();
  });

  it('"Save what can be read" writes the salvage file and leaves the database as it was', async () => {
    const p = await emptiedProfile();
    calls.messageBoxAnswers.push(1, 0);
    expect(await offerDatabaseRecovery(p.error, p.target)).toBe('quit');
    expect(calls.messageBoxes[1]).toMatchObject({ message: 'Saved what could be read.' });
    expect(readdirSync(p.profileDir).some((f) => /^salvaged-.*\.json$/.test(f))).toBe(true);
    expect(existsSync(p.databasePath)).toBe(true);
  });
});
