/**
 * One live connection to one MCP server (stdio child process or remote HTTP), through the
 * official SDK client. It never throws into the chat: a server that cannot start, crashes or
 * hangs ends up with a status and a reason (plus the tail of its stderr) that the MCP servers
 * screen shows, and every call to it fails fast with that reason.
 */
import type { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolResultSchema,
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
  type CallToolResult,
  type GetPromptResult,
  type Prompt,
  type ReadResourceResult,
  type Resource,
  type Tool as McpTool,
} from '@modelcontextprotocol/sdk/types.js';
import type { McpServerConfig } from './mcp-server-config.js';

export type McpServerStatus = 'stopped' | 'starting' | 'running' | 'crashed' | 'failed' | 'needs_auth' | 'disabled';

export interface McpConnectionOptions {
  name: string;
  config: McpServerConfig;
  /** Secret env values (stdio) or header values (http), read from the keychain just before starting. */
  secretValues: Record<string, string>;
  initializeTimeoutMs: number;
  authProvider?: OAuthClientProvider;
  /** The tool, resource or prompt list changed (listChanged notification, or a restart). */
  onChanged(): void;
  /** Status changed (started, crashed, stopped). */
  onStatus(): void;
}

const STDERR_TAIL_CHARS = 4000;
const CLIENT_INFO = { name: 'Steward', version: '0.1.0' };

export class McpConnection {
  status: McpServerStatus = 'stopped';
  /** Why it is not running (start failure, crash), in words for the user. */
  reason: string | null = null;
  transportKind: 'stdio' | 'streamable-http' | 'sse' | null = null;
  tools: McpTool[] = [];
  resources: Resource[] = [];
  prompts: Prompt[] = [];
  authorizationUrl: string | null = null;
  private stderr = '';
  private protocolErrors: string[] = [];
  private client: Client | null = null;
  private transport: Transport | null = null;
  private stopping = false;

  constructor(readonly options: McpConnectionOptions) {}

  get name(): string {
    return this.options.name;
  }

  stderrTail(): string {
    return this.stderr;
  }

  /** Connects and lists what the server offers. Resolves either way; check status and reason. */
  async start(): Promise<void> {
    this.stopping = false;
    this.reason = null;
    this.authorizationUrl = null;
    this.protocolErrors = [];
    this.setStatus('starting');
    try {
      if (this.options.config.transport === 'stdio') await this.connectStdio(this.options.config);
      else await this.connectHttp(this.options.config);
      await this.refreshLists();
      this.setStatus('running');
      this.options.onChanged();
    } catch (err) {
      await this.closeQuietly();
      if (this.status === 'needs_auth') return;
      this.reason = this.describeStartFailure(err);
      this.setStatus('failed');
    }
  }

  async stop(status: 'stopped' | 'disabled' = 'stopped'): Promise<void> {
    this.stopping = true;
    await this.closeQuietly();
    this.tools = [];
    this.resources = [];
    this.prompts = [];
    this.reason = null;
    this.setStatus(status);
    this.options.onChanged();
  }

  async callTool(name: string, args: Record<string, unknown>, options: { signal: AbortSignal; timeoutMs: number; onProgress?: (progress: number, total?: number) => void }): Promise<CallToolResult> {
    const client = this.requireClient();
    const result = await client.callTool({ name, arguments: args }, CallToolResultSchema, {
      signal: options.signal,
      timeout: options.timeoutMs,
      ...(options.onProgress && { onprogress: (p: { progress: number; total?: number }) => options.onProgress?.(p.progress, p.total), resetTimeoutOnProgress: true }),
    });
    return result as CallToolResult;
  }

  async readResource(uri: string): Promise<ReadResourceResult> {
    return this.requireClient().readResource({ uri });
  }

  async getPrompt(name: string, args: Record<string, string>): Promise<GetPromptResult> {
    return this.requireClient().getPrompt({ name, arguments: args });
  }

  private requireClient(): Client {
    if (this.status !== 'running' || !this.client) throw new Error(`not running (${this.status})`);
    return this.client;
  }

  private newClient(): Client {
    const client = new Client(CLIENT_INFO, { capabilities: {} });
    client.onerror = (error) => {
      // Lines on stdout that are not JSON-RPC land here; kept for the failure message.
      if (error.message && this.protocolErrors.length < 5) this.protocolErrors.push(error.message.slice(0, 200));
    };
    client.onclose = () => {
      if (this.stopping || this.status !== 'running') return;
      this.client = null;
      this.tools = [];
      this.resources = [];
      this.prompts = [];
      this.reason = 'it stopped unexpectedly (the process exited or the connection closed)';
      this.setStatus('crashed');
      this.options.onChanged();
    };
    const refresh = () => void this.refreshLists().then(() => this.options.onChanged(), () => undefined);
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => refresh());
    client.setNotificationHandler(ResourceListChangedNotificationSchema, async () => refresh());
    client.setNotificationHandler(PromptListChangedNotificationSchema, async () => refresh());
    return client;
  }

  private async connectStdio(config: Extract<McpServerConfig, { transport: 'stdio' }>): Promise<void> {
    const transport = new StdioClientTransport({
      command: config.command,
      args: config.args,
      env: { ...getDefaultEnvironment(), ...config.env, ...this.options.secretValues },
      cwd: config.cwd,
      stderr: 'pipe',
    });
    (transport.stderr as Readable | null)?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    this.transportKind = 'stdio';
    await this.connect(transport);
  }

  private async connectHttp(config: Extract<McpServerConfig, { transport: 'http' }>): Promise<void> {
    const headers = { ...config.headers, ...this.options.secretValues };
    const url = new URL(config.url);
    const provider = this.options.authProvider;
    // OAuth only once signed in, or after the server said 401: a server without OAuth must not send us through discovery.
    const signedIn = provider ? (await provider.tokens()) !== undefined : false;
    const streamable = (auth: boolean) => new StreamableHTTPClientTransport(url, { requestInit: { headers }, ...(auth && provider && { authProvider: provider }) });
    try {
      this.transportKind = 'streamable-http';
      await this.connect(streamable(signedIn));
      return;
    } catch (err) {
      if (this.isUnauthorized(err)) {
        if (!provider || signedIn) throw err;
        try {
          await this.connect(streamable(true));
          return;
        } catch (oauthErr) {
          // No OAuth on offer (or it failed): the plain 401 says more than the discovery error.
          throw this.status === 'needs_auth' ? oauthErr : err;
        }
      }
      // Older servers speak only the HTTP+SSE transport (protocol 2024-11-05): try it before giving up.
      this.transportKind = 'sse';
      try {
        await this.connect(new SSEClientTransport(url, { requestInit: { headers }, ...(signedIn && provider && { authProvider: provider }) }));
      } catch (sseErr) {
        throw this.isUnauthorized(sseErr) ? sseErr : err;
      }
    }
  }

  private async connect(transport: Transport): Promise<void> {
    const client = this.newClient();
    this.client = client;
    this.transport = transport;
    await client.connect(transport, { timeout: this.options.initializeTimeoutMs });
  }

  private async refreshLists(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const caps = client.getServerCapabilities() ?? {};
    this.tools = caps.tools ? await listAll((cursor) => client.listTools(cursor ? { cursor } : undefined).then((r) => ({ items: r.tools, next: r.nextCursor }))) : [];
    this.resources = caps.resources ? await listAll((cursor) => client.listResources(cursor ? { cursor } : undefined).then((r) => ({ items: r.resources, next: r.nextCursor }))).catch(() => []) : [];
    this.prompts = caps.prompts ? await listAll((cursor) => client.listPrompts(cursor ? { cursor } : undefined).then((r) => ({ items: r.prompts, next: r.nextCursor }))).catch(() => []) : [];
  }

  private isUnauthorized(err: unknown): boolean {
    if (err instanceof UnauthorizedError) return true;
    const code = (err as { code?: unknown })?.code;
    return code === 401 || /\b401\b|unauthori[sz]ed/i.test(err instanceof Error ? err.message : String(err));
  }

  private describeStartFailure(err: unknown): string {
    const message = err instanceof Error ? err.message : String(err);
    const config = this.options.config;
    if (config.transport === 'stdio' && /ENOENT/.test(message)) return `the command "${config.command}" was not found — check that it is installed and on your PATH, or give its full path`;
    if (config.transport === 'stdio' && /EACCES/.test(message)) return `the command "${config.command}" is not executable`;
    if (this.isUnauthorized(err)) {
      return `the server at ${config.transport === 'http' ? config.url : 'its address'} answered 401 Unauthorized — it needs credentials: add its key as a secret header (for example Authorization: Bearer …) under MCP servers`;
    }
    const garbage = config.transport === 'stdio' && this.protocolErrors.length > 0 ? ` It wrote output that is not MCP (JSON-RPC) to stdout, e.g. ${this.protocolErrors[0]}` : '';
    if (/timed out|timeout/i.test(message)) return `it did not answer the MCP handshake (initialize) within ${Math.round(this.options.initializeTimeoutMs / 1000)} s.${garbage}`.replace(/\.$/, '');
    if (/closed/i.test(message)) return `it exited before finishing the MCP handshake.${garbage}`.replace(/\.$/, '');
    if (/ECONNREFUSED/.test(message)) return `nothing is listening at ${config.transport === 'http' ? config.url : 'its address'}`;
    return `${message.slice(0, 300)}${garbage}`;
  }

  /** Called by the OAuth provider when the server wants the user to sign in. */
  needsAuthorization(url: URL): void {
    this.authorizationUrl = url.toString();
    this.reason = 'it needs you to sign in: open the sign-in link under MCP servers';
    this.setStatus('needs_auth');
  }

  private async closeQuietly(): Promise<void> {
    const client = this.client;
    const transport = this.transport;
    this.client = null;
    this.transport = null;
    try {
      if (client) await client.close();
      else if (transport) await transport.close();
    } catch {
      // Already gone.
    }
  }

  private setStatus(status: McpServerStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.options.onStatus();
  }
}

async function listAll<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i += 1) {
    const { items, next } = await page(cursor);
    all.push(...items);
    if (!next) break;
    cursor = next;
  }
  return all;
}
