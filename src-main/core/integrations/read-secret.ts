import { StewardError } from '../errors.js';
import type { SecretStore } from '../ports.js';

/** A secret for a connection test: trimmed value, null when absent, or the keychain's own reason it cannot be read. */
export async function readSecret(secrets: SecretStore, account: string, what: string): Promise<{ ok: true; value: string | null } | { ok: false; message: string }> {
  try {
    const value = await secrets.get(account);
    return { ok: true, value: value && value.trim() !== '' ? value.trim() : null };
  } catch (err) {
    const reason = err instanceof StewardError ? err.userMessage : 'The keychain could not be read.';
    return { ok: false, message: `${reason} The ${what} is unavailable, so nothing was tested.` };
  }
}
