/**
 * OAuth for remote MCP servers that ask for it, through the SDK's auth helpers: discovery,
 * dynamic client registration, PKCE and token refresh are the SDK's; this class only keeps what
 * they produce in the keychain (never in the database or settings) and tells the connection when
 * the user must open the sign-in page.
 */
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { SecretStore } from '../ports.js';
import { mcpOAuthAccount } from './mcp-secrets.js';

/** Where the provider sends the browser after sign-in; the local server host answers it. */
export const MCP_OAUTH_REDIRECT_PATH = '/mcp/oauth/callback';

export class KeychainOAuthProvider implements OAuthClientProvider {
  constructor(
    private readonly server: string,
    private readonly secrets: SecretStore,
    private readonly redirect: string,
    private readonly onAuthorize: (url: URL) => void,
  ) {}

  get redirectUrl(): string {
    return this.redirect;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Steward',
      redirect_uris: [this.redirect],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  async clientInformation(): Promise<OAuthClientInformationMixed | undefined> {
    return this.readJson<OAuthClientInformationMixed>('client');
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
    this.onAuthorize(url);
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
