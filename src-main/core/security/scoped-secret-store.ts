/**
 * A SecretStore limited to a fixed set of keychain accounts (DESIGN §4.1: a tool sees only the
 * accounts it declares). Reading, writing or deleting any other account fails with
 * SecretAccessDeniedError, so a tool or integration cannot reach the database key or another
 * service's credentials even by mistake.
 */
import { StewardError } from '../errors.js';
import type { SecretStore } from '../ports.js';

export class SecretAccessDeniedError extends StewardError {
  readonly account: string;
  constructor(owner: string, account: string, allowed: readonly string[]) {
    const list = allowed.length > 0 ? allowed.map((a) => `"${a}"`).join(', ') : 'none';
    super('unauthorized', `${owner} may not use the keychain account "${account}" (it declares: ${list}). Nothing was read or changed; add the account to its declaration if it really needs it.`);
    this.account = account;
  }
}

export function scopedSecretStore(inner: SecretStore, owner: string, accounts: readonly string[]): SecretStore {
  const allowed = new Set(accounts);
  const check = (account: string) => {
    if (!allowed.has(account)) throw new SecretAccessDeniedError(owner, account, [...allowed]);
  };
  return {
    backend: inner.backend,
    status: () => inner.status(),
    get: async (account) => {
      check(account);
      return inner.get(account);
    },
    set: async (account, secret) => {
      check(account);
      return inner.set(account, secret);
    },
    delete: async (account) => {
      check(account);
      return inner.delete(account);
    },
  };
}
