import type { SecretStore } from '../ports.js';
import { registerSecret } from './redaction.js';

/**
 * In-memory SecretStore for unit tests only: secrets vanish with the process. The app never
 * selects it; createCore refuses it outside the 'test' host.
 */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore & { entries(): Map<string, string> } {
  const map = new Map(Object.entries(initial));
  return {
    backend: 'memory',
    status: async () => ({ backend: 'memory', available: true, message: 'In-memory secrets (tests only).' }),
    get: async (account) => map.get(account) ?? null,
    set: async (account, secret) => {
      registerSecret(secret);
      map.set(account, secret);
    },
    delete: async (account) => map.delete(account),
    entries: () => map,
  };
}
