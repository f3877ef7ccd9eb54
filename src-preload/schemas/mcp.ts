import { z } from 'zod';
import { Empty, spec } from './method-spec.js';

/**
 * MCP servers (Steward as an MCP client): how a server is described — the same shape other
 * desktop clients use in their `mcpServers` JSON plus which env keys / headers are secrets (their
 * values live in the keychain, never here) — and what the MCP servers screen shows about each.
 */

/** Server names become tool namespaces ("github.create_issue"), so they follow tool-name rules. */
export const McpServerNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,31}$/, 'must start with a letter and use only lowercase letters, digits and "_" (at most 32 characters), e.g. "github" or "files_backup"');

const EnvKeySchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name such as API_KEY');
const HeaderNameSchema = z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name such as Authorization');

export const McpStdioConfigSchema = z
  .object({
    transport: z.literal('stdio'),
    command: z.string().trim().min(1, 'is empty — give the program to start, e.g. "npx" or "/usr/local/bin/my-server"').max(1000),
    args: z.array(z.string().max(4000)).max(100).default([]),
    /** Plain environment values (stored in the database, never secrets). */
    env: z.record(EnvKeySchema, z.string().max(4000)).default({}),
    /** Names of environment variables whose values are in the keychain. */
    secretEnv: z.array(EnvKeySchema).max(50).default([]),
    cwd: z.string().max(1000).optional(),
  })
  .strict();

export const McpHttpConfigSchema = z
  .object({
    transport: z.literal('http'),
    url: z
      .string()
      .trim()
      .url('must be a full URL such as https://example.com/mcp')
      .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must start with http:// or https://'),
    headers: z.record(HeaderNameSchema, z.string().max(4000)).default({}),
    /** Names of headers whose values are in the keychain (e.g. Authorization). */
    secretHeaders: z.array(HeaderNameSchema).max(20).default([]),
  })
  .strict();

export const McpServerConfigSchema = z.discriminatedUnion('transport', [McpStdioConfigSchema, McpHttpConfigSchema]);
export type McpServerConfig = z.output<typeof McpServerConfigSchema>;

export const McpServerStatusSchema = z.enum(['stopped', 'starting', 'running', 'crashed', 'failed', 'needs_auth', 'disabled']);
export type McpServerStatusValue = z.infer<typeof McpServerStatusSchema>;

export const McpServerInfoSchema = z.object({
  name: McpServerNameSchema,
  enabled: z.boolean(),
  status: McpServerStatusSchema,
  /** Why it is not running, in words (start failure, crash, sign-in needed). */
  reason: z.string().nullable(),
  /** The last lines it wrote to stderr (stdio servers). */
  stderrTail: z.string(),
  transport: z.enum(['stdio', 'http']),
  /** Which wire protocol connected: stdio, Streamable HTTP, or the older HTTP+SSE. */
  connectedVia: z.enum(['stdio', 'streamable-http', 'sse']).nullable(),
  /** "npx -y @scope/server /path" or the URL (never a secret value). */
  target: z.string(),
  secretKeys: z.array(z.string()),
  authorizationUrl: z.string().nullable(),
  tools: z.array(z.object({ name: z.string(), serverToolName: z.string(), description: z.string(), sideEffect: z.enum(['none', 'local', 'external', 'financial']) })),
  /** Tools that were not added, and why (invalid schema, name clash). */
  problems: z.array(z.string()),
  resources: z.array(z.object({ uri: z.string(), name: z.string(), mimeType: z.string().nullable() })),
  prompts: z.array(z.object({ name: z.string(), command: z.string(), description: z.string().nullable(), arguments: z.array(z.object({ name: z.string(), required: z.boolean() })) })),
});
export type McpServerInfo = z.infer<typeof McpServerInfoSchema>;

const NameInput = z.object({ name: McpServerNameSchema }).strict();

export const McpServersAddInputSchema = z
  .object({
    name: McpServerNameSchema,
    config: McpServerConfigSchema,
    /** Values of the secret env keys / headers named in config; they go to the keychain only. */
    secrets: z.record(z.string(), z.string().min(1, 'is empty').max(8000)).default({}),
  })
  .strict();

export const McpImportResultSchema = z.object({
  added: z.array(z.string()),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
});

export const MCP_METHODS = {
  'mcp.servers.list': spec(Empty, z.array(McpServerInfoSchema)),
  'mcp.servers.add': spec(McpServersAddInputSchema, McpServerInfoSchema, true),
  'mcp.servers.remove': spec(NameInput, z.object({ removed: z.boolean() }), true),
  'mcp.servers.restart': spec(NameInput, McpServerInfoSchema, true),
  'mcp.servers.setEnabled': spec(z.object({ name: McpServerNameSchema, enabled: z.boolean() }).strict(), McpServerInfoSchema, true),
  'mcp.servers.import': spec(
    z
      .object({
        /** The text of an mcpServers JSON file (Claude Desktop, Cursor, …), or a path to one on this machine. */
        json: z.string().max(1_000_000).optional(),
        path: z.string().max(1000).optional(),
      })
      .strict()
      .refine((v) => (v.json === undefined) !== (v.path === undefined), 'give either json (the file text) or path (where the file is), not both'),
    McpImportResultSchema,
    true,
  ),
  'mcp.resources.read': spec(z.object({ server: McpServerNameSchema, uri: z.string().min(1).max(2000) }).strict(), z.object({ text: z.string(), mimeType: z.string().nullable() })),
  'mcp.resources.attach': spec(
    z.object({ server: McpServerNameSchema, uri: z.string().min(1).max(2000), conversationId: z.string().min(1).max(64) }).strict(),
    z.object({ messageId: z.string() }),
    true,
  ),
  /** The browser came back from a remote server's sign-in page (GET /mcp/oauth/callback passes its query here). */
  'mcp.oauth.complete': spec(
    z
      .object({
        state: z.string().min(1, 'is missing — open the sign-in link from MCP servers, not an old or copied one').max(200),
        code: z.string().min(1).max(4000).optional(),
        error: z.string().max(200).optional(),
        errorDescription: z.string().max(1000).optional(),
      })
      .strict(),
    McpServerInfoSchema,
    true,
  ),
};
