/**
 * OAuth for remote MCP servers that ask for it, through the SDK's auth helpers: discovery,
 * dynamic client registration, PKCE and token refresh are the SDK's; this class only keeps what
 * they produce in the keychain (never in the database or settings) and tells the connection when
 * the user must open the sign-in page.
 */
import { randomBytes } from 'node:crypto';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { SecretStore } from '../ports.js';
import { mcpOAuthAccount } from './mcp-secrets.js';

/** Where the provider sends the browser after sign-in; the local server host answers it. */
export const MCP_OAUTH_REDIRECT_PATH = '/mcp/oauth/callback';

export interface OAuthSignInHooks {
  /** The redirect URL to offer now (the host that answers the callback may change while the app runs). */
  currentRedirect(): string;
  /** The user must open this page to sign in. */
  onAuthorize(url: URL): void;
  /** A sign-in started with this `state`; the callback must bring it back. */
  onState(state: string): void;
}

export class KeychainOAuthProvider implements OAuthClientProvider {
  /** The redirect URL of the sign-in in progress: the token request must repeat exactly the one the authorization used. */
  private pinned: string | null = null;

  constructor(
    private readonly server: string,
    private readonly secrets: SecretStore,
    private readonly hooks: OAuthSignInHooks,
  ) {}

  get redirectUrl(): string {
    return this.pinned ?? this.hooks.currentRedirect();
  }

  /** A fresh, unguessable state per sign-in: the callback is only accepted with it (no CSRF, no stray codes). */
  state(): string {
    this.pinned = this.hooks.currentRedirect();
    const state = randomBytes(24).toString('base64url');
    this.hooks.onState(state);
    return state;
  }

  /** Called when a sign-in ended (tokens saved, or refused): later sign-ins use the redirect of their time. */
  unpin(): void {
    this.pinned = null;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Steward',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  async clientInformation(): Promise<OAuthClientInformationMixed | undefined> {
    const client = await this.readJson<OAuthClientInformationMixed>('client');
    // Registered for another redirect (the callback moved to another port): register again rather than be refused.
    const registered = (client as { redirect_uris?: unknown } | undefined)?.redirect_uris;
    if (Array.isArray(registered) && !registered.includes(this.redirectUrl)) return undefined;
    return client;
  }

  async saveClientInformation(info: OAuthClientInformationMixed): Promise<void> {
    await this.secrets.set(mcpOAuthAccount(this.server, 'client'), JSON.stringify(info));
  }

  async tokens(): Promise<OAuthTokens | undefined> {
    return this.readJson<OAuthTokens>('tokens');
  }

  async saveTokens(tokens: OAuthTokens): Promise<void> {
    await this.secrets.set(mcpOAuthAccount(this.server, 'tokens'), JSON.stringify(tokens));
  }

  redirectToAuthorization(url: URL): void {
    this.hooks.onAuthorize(url);
  }

  async saveCodeVerifier(verifier: string): Promise<void> {
    await this.secrets.set(mcpOAuthAccount(this.server, 'verifier'), verifier);
  }

  async codeVerifier(): Promise<string> {
    const verifier = await this.secrets.get(mcpOAuthAccount(this.server, 'verifier'));
    if (!verifier) throw new Error('No sign-in is in progress for this server; start it again from MCP servers.');
    return verifier;
  }

  async invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    const parts = scope === 'all' ? (['client', 'tokens', 'verifier'] as const) : scope === 'discovery' ? [] : [scope];
    for (const part of parts) await this.secrets.delete(mcpOAuthAccount(this.server, part));
  }

  private async readJson<T>(part: 'client' | 'tokens'): Promise<T | undefined> {
    const text = await this.secrets.get(mcpOAuthAccount(this.server, part));
    if (!text) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      return undefined;
    }
  }
}
