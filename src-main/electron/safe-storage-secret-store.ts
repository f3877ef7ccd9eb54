import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { z } from 'zod';
import type { KeychainStatus } from '../../src-preload/contract.js';
import { StewardError } from '../core/errors.js';
import type { SecretStore } from '../core/ports.js';
import { registerSecret } from '../core/security/redaction.js';

/** File name, under the profile directory, of the encrypted secrets. */
export const SAFE_STORAGE_FILE = 'secrets.safe-storage.json';

const SecretsFileSchema = z.object({
  version: z.literal(1),
  /** account -> base64 of safeStorage.encryptString(secret). Never plaintext. */
  entries: z.record(z.string(), z.string()),
});
type SecretsFile = z.infer<typeof SecretsFileSchema>;

/**
 * Why safeStorage cannot protect secrets here, or null when it can. On Linux Chromium falls back
 * to a hard-coded key ("basic_text") when no Secret Service or KWallet is running; that is
 * obfuscation, not encryption, so it counts as unavailable.
 */
export function safeStorageProblem(platform: NodeJS.Platform = process.platform): string | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return platform === 'linux'
      ? 'Electron safe storage has no keyring to encrypt with. Start GNOME Keyring or KWallet in your desktop session and unlock it, then restart Steward.'
      : platform === 'darwin'
        ? 'Electron safe storage cannot reach your login keychain. Unlock it in Keychain Access, then restart Steward.'
        : 'Electron safe storage cannot use Windows data protection for your account. Sign in to Windows normally (not as a temporary profile), then restart Steward.';
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return 'Electron safe storage fell back to a built-in key (no GNOME Keyring or KWallet found), which does not protect secrets. Start a keyring in your desktop session, or launch with --password-store=gnome-libsecret, then restart Steward.';
  }
  return null;
}

export class SafeStorageUnavailableError extends StewardError {
  constructor(problem: string) {
    super('keychain_unavailable', `Steward will not store secrets: ${problem}`);
  }
}

export class SecretsFileUnreadableError extends StewardError {
  constructor(file: string, reason: string, cause?: unknown) {
    super(
      'cannot_unlock',
      `The secrets file ${file} cannot be read (${reason}). It was left untouched; restore it from a backup, or move it aside to start over (saved keys will need re-entering and the existing database cannot be unlocked without its key).`,
      { cause },
    );
  }
}

/**
 * SecretStore over Electron safeStorage (OS-backed encryption: Keychain, DPAPI, libsecret/KWallet):
 * ciphertext lives, base64-encoded, in a JSON file in the profile directory. Refuses to read or
 * write anything when safeStorage cannot really encrypt — there is no plaintext fallback.
 * Must be used after app 'ready' (safeStorage is not usable before).
 */
export function createSafeStorageSecretStore(profileDir: string, platform: NodeJS.Platform = process.platform): SecretStore {
  const file = path.join(profileDir, SAFE_STORAGE_FILE);

  const ensureAvailable = (): void => {
    const problem = safeStorageProblem(platform);
    if (problem) throw new SafeStorageUnavailableError(problem);
  };

  const read = (): SecretsFile => {
    if (!existsSync(file)) return { version: 1, entries: {} };
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new SecretsFileUnreadableError(file, 'it is not valid JSON', err);
    }
    const parsed = SecretsFileSchema.safeParse(raw);
    if (!parsed.success) throw new SecretsFileUnreadableError(file, 'it is not a Steward secrets file');
    return parsed.data;
  };

  const write = (data: SecretsFile): void => {
    mkdirSync(profileDir, { recursive: true, mode: 0o700 });
    // Write-then-rename so a crash mid-write never leaves a half file (which would lose the database key).
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
    renameSync(tmp, file);
  };

  return {
    backend: 'electron-safe-storage',
    async status(): Promise<KeychainStatus> {
      try {
        const problem = safeStorageProblem(platform);
        return { backend: 'electron-safe-storage', available: problem === null, message: problem };
      } catch (err) {
        return { backend: 'electron-safe-storage', available: false, message: `Electron safe storage could not be probed: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
    async get(account) {
      ensureAvailable();
      const encoded = read().entries[account];
      if (encoded === undefined) return null;
      let secret: string;
      try {
        secret = safeStorage.decryptString(Buffer.from(encoded, 'base64'));
      } catch (err) {
        // Typically: the file was copied from another user or machine, or the OS key was reset.
        throw new SecretsFileUnreadableError(file, `the entry "${account}" cannot be decrypted with this account's key`, err);
      }
      registerSecret(secret);
      return secret;
    },
    async set(account, secret) {
      ensureAvailable();
      registerSecret(secret);
      const data = read();
      data.entries[account] = safeStorage.encryptString(secret).toString('base64');
      write(data);
    },
    async delete(account) {
      ensureAvailable();
      const data = read();
      if (!(account in data.entries)) return false;
      delete data.entries[account];
      write(data);
      return true;
    },
  };
}
