/**
 * How an MCP server is described: the same shape other desktop clients use in their
 * `mcpServers` JSON (Claude Desktop, Cursor, Goose, LM Studio), plus Steward's own fields.
 * Secret values (env values, header values) are never part of a stored config: they live in the
 * keychain under the accounts in mcp-secrets.ts and the config names only which keys are secret.
 */
import { z } from 'zod';

export {
  McpServerNameSchema,
  McpStdioConfigSchema,
  McpHttpConfigSchema,
  McpServerConfigSchema,
  type McpServerConfig,
} from '../../../src-preload/schemas/mcp.js';
import type { McpServerConfig } from '../../../src-preload/schemas/mcp.js';

export interface McpServerEntry {
  name: string;
  config: McpServerConfig;
  enabled: boolean;
}

/**
 * One entry of another client's `mcpServers` object: `{command, args, env}` or `{url, headers}`
 * (some clients add `type: "stdio" | "http" | "sse" | "streamable-http"`; extra fields such as
 * `disabled` or `autoApprove` are read where they mean something and ignored otherwise).
 */
export const ExternalServerEntrySchema = z.union([
  z.object({
    command: z.string().trim().min(1, 'is empty'),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().optional(),
    disabled: z.boolean().optional(),
  }),
  z.object({
    url: z.string().trim().min(1, 'is empty'),
    headers: z.record(z.string(), z.string()).optional(),
    disabled: z.boolean().optional(),
  }),
]);

export const McpServersFileSchema = z.object({ mcpServers: z.record(z.string(), z.unknown()) });

/** Env keys and headers that look like credentials go to the keychain by default. */
const SECRET_KEY = /(key|token|secret|password|passwd|pwd|auth|credential|cookie)/i;
export const looksSecret = (key: string): boolean => SECRET_KEY.test(key);

/** "server-everything", "My Server" → "server_everything", "my_server" (tool-namespace safe). */
export function normaliseServerName(name: string): string {
  const cleaned = name
    .trim()
    .toLowerCase()
    .replace(/^@[^/]+\//, '')
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 's_$1');
  return cleaned.slice(0, 32) || 'server';
}
