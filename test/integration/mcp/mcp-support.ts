/** Real MCP servers from npm (and two small SDK fixtures), started by the tests over stdio. */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { McpServerConfig } from '../../../src-main/core/mcp/mcp-server-config.js';
import { McpManager } from '../../../src-main/core/mcp/mcp-manager.js';
import type { Harness } from '../agent/support/agent-harness.js';

const require = createRequire(import.meta.url);
const serverEntry = (pkg: string): string => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'index.js');

export const fixture = (file: string): string => path.resolve(import.meta.dirname, '../../fixtures/mcp', file);

export type StdioConfig = Extract<McpServerConfig, { transport: 'stdio' }>;

export function nodeServer(script: string, args: string[] = [], env: Record<string, string> = {}): StdioConfig {
  return { transport: 'stdio', command: process.execPath, args: [script, ...args], env, secretEnv: [] };
}

export const everythingServer = (): StdioConfig => nodeServer(serverEntry('@modelcontextprotocol/server-everything'), ['stdio']);
export const filesystemServer = (dir: string): StdioConfig => nodeServer(serverEntry('@modelcontextprotocol/server-filesystem'), [dir]);
export const memoryServer = (file: string): StdioConfig => nodeServer(serverEntry('@modelcontextprotocol/server-memory'), [], { MEMORY_FILE_PATH: file });

export function managerFor(h: Harness, initializeTimeoutMs = 15_000): McpManager {
  return new McpManager({ db: h.core.db.raw, registry: h.agent.deps.registry, secrets: h.secrets, now: () => h.clock.now(), initializeTimeoutMs });
}

export async function eventually<T>(read: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
