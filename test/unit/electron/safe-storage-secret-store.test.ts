import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { resetFakeElectron, safeStorage } from './fake-electron.js';
import { createSafeStorageSecretStore, SAFE_STORAGE_FILE } from '../../../src-main/electron/safe-storage-secret-store.js';
import { StewardError } from '../../../src-main/core/errors.js';

let dir: string;
beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(path.join(os.tmpdir(), 'steward-safe-storage-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'sk-live-0123456789abcdef0123456789abcdef';

describe('safeStorage secret store', () => {
  it('round-trips a secret and keeps only ciphertext on disk', async () => {
    const store = createSafeStorageSecretStore(dir, 'linux');
    await store.set('db-key:default', SECRET);
    expect(await store.get('db-key:default')).toBe(SECRET);
    expect(await store.get('missing')).toBeNull();
    const file = readFileSync(path.join(dir, SAFE_STORAGE_FILE), 'utf8');
    expect(file).not.toContain(SECRET);
    expect(JSON.parse(file).entries['db-key:default']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await store.delete('db-key:default')).toBe(true);
    expect(await store.get('db-key:default')).toBeNull();
  });

  it('refuses to store anything when encryption is unavailable, and status says how to fix it', async () => {
    safeStorage.available = false;
    const store = createSafeStorageSecretStore(dir, 'linux');
    const status = await store.status();
    expect(status.available).toBe(false);
    expect(status.message).toMatch(/GNOME Keyring or KWallet/);
    await expect(store.set('db-key:default', SECRET)).rejects.toMatchObject({ code: 'keychain_unavailable' });
    await expect(store.get('db-key:default')).rejects.toBeInstanceOf(StewardError);
    expect(existsSync(path.join(dir, SAFE_STORAGE_FILE))).toBe(false);
  });

  it("treats Linux's basic_text fallback (a built-in key) as unavailable — no disguised plaintext", async () => {
    safeStorage.backend = 'basic_text';
    const store = createSafeStorageSecretStore(dir, 'linux');
    expect(await store.status()).toMatchObject({ backend: 'electron-safe-storage', available: false });
    expect((await store.status()).message).toMatch(/built-in key/);
    await expect(store.set('k', SECRET)).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(existsSync(path.join(dir, SAFE_STORAGE_FILE))).toBe(false);
  });

  it('reports available with no message when encryption works', async () => {
    expect(await createSafeStorageSecretStore(dir, 'darwin').status()).toEqual({ backend: 'electron-safe-storage', available: true, message: null });
  });

  it('a damaged secrets file is reported by name and left untouched', async () => {
    const file = path.join(dir, SAFE_STORAGE_FILE);
    writeFileSync(file, '{ not json');
    const store = createSafeStorageSecretStore(dir, 'linux');
    const err = await store.set('k', SECRET).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StewardError);
    expect((err as StewardError).userMessage).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('{ not json');
  });

  it('an entry that cannot be decrypted (another account’s key) gives cannot_unlock, not null', async () => {
    writeFileSync(path.join(dir, SAFE_STORAGE_FILE), JSON.stringify({ version: 1, entries: { 'db-key:default': Buffer.from([0, 1, 2]).toString('base64') } }));
    const store = createSafeStorageSecretStore(dir, 'linux');
    await expect(store.get('db-key:default')).rejects.toMatchObject({ code: 'cannot_unlock' });
  });
});
