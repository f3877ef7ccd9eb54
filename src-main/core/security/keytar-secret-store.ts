import { createRequire } from 'node:module';
import type { KeychainStatus } from '../../../src-preload/contract.js';
import type { SecretStore } from '../ports.js';
import { KeychainUnavailableError, keychainFixHint } from './keychain-errors.js';
import { redactText, registerSecret } from './redaction.js';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Steward';

/** Loaded lazily: keytar is a native module and a missing build must become a clear error, not a crash at import. */
function loadKeytar(): Keytar {
  try {
    return createRequire(import.meta.url)('keytar') as Keytar;
  } catch (err) {
    throw new KeychainUnavailableError('the keytar native module could not be loaded; run `npm rebuild keytar`', err);
  }
}

/**
 * SecretStore over the OS keychain (macOS Keychain, Windows Credential Manager, libsecret on
 * Linux). `service` lets tests use their own keychain namespace.
 */
export function createKeytarSecretStore(service: string = process.env.STEWARD_KEYCHAIN_SERVICE ?? KEYCHAIN_SERVICE): SecretStore {
  const guard = async <T>(op: (keytar: Keytar) => Promise<T>): Promise<T> => {
    const keytar = loadKeytar();
    try {
      return await op(keytar);
    } catch (err) {
      // keytar's messages come from libsecret/D-Bus; they never contain the secret, but redact anyway.
      const reason = redactText(err instanceof Error ? err.message : String(err));
      throw new KeychainUnavailableError(reason, err);
    }
  };
  return {
    backend: 'keytar',
    async status(): Promise<KeychainStatus> {
      try {
        await guard((k) => k.getPassword(service, '__steward_probe__'));
        return { backend: 'keytar', available: true, message: null };
      } catch (err) {
        const message = err instanceof KeychainUnavailableError ? err.userMessage : keychainFixHint();
        return { backend: 'keytar', available: false, message };
      }
    },
    async get(account) {
      const value = await guard((k) => k.getPassword(service, account));
      if (value) registerSecret(value);
      return value;
    },
    async set(account, secret) {
      registerSecret(secret);
      await guard((k) => k.setPassword(service, account, secret));
    },
    async delete(account) {
      return guard((k) => k.deletePassword(service, account));
    },
  };
}
