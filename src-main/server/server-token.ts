import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../core/ports.js';

export const SERVER_TOKEN_ACCOUNT = 'server.token';

/** The install's bearer token for the local server: made once, kept in the OS keychain. */
export async function getOrCreateServerToken(secrets: SecretStore): Promise<string> {
  const existing = await secrets.get(SERVER_TOKEN_ACCOUNT);
  if (existing) return existing;
  const token = randomBytes(24).toString('base64url');
  await secrets.set(SERVER_TOKEN_ACCOUNT, token);
  return token;
}
