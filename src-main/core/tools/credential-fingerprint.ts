import { createHash } from 'node:crypto';
import type { SecretStore } from '../ports.js';
import type { AnyTool } from './tool.js';

/**
 * A short hash of a tool's current credentials. Grants record it so that replacing a key or a
 * password asks the user again; the hash reveals nothing about the secret and never leaves here.
 * A tool without credentials has the constant fingerprint 'none'.
 */
export async function credentialFingerprint(tool: AnyTool, secrets: SecretStore): Promise<string> {
  const accounts = [...(tool.credentialAccounts ?? [])].sort();
  if (accounts.length === 0) return 'none';
  const hash = createHash('sha256').update(`steward-grant:${tool.name}`);
  for (const account of accounts) {
    const secret = await secrets.get(account);
    hash.update(`\n${account}=`).update(secret === null ? '<missing>' : createHash('sha256').update(secret).digest('hex'));
  }
  return hash.digest('hex').slice(0, 24);
}
