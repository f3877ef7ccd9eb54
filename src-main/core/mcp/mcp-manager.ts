/**
 * The MCP servers of one profile: starts the enabled ones, keeps each server's tools in the
 * shared tool registry as "<server>.<tool>" (so they take the same permission, approval, budget
 * and audit path as built-in tools), and answers the MCP servers screen. A server that fails or
 * crashes only changes its own status; the chat and the other servers carry on.
 */
import { readFile } from 'node:fs/promises';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpServerInfo } from '../../../src-preload/schemas/mcp.js';
import { StewardError } from '../errors.js';
import type { SecretStore } from '../ports.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { McpConnection } from './mcp-connection.js';
import { McpImportError, McpServerNameTakenError, McpServerNotFoundError, McpServerStartError, McpServerUnavailableError, McpSignInError } from './mcp-errors.js';
import { parseMcpServersJson } from './mcp-import.js';
import { startSignInCallbackListener, type SignInCallbackQuery } from './mcp-oauth-callback.js';
import { KeychainOAuthProvider, MCP_OAUTH_REDIRECT_PATH } from './mcp-oauth-provider.js';
import { deleteServerSecrets, mcpEnvAccount, mcpHeaderAccount, readSecretValues } from './mcp-secrets.js';
import { McpServerConfigSchema, McpServerNameSchema, type McpServerConfig, type McpServerEntry } from './mcp-server-config.js';
import { McpServerRepo } from './mcp-server-repo.js';
import { buildMcpTool, mcpToolName, McpToolSchemaError, resultText } from './mcp-tool-adapter.js';

export const DEFAULT_INITIALIZE_TIMEOUT_MS = 20_000;

export interface McpManagerDeps {
  db: SqliteDatabase;
  registry: ToolRegistry;
  secrets: SecretStore;
  now: () => Date;
  initializeTimeoutMs?: number;
  /** Base URL of the local server (for the OAuth redirect); without one the manager answers the redirect on its own loopback port. */
  localBaseUrl?: string;
  /** How the loopback listener finishes a sign-in (the core passes its audited mcp.oauth.complete); defaults to completeSignIn. */
  completeSignIn?: (query: SignInCallbackQuery) => Promise<McpServerInfo>;
}

/** A sign-in link stays good this long; after that the user starts again (a stale code would fail anyway). */
const SIGN_IN_VALID_MS = 30 * 60_000;

interface ServerState {
  entry: McpServerEntry;
  connection: McpConnection;
  auth?: KeychainOAuthProvider;
  tools: string[];
  problems: string[];
}

export class McpManager {
  readonly repo: McpServerRepo;
  private readonly servers = new Map<string, ServerState>();
  private readonly listeners = new Set<() => void>();
  private closed = false;
  /** Where the OAuth redirect is answered: the local server's URL, or the manager's own loopback listener. */
  private redirectBase: string | null;
  private ownListener: Promise<{ baseUrl: string; close(): Promise<void> }> | null = null;
  /** Sign-ins waiting for the browser to come back: state → server and when it started. */
  private readonly signIns = new Map<string, { server: string; startedAt: number }>();

  constructor(private readonly deps: McpManagerDeps) {
    this.repo = new McpServerRepo(deps.db, deps.now);
    this.redirectBase = deps.localBaseUrl ?? null;
  }

  /** The local server answers /mcp/oauth/callback at this base URL from now on (sign-ins already started keep theirs). */
  useOAuthRedirectBase(baseUrl: string): void {
    this.redirectBase = baseUrl.replace(/\/+$/, '');
  }

  /**
   * The browser came back from a server's sign-in page. Only a state this manager handed out is
   * accepted (once): the code is exchanged with the PKCE verifier by the SDK, the tokens go to the
   * keychain and the server is started with them. A refusal or a stray link changes nothing.
   */
  async completeSignIn(query: SignInCallbackQuery): Promise<McpServerInfo> {
    const pending = this.signIns.get(query.state);
    if (!pending || this.deps.now().getTime() - pending.startedAt > SIGN_IN_VALID_MS) {
      throw new McpSignInError('This sign-in link is not one Steward is waiting for (it was already used, is over 30 minutes old, or Steward restarted since). Nothing was changed. Start the sign-in again from MCP servers (Restart, then the sign-in link).');
    }
    const state = this.servers.get(pending.server);
    if (!state || state.entry.config.transport !== 'http' || !state.auth) {
      this.signIns.delete(query.state);
      throw new McpServerNotFoundError(pending.server);
    }
    if (query.error !== undefined) {
      this.signIns.delete(query.state);
      state.auth.unpin();
      const why = query.errorDescription ? `${query.error}: ${query.errorDescription}` : query.error;
      throw new McpSignInError(`The sign-in to MCP server "${pending.server}" was refused (${why.slice(0, 300)}). Nothing was changed. To try again, press Restart for "${pending.server}" under MCP servers and open its sign-in link.`);
    }
    if (!query.code) throw new McpSignInError(`The sign-in page of MCP server "${pending.server}" came back without an authorization code, so Steward cannot finish signing in. Open the sign-in link under MCP servers again.`);
    this.signIns.delete(query.state);
    try {
      const transport = new StreamableHTTPClientTransport(new URL(state.entry.config.url), { authProvider: state.auth });
      await transport.finishAuth(query.code);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new McpSignInError(`MCP server "${pending.server}" did not accept the sign-in (${why.slice(0, 300)}). Press Restart for it under MCP servers and sign in again.`);
    } finally {
      state.auth.unpin();
    }
    return this.restart(pending.server);
  }

  /** Starts every enabled server; resolves when each has started or failed (callers need not wait). */
  async startAll(): Promise<void> {
    for (const entry of this.repo.list()) this.servers.set(entry.name, this.newState(entry));
    await Promise.all([...this.servers.values()].map((state) => (state.entry.enabled ? this.startState(state) : state.connection.stop('disabled'))));
  }

  /** Called whenever a server's status or its tools change. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): McpServerInfo[] {
    return [...this.servers.values()].sort((a, b) => a.entry.name.localeCompare(b.entry.name)).map((state) => this.infoOf(state));
  }

  info(name: string): McpServerInfo {
    return this.infoOf(this.require(name));
  }

  /** Adds a server, stores its secret values in the keychain and starts it. A server that cannot start is not kept. */
  async add(input: { name: string; config: McpServerConfig; secrets?: Record<string, string>; enabled?: boolean }): Promise<McpServerInfo> {
    const name = McpServerNameSchema.parse(input.name);
    const config = McpServerConfigSchema.parse(input.config);
    if (this.servers.has(name) || this.repo.get(name)) throw new McpServerNameTakenError(name, 'server');
    if (this.deps.registry.names().some((tool) => tool.startsWith(`${name}.`))) throw new McpServerNameTakenError(name, 'tools');
    const secretKeys = config.transport === 'stdio' ? config.secretEnv : config.secretHeaders;
    const unknown = Object.keys(input.secrets ?? {}).filter((key) => !secretKeys.includes(key));
    if (unknown.length > 0) {
      throw new StewardError('invalid_input', `Secret values were given for ${unknown.map((k) => `"${k}"`).join(', ')}, which the server's settings do not list as secret keys. Add them to the secret keys, or leave them out. Nothing was changed.`);
    }
    const account = config.transport === 'stdio' ? mcpEnvAccount : mcpHeaderAccount;
    for (const [key, value] of Object.entries(input.secrets ?? {})) await this.deps.secrets.set(account(name, key), value);

    const entry: McpServerEntry = { name, config, enabled: input.enabled ?? true };
    const state = this.newState(entry);
    if (entry.enabled) {
      await this.startState(state);
      if (state.connection.status !== 'running' && state.connection.status !== 'needs_auth') {
        const error = new McpServerStartError(name, state.connection.reason ?? 'it did not start', state.connection.stderrTail());
        await deleteServerSecrets(name, config, this.deps.secrets);
        throw error;
      }
    }
    this.repo.insert(entry);
    this.servers.set(name, state);
    this.changed();
    return this.infoOf(state);
  }

  async remove(name: string): Promise<boolean> {
    const state = this.require(name);
    await state.connection.stop();
    this.dropTools(state);
    this.servers.delete(name);
    this.repo.delete(name);
    await deleteServerSecrets(name, state.entry.config, this.deps.secrets);
    this.changed();
    return true;
  }

  async restart(name: string): Promise<McpServerInfo> {
    const state = this.require(name);
    if (!state.entry.enabled) throw new McpServerUnavailableError(name, 'disabled');
    await state.connection.stop();
    const fresh = this.newState(state.entry);
    this.servers.set(name, fresh);
    await this.startState(fresh);
    return this.infoOf(fresh);
  }

  async setEnabled(name: string, enabled: boolean): Promise<McpServerInfo> {
    const state = this.require(name);
    this.repo.setEnabled(name, enabled);
    state.entry = { ...state.entry, enabled };
    if (!enabled) await state.connection.stop('disabled');
    else await this.restart(name);
    return this.info(name);
  }

  /** Imports an mcpServers JSON (text, or a file such as Claude Desktop's config); existing names are skipped, never overwritten. */
  async importJson(input: { json?: string; path?: string }): Promise<{ added: string[]; skipped: { name: string; reason: string }[] }> {
    let text = input.json;
    if (input.path !== undefined) {
      try {
        text = await readFile(input.path, 'utf8');
      } catch {
        throw new McpImportError(`Could not read "${input.path}".`, 'Check the path (for Claude Desktop it is claude_desktop_config.json in its settings folder).');
      }
    }
    const parsed = parseMcpServersJson(text ?? '');
    const added: string[] = [];
    const skipped = [...parsed.skipped];
    for (const server of parsed.servers) {
      try {
        await this.add(server);
        added.push(server.name);
      } catch (err) {
        skipped.push({ name: server.originalName, reason: err instanceof StewardError ? err.userMessage : String(err) });
      }
    }
    return { added, skipped };
  }

  /** A resource's text (for attaching to a chat). The caller treats it as untrusted content. */
  async readResource(server: string, uri: string): Promise<{ text: string; mimeType: string | null }> {
    const connection = this.running(server);
    const result = await connection.readResource(uri);
    const parts = result.contents.map((c) => ('text' in c ? c.text : `[binary ${c.mimeType ?? 'data'} from ${c.uri}]`));
    return { text: parts.join('\n'), mimeType: result.contents[0]?.mimeType ?? null };
  }

  /** Finds a server prompt by its slash command ("/everything.simple_prompt"). */
  findPrompt(command: string): { server: string; prompt: string } | null {
    for (const state of this.servers.values()) {
      for (const prompt of state.connection.prompts) {
        if (mcpToolName(state.entry.name, prompt.name) === command) return { server: state.entry.name, prompt: prompt.name };
      }
    }
    return null;
  }

  /** The prompt's messages as one text (the user sends it as their request). */
  async getPrompt(server: string, prompt: string, args: Record<string, string>): Promise<string> {
    const result = await this.running(server).getPrompt(prompt, args);
    return result.messages.map((m) => (m.content.type === 'text' ? m.content.text : resultText({ content: [m.content] }))).join('\n\n');
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.ownListener;
    this.ownListener = null;
    if (listener) await listener.then((l) => l.close(), () => undefined);
    await Promise.all([...this.servers.values()].map((state) => state.connection.stop()));
    for (const state of this.servers.values()) this.dropTools(state);
  }

  private running(server: string): McpConnection {
    const state = this.require(server);
    if (state.connection.status !== 'running') throw new McpServerUnavailableError(server, state.connection.status);
    return state.connection;
  }

  private require(name: string): ServerState {
    const state = this.servers.get(name);
    if (!state) throw new McpServerNotFoundError(name);
    return state;
  }

  private newState(entry: McpServerEntry): ServerState {
    const state: ServerState = { entry, tools: [], problems: [], connection: null as unknown as McpConnection };
    if (entry.config.transport === 'http') {
      state.auth = new KeychainOAuthProvider(entry.name, this.deps.secrets, {
        currentRedirect: () => `${this.redirectBase ?? 'http://127.0.0.1'}${MCP_OAUTH_REDIRECT_PATH}`,
        onAuthorize: (url) => state.connection.needsAuthorization(url),
        onState: (signInState) => {
          // Only the newest link of a server is good (it is the one the screen shows); older ones are dropped.
          for (const [old, pending] of this.signIns) if (pending.server === entry.name) this.signIns.delete(old);
          this.signIns.set(signInState, { server: entry.name, startedAt: this.deps.now().getTime() });
        },
      });
    }
    state.connection = new McpConnection({
      name: entry.name,
      config: entry.config,
      secretValues: {},
      initializeTimeoutMs: this.deps.initializeTimeoutMs ?? DEFAULT_INITIALIZE_TIMEOUT_MS,
      authProvider: state.auth,
      onChanged: () => {
        if (this.servers.get(entry.name) === state || !this.servers.has(entry.name)) this.syncTools(state);
        this.changed();
      },
      onStatus: () => this.changed(),
    });
    return state;
  }

  private async startState(state: ServerState): Promise<void> {
    if (this.closed) return;
    const { values, missing } = await readSecretValues(state.entry.name, state.entry.config, this.deps.secrets);
    if (missing.length > 0) {
      state.connection.status = 'failed';
      state.connection.reason = `the secret ${missing.map((k) => `"${k}"`).join(', ')} is not in the keychain — set it under MCP servers`;
      this.changed();
      return;
    }
    state.connection.options.secretValues = values;
    if (state.entry.config.transport === 'http') await this.ensureRedirectBase();
    await state.connection.start();
  }

  /** A remote server may ask for a sign-in: something must be there to answer the browser's redirect. */
  private async ensureRedirectBase(): Promise<void> {
    if (this.redirectBase || this.closed) return;
    this.ownListener ??= startSignInCallbackListener(async (query) => {
      try {
        const info = await (this.deps.completeSignIn ?? ((q) => this.completeSignIn(q)))(query);
        return { ok: true, server: info.name };
      } catch (err) {
        return { ok: false, message: err instanceof StewardError ? err.userMessage : String(err) };
      }
    });
    try {
      const listener = await this.ownListener;
      this.redirectBase ??= listener.baseUrl;
    } catch {
      // No loopback port at all: a server that needs a sign-in will say so when it is asked for one.
      this.ownListener = null;
    }
  }

  /** Replaces this server's tools in the registry with what it offers now; tools that cannot be added are listed as problems. */
  private syncTools(state: ServerState): void {
    this.dropTools(state);
    const problems: string[] = [];
    if (this.closed) return;
    for (const tool of state.connection.tools) {
      try {
        const steward = buildMcpTool(state.entry.name, tool, (name, args, options) => this.running(state.entry.name).callTool(name, args, options));
        if (this.deps.registry.has(steward.name)) {
          problems.push(`"${tool.name}" was not added: its name clashes with another tool called ${steward.name}.`);
          continue;
        }
        this.deps.registry.register(steward);
        state.tools.push(steward.name);
      } catch (err) {
        const why = err instanceof McpToolSchemaError ? err.message : err instanceof StewardError ? err.userMessage : String(err);
        problems.push(`"${tool.name}" was not added: ${why}.`);
      }
    }
    state.problems = problems;
  }

  private dropTools(state: ServerState): void {
    for (const name of state.tools) this.deps.registry.unregister(name);
    state.tools = [];
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private infoOf(state: ServerState): McpServerInfo {
    const { entry, connection } = state;
    const config = entry.config;
    return {
      name: entry.name,
      enabled: entry.enabled,
      status: entry.enabled ? connection.status : 'disabled',
      reason: connection.reason,
      stderrTail: connection.stderrTail(),
      transport: config.transport,
      connectedVia: connection.status === 'running' ? connection.transportKind : null,
      target: config.transport === 'stdio' ? [config.command, ...config.args].join(' ') : config.url,
      secretKeys: config.transport === 'stdio' ? config.secretEnv : config.secretHeaders,
      authorizationUrl: connection.authorizationUrl,
      tools: state.tools.flatMap((name) => {
        const tool = this.deps.registry.find(name);
        const original = connection.tools.find((t) => mcpToolName(entry.name, t.name) === name);
        return tool ? [{ name, serverToolName: original?.name ?? name, description: tool.description, sideEffect: tool.sideEffect }] : [];
      }),
      problems: state.problems,
      resources: connection.resources.map((r) => ({ uri: r.uri, name: r.name, mimeType: r.mimeType ?? null })),
      prompts: connection.prompts.map((p) => ({
        name: p.name,
        command: `/${mcpToolName(entry.name, p.name)}`,
        description: p.description ?? null,
        arguments: (p.arguments ?? []).map((a) => ({ name: a.name, required: a.required === true })),
      })),
    };
  }
}
