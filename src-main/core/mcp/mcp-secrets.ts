/**
 * Keychain accounts of MCP servers. Secret env values, secret header values and OAuth tokens of
 * a server live only here, one account each; the stored config names the keys, never the values.
 */
import type { SecretStore } from '../ports.js';
import type { McpServerConfig } from './mcp-server-config.js';

export const mcpEnvAccount = (server: string, key: string): string => `mcp:${server}:env:${key}`;
export const mcpHeaderAccount = (server: string, header: string): string => `mcp:${server}:header:${header.toLowerCase()}`;
export const mcpOAuthAccount = (server: string, part: 'tokens' | 'client' | 'verifier'): string => `mcp:${server}:oauth:${part}`;

/** Every account a config can own (for removal). */
export function mcpAccounts(server: string, config: McpServerConfig): string[] {
  const own = config.transport === 'stdio' ? config.secretEnv.map((k) => mcpEnvAccount(server, k)) : config.secretHeaders.map((h) => mcpHeaderAccount(server, h));
  return [...own, mcpOAuthAccount(server, 'tokens'), mcpOAuthAccount(server, 'client'), mcpOAuthAccount(server, 'verifier')];
}

/** Reads the secret values a config names; a missing one is reported by name so the user can set it. */
export async function readSecretValues(server: string, config: McpServerConfig, secrets: SecretStore): Promise<{ values: Record<string, string>; missing: string[] }> {
  const keys = config.transport === 'stdio' ? config.secretEnv : config.secretHeaders;
  const account = config.transport === 'stdio' ? mcpEnvAccount : mcpHeaderAccount;
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const key of keys) {
    const value = await secrets.get(account(server, key));
    if (value === null) missing.push(key);
    else values[key] = value;
  }
  return { values, missing };
}

export async function deleteServerSecrets(server: string, config: McpServerConfig, secrets: SecretStore): Promise<void> {
  for (const account of mcpAccounts(server, config)) await secrets.delete(account);
}
