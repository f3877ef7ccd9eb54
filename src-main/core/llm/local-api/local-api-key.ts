/**
 * The local API's key lives in the keychain like every other secret. It is created on first use
 * so turning the API on never leaves it open without a key.
 */
import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../../ports.js';

export const LOCAL_API_KEY_ACCOUNT = 'llm.localApi.apiKey';

/** A fresh random key (the `sk-` prefix makes redaction recognise it even outside the keychain list). */
export function generateLocalApiKey(): string {
  return `sk-steward-${randomBytes(24).toString('base64url')}`;
}

/** The saved key, or a new one saved now. */
export async function ensureLocalApiKey(secrets: SecretStore, account = LOCAL_API_KEY_ACCOUNT): Promise<string> {
  const existing = await secrets.get(account);
  if (existing && existing.length >= 16) return existing;
  const key = generateLocalApiKey();
  await secrets.set(account, key);
  return key;
}
