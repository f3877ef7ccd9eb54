/**
 * OAuth 2.0 for Google the way a desktop app must do it (RFC 8252): the authorization-code flow
 * with PKCE (S256) in the user's own browser, and a one-shot redirect listener on 127.0.0.1 at a
 * free port. Only the scopes of the features turned on are asked for. Tokens go straight into the
 * keychain; access tokens are refreshed before they expire; a refresh token Google refuses marks
 * the connection "reconnect Google"; disconnecting revokes the token at Google first.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Client, type Credentials } from 'google-auth-library';
import type { GoogleSettings } from '../../../../src-preload/schemas/google-settings.js';
import type { SecretStore } from '../../ports.js';
import { googleEndpoints, type GoogleEndpoints } from './google-endpoints.js';
import { GOOGLE_SETUP_PLACE, GoogleError, GoogleReconnectError, mapGoogleError } from './google-errors.js';
import { GOOGLE_FEATURE_NAMES, grantsFeature, scopesFor, type GoogleFeature } from './google-scopes.js';
import { GOOGLE_CLIENT_SECRET_ACCOUNT, readGoogleTokens, writeGoogleTokens, type GoogleTokens } from './google-tokens.js';

/** Refresh when less than this is left, so a call never starts with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
const CALLBACK_PATH = '/oauth2callback';

export interface GoogleConnectOptions {
  settings: GoogleSettings;
  secrets: SecretStore;
  /** Opens the consent page in the user's browser (the host's shell.openExternal). */
  openUrl(url: string): Promise<void> | void;
  timeoutMs?: number;
  signal?: AbortSignal;
  endpoints?: GoogleEndpoints;
}

export interface GoogleConnection {
  email: string;
  scopes: string[];
}

async function clientSecretOf(secrets: SecretStore): Promise<string | undefined> {
  const secret = await secrets.get(GOOGLE_CLIENT_SECRET_ACCOUNT);
  return secret && secret.trim() !== '' ? secret.trim() : undefined;
}

function oauthClient(clientId: string, clientSecret: string | undefined, endpoints: GoogleEndpoints, redirectUri?: string): OAuth2Client {
  return new OAuth2Client({
    clientId,
    clientSecret,
    redirectUri,
    eagerRefreshThresholdMillis: REFRESH_MARGIN_MS,
    // An access token Google dropped early (401) is refreshed once and the call repeated.
    forceRefreshOnFailure: true,
    endpoints: { oauth2AuthBaseUrl: endpoints.authUrl, oauth2TokenUrl: endpoints.tokenUrl, oauth2RevokeUrl: endpoints.revokeUrl },
  });
}

/** Runs the consent flow once and stores the tokens. Resolves with the connected account. */
export async function connectGoogle(options: GoogleConnectOptions): Promise<GoogleConnection> {
  const endpoints = options.endpoints ?? googleEndpoints();
  const scopes = scopesFor(options.settings.features);
  const state = randomBytes(16).toString('hex');
  const listener = await listenOnLoopback();
  const redirectUri = `http://127.0.0.1:${listener.port}${CALLBACK_PATH}`;
  try {
    const client = oauthClient(options.settings.clientId, await clientSecretOf(options.secrets), endpoints, redirectUri);
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const authUrl = client.generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: scopes, state, code_challenge: codeChallenge, code_challenge_method: 'S256' as never });
    const callback = listener.waitForCallback(state, options.timeoutMs ?? 5 * 60_000, options.signal);
    await options.openUrl(authUrl);
    const code = await callback;
    let tokens: Credentials;
    try {
      tokens = (await client.getToken({ code, codeVerifier, redirect_uri: redirectUri })).tokens;
    } catch (err) {
      throw mapGoogleError(err, 'finishing the sign-in');
    }
    if (!tokens.refresh_token) throw new GoogleError('auth', 'Google did not give Steward lasting access (no refresh token). Remove Steward under myaccount.google.com → Security → Third-party access, then connect again.');
    const granted = (tokens.scope ?? scopes.join(' ')).split(/\s+/).filter(Boolean);
    const email = emailFromIdToken(tokens.id_token) ?? 'your Google account';
    await writeGoogleTokens(options.secrets, { refreshToken: tokens.refresh_token, accessToken: tokens.access_token ?? null, expiryDate: tokens.expiry_date ?? null, scopes: granted, email, needsReconnect: null });
    return { email, scopes: granted };
  } finally {
    listener.close();
  }
}

/**
 * An OAuth2 client with a fresh access token for `feature`, or a GoogleError saying what to do:
 * not connected, reconnect (refresh token refused, remembered in the keychain), or missing scope.
 */
export async function authorizedGoogleClient(settings: GoogleSettings, secrets: SecretStore, feature: GoogleFeature, now = Date.now(), endpoints = googleEndpoints()): Promise<{ client: OAuth2Client; tokens: GoogleTokens }> {
  const tokens = await readGoogleTokens(secrets);
  if (!tokens) throw new GoogleError('not_connected', `Google is not connected yet. Choose "Connect" for Google in ${GOOGLE_SETUP_PLACE} and sign in.`);
  if (tokens.needsReconnect) throw new GoogleReconnectError();
  if (!grantsFeature(tokens.scopes, feature)) {
    throw new GoogleError('scope', `Steward does not have Google's permission for ${GOOGLE_FEATURE_NAMES[feature]}. Turn it on and reconnect Google in ${GOOGLE_SETUP_PLACE}.`);
  }
  const client = oauthClient(settings.clientId, await clientSecretOf(secrets), endpoints);
  client.setCredentials({ refresh_token: tokens.refreshToken, access_token: tokens.accessToken, expiry_date: tokens.expiryDate });
  let current = tokens;
  if (!tokens.accessToken || tokens.expiryDate === null || tokens.expiryDate - now < REFRESH_MARGIN_MS) {
    try {
      const { credentials } = await client.refreshAccessToken();
      current = { ...tokens, accessToken: credentials.access_token ?? null, expiryDate: credentials.expiry_date ?? null };
      await writeGoogleTokens(secrets, current);
    } catch (err) {
      const mapped = mapGoogleError(err, 'refreshing Google access');
      if (mapped.kind === 'reconnect') await writeGoogleTokens(secrets, { ...tokens, accessToken: null, needsReconnect: 'Google refused the refresh token (revoked or expired).' });
      throw mapped;
    }
  }
  // A refresh the library does on its own (a 401 mid-call) is kept too.
  client.on('tokens', (fresh) => {
    current = { ...current, accessToken: fresh.access_token ?? current.accessToken, expiryDate: fresh.expiry_date ?? current.expiryDate };
    void writeGoogleTokens(secrets, current).catch(() => undefined);
  });
  return { client, tokens: current };
}

/** Revokes the refresh token at Google (which ends every access token too); the caller deletes the keychain entries. */
export async function revokeGoogle(settings: GoogleSettings | null, secrets: SecretStore, endpoints = googleEndpoints()): Promise<'revoked' | 'already_invalid' | 'not_connected'> {
  const tokens = await readGoogleTokens(secrets);
  if (!tokens) return 'not_connected';
  const client = oauthClient(settings?.clientId ?? 'unknown', undefined, endpoints);
  try {
    await client.revokeToken(tokens.refreshToken);
    return 'revoked';
  } catch (err) {
    const mapped = mapGoogleError(err, 'revoking access');
    // Google answers 400 invalid_token for a token it already dropped: nothing left to revoke.
    if (mapped.status === 400 || mapped.kind === 'reconnect') return 'already_invalid';
    throw mapped;
  }
}

/** The id token came straight from Google's token endpoint over TLS, so its claims are read without re-verifying (OpenID Connect Core §3.1.3.7). */
export function emailFromIdToken(idToken: string | null | undefined): string | null {
  if (!idToken) return null;
  const payload = idToken.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { email?: unknown };
    return typeof claims.email === 'string' ? claims.email : null;
  } catch {
    return null;
  }
}

interface LoopbackListener {
  port: number;
  waitForCallback(state: string, timeoutMs: number, signal?: AbortSignal): Promise<string>;
  close(): void;
}

/** A listener on 127.0.0.1 only (never all interfaces), on a port the OS picks. */
async function listenOnLoopback(): Promise<LoopbackListener> {
  let onRequest: ((url: URL, reply: (status: number, text: string) => void) => void) | null = null;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`<!doctype html><meta charset="utf-8"><title>Steward</title><p>${text}</p>`);
    };
    if (url.pathname !== CALLBACK_PATH || !onRequest) return reply(404, 'Not found.');
    onRequest(url, reply);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    waitForCallback(state, timeoutMs, signal) {
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => fail(new GoogleError('timeout', `The Google sign-in was not finished within ${Math.round(timeoutMs / 60_000) || 1} minutes. Choose "Connect" again.`)), timeoutMs);
        const onAbort = () => fail(new GoogleError('denied', 'The Google sign-in was cancelled. Nothing was stored.'));
        signal?.addEventListener('abort', onAbort, { once: true });
        const fail = (error: Error) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          onRequest = null;
          reject(error);
        };
        onRequest = (url, reply) => {
          // Another page guessing the port cannot finish the flow: it would need our state value.
          if (url.searchParams.get('state') !== state) return reply(400, 'This sign-in link does not belong to the current Steward sign-in. Start again from Steward.');
          const error = url.searchParams.get('error');
          if (error) {
            reply(200, 'Steward was not given access. You can close this tab.');
            return fail(new GoogleError('denied', error === 'access_denied' ? 'You did not allow Steward access to Google, so nothing was connected. Choose "Connect" again to retry.' : `Google ended the sign-in with "${error}". Nothing was connected.`));
          }
          const code = url.searchParams.get('code');
          if (!code) return reply(400, 'The sign-in answer had no code. Start again from Steward.');
          reply(200, 'Steward is connected to Google. You can close this tab and go back to Steward.');
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          onRequest = null;
          resolve(code);
        };
      });
    },
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
