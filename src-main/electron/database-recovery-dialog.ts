import { dialog } from 'electron';
import path from 'node:path';
import type { SecretStore } from '../core/ports.js';
import type { StewardError } from '../core/errors.js';
import { salvageDatabase } from '../core/store/database-salvage.js';
import { setAsideDatabase } from '../core/store/database-set-aside.js';

export interface RecoveryTarget {
  databasePath: string;
  secrets: SecretStore;
  keyAccount: string;
}

/** Start-up failures where the user's database is there but cannot be used. */
export const RECOVERABLE_CODES = new Set(['database_empty', 'database_corrupt']);

/**
 * When the profile's database is empty or damaged, the app says what it found and offers the
 * ways out — never starting over on its own: save what can still be read (read-only), or, after
 * a second, explicit confirmation, start a new profile with the old file and key kept aside.
 * Returns 'retry' when a new profile should now be opened, 'quit' otherwise.
 */
export async function offerDatabaseRecovery(error: StewardError, target: RecoveryTarget): Promise<'retry' | 'quit'> {
  const choice = await dialog.showMessageBox({
    type: 'error',
    title: 'Steward cannot open your data',
    message: error.code === 'database_empty' ? 'Your Steward database is empty (0 bytes).' : 'Your Steward database is damaged.',
    detail: `${error.userMessage}\n\nIf you have a backup of steward.db, quit and put it back first.`,
    buttons: ['Quit', 'Save what can be read…', 'Start a new profile…'],
    defaultId: 0,
    cancelId: 0,
  });
  if (choice.response === 1) {
    const key = await target.secrets.get(target.keyAccount);
    if (!key) {
      await dialog.showMessageBox({ type: 'error', message: 'Nothing can be read: the database key is missing from the keychain.', buttons: ['Quit'] });
      return 'quit';
    }
    const out = path.join(path.dirname(target.databasePath), `salvaged-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const report = salvageDatabase(target.databasePath, key, out);
    const counts = Object.entries(report.rows).map(([table, n]) => `${table}: ${n}`).join(', ');
    await dialog.showMessageBox({
      type: 'info',
      message: 'Saved what could be read.',
      detail: `${out}\n${counts}${report.problems.length ? `\nCould not read: ${report.problems.join('; ')}` : ''}\n\nThe file is not encrypted (readable by your user only); keep it safe. The damaged database was not changed.`,
      buttons: ['Quit'],
    });
    return 'quit';
  }
  if (choice.response === 2) {
    const confirm = await dialog.showMessageBox({
      type: 'warning',
      message: 'Start a new, empty profile?',
      detail: `${target.databasePath} and its key are moved aside into a dated folder next to it; nothing is deleted, and they can be opened or salvaged later.`,
      buttons: ['Cancel', 'Move it aside and start new'],
      defaultId: 0,
      cancelId: 0,
    });
    if (confirm.response !== 1) return 'quit';
    await setAsideDatabase(target.databasePath, target.secrets, target.keyAccount);
    return 'retry';
  }
  return 'quit';
}
