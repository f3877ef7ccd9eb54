import { randomUUID } from 'node:crypto';
import { createKeytarSecretStore } from '../../src-main/core/security/keytar-secret-store.js';
import type { SecretStore } from '../../src-main/core/ports.js';

/**
 * A keytar store in its own throw-away keychain service, or the reason none is reachable.
 * `npm test` runs under scripts/with-keyring.sh, so in CI a Secret Service is always there and
 * a missing one fails the suite instead of skipping.
 */
export async function realKeychain(): Promise<{ store: SecretStore; service: string } | { unavailable: string }> {
  const service = `Steward-test-${randomUUID().slice(0, 8)}`;
  const store = createKeytarSecretStore(service);
  const status = await store.status();
  if (status.available) return { store, service };
  const reason = status.message ?? 'keychain unavailable';
  if (process.env.CI === 'true') throw new Error(`CI needs a real Secret Service for keytar tests: ${reason}`);
  return { unavailable: reason };
}
