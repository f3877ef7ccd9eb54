/**
 * Reads an `mcpServers` JSON file — the shape Claude Desktop, Cursor, Windsurf, LM Studio and
 * others use — into server entries. Values of env keys and headers that look like credentials
 * (API_KEY, Authorization, …) are split off as secrets for the keychain; the rest stays plain.
 */
import { ExternalServerEntrySchema, looksSecret, McpServerConfigSchema, McpServersFileSchema, normaliseServerName, type McpServerConfig } from './mcp-server-config.js';
import { McpImportError } from './mcp-errors.js';

export interface ImportedServer {
  name: string;
  /** The name in the file, when it had to be changed to be a valid tool namespace. */
  originalName: string;
  config: McpServerConfig;
  secrets: Record<string, string>;
  enabled: boolean;
}

export interface ImportParse {
  servers: ImportedServer[];
  skipped: { name: string; reason: string }[];
}

export function parseMcpServersJson(text: string): ImportParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new McpImportError(`The file is not valid JSON (${err instanceof Error ? err.message : 'parse error'}).`, 'Check it in a text editor.');
  }
  const file = McpServersFileSchema.safeParse(json);
  if (!file.success) throw new McpImportError('The file has no "mcpServers" object.', 'It should look like {"mcpServers": {"name": {"command": "…", "args": […]}}}.');

  const servers: ImportedServer[] = [];
  const skipped: ImportParse['skipped'] = [];
  for (const [originalName, raw] of Object.entries(file.data.mcpServers)) {
    const entry = ExternalServerEntrySchema.safeParse(raw);
    if (!entry.success) {
      skipped.push({ name: originalName, reason: 'it has neither "command" (a program to start) nor "url" (a remote server)' });
      continue;
    }
    const name = normaliseServerName(originalName);
    const secrets: Record<string, string> = {};
    let candidate: unknown;
    if ('command' in entry.data) {
      const env: Record<string, string> = {};
      const secretEnv: string[] = [];
      for (const [key, value] of Object.entries(entry.data.env ?? {})) {
        if (looksSecret(key) && value) {
          secretEnv.push(key);
          secrets[key] = value;
        } else env[key] = value;
      }
      candidate = { transport: 'stdio', command: entry.data.command, args: entry.data.args ?? [], env, secretEnv, ...(entry.data.cwd && { cwd: entry.data.cwd }) };
    } else {
      const headers: Record<string, string> = {};
      const secretHeaders: string[] = [];
      for (const [key, value] of Object.entries(entry.data.headers ?? {})) {
        if (looksSecret(key) && value) {
          secretHeaders.push(key);
          secrets[key] = value;
        } else headers[key] = value;
      }
      candidate = { transport: 'http', url: entry.data.url, headers, secretHeaders };
    }
    const config = McpServerConfigSchema.safeParse(candidate);
    if (!config.success) {
      skipped.push({ name: originalName, reason: config.error.issues.map((i) => `${i.path.join('.') || 'entry'} ${i.message}`).join('; ') });
      continue;
    }
    servers.push({ name, originalName, config: config.data, secrets, enabled: entry.data.disabled !== true });
  }
  return { servers, skipped };
}
