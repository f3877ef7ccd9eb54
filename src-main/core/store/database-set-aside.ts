import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../ports.js';

export interface SetAsideResult {
  /** Folder now holding the old database and its side files. */
  folder: string;
  /** Keychain account now holding the old database's key (null when it had none). */
  keyAccount: string | null;
}

const SIDE_FILES = ['', '-wal', '-shm', '.json', '.anchor', '.running'];

/**
 * "Start a new profile" after the database could not be opened: nothing is deleted. The old file
 * and its side files move to a dated folder beside it, and its key moves to a dated keychain
 * entry, so the old database can still be opened (or handed to a recovery tool) later.
 * Only ever called after the owner confirmed it.
 */
export async function setAsideDatabase(databasePath: string, secrets: SecretStore, keyAccount: string, now: Date = new Date()): Promise<SetAsideResult> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const folder = path.join(path.dirname(databasePath), `set-aside-${stamp}`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const base = path.basename(databasePath);
  for (const suffix of SIDE_FILES) {
    const from = `${databasePath}${suffix}`;
    if (existsSync(from)) renameSync(from, path.join(folder, `${base}${suffix}`));
  }
  const key = await secrets.get(keyAccount);
  let movedTo: string | null = null;
  if (key) {
    movedTo = `${keyAccount}@${stamp}`;
    // Saved under the new name before the old one is removed: a failure in between loses nothing.
    await secrets.set(movedTo, key);
    await secrets.delete(keyAccount);
  }
  return { folder, keyAccount: movedTo };
}
