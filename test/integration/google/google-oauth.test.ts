/**
 * Connecting Google as a desktop app must (RFC 8252): authorization code + PKCE in the browser, a
 * loopback redirect on 127.0.0.1, least scopes, tokens only in the keychain, refresh before expiry,
 * a clear "reconnect Google" state once the refresh token is revoked, and revoke on disconnect —
 * with the real google-auth-library against the local Google fake.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-preload/schemas/settings.js';
import { readGoogleSettings } from '../../../src-main/core/integrations/google/google-config.js';
import { GoogleError } from '../../../src-main/core/integrations/google/google-errors.js';
import { googleIntegration } from '../../../src-main/core/integrations/google/google-integration.js';
import { authorizedGoogleClient, connectGoogle } from '../../../src-main/core/integrations/google/google-oauth.js';
import { GOOGLE_TOKENS_ACCOUNT, readGoogleTokens } from '../../../src-main/core/integrations/google/google-tokens.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { FAKE_USER, startGoogleFake, type GoogleFake } from '../../fakes/google-fake.js';
import { settingsWith } from '../twilio/support.js';
import { browserFollows, connect, googleSettings, useGoogleFake } from './support.js';

let fake: GoogleFake;
let restore: () => void;
beforeEach(async () => {
  fake = await startGoogleFake();
  restore = useGoogleFake(fake);
});
afterEach(async () => {
  restore();
  await fake.close();
});

describe('Google OAuth2 for a desktop app', () => {
  it('signs in with PKCE over a 127.0.0.1 redirect, asks only the scopes of the features on, and keeps tokens only in the keychain', async () => {
    const secrets = createMemorySecretStore();
    const settings = googleSettings(fake, { features: { gmailSend: false, gmailRead: false, calendar: true } });
    const { connection, opened, landing } = await connect(fake, secrets, settings);

    expect(connection).toEqual({ email: FAKE_USER, scopes: ['openid', 'email', 'https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar.freebusy'] });
    expect(landing).toContain('Steward is connected to Google');
    const auth = new URL(opened[0]!);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(auth.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2callback$/);
    expect(auth.searchParams.get('access_type')).toBe('offline');
    expect(auth.searchParams.get('scope')).not.toContain('gmail');
    // The code went back with the verifier that matches the challenge (the fake checks it).
    const exchange = fake.requests.find((r) => r.operation === 'token')!;
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code_verifier: expect.stringMatching(/^[\w.~-]{43,128}$/) });

    const stored = await readGoogleTokens(secrets);
    expect(stored).toMatchObject({ email: FAKE_USER, refreshToken: fake.liveRefreshTokens()[0], needsReconnect: null });
    expect(JSON.stringify(settings)).not.toContain(stored!.refreshToken);
  });

  it('a sign-in the user declines stores nothing and says how to retry; a forged callback is ignored', async () => {
    const secrets = createMemorySecretStore();
    fake.consent = 'deny';
    const error = await connect(fake, secrets).catch((e: unknown) => e);
    expect((error as GoogleError).userMessage).toBe('You did not allow Steward access to Google, so nothing was connected. Choose "Connect" again to retry.');
    expect(await secrets.get(GOOGLE_TOKENS_ACCOUNT)).toBeNull();

    fake.consent = 'allow';
    let forged = '';
    const pending = connectGoogle({
      settings: googleSettings(fake),
      secrets,
      openUrl: async (url) => {
        const redirect = new URL(url).searchParams.get('redirect_uri')!;
        // Another page on this machine guesses the port but not the state.
        forged = await (await fetch(`${redirect}?code=stolen&state=guess`)).text();
        await browserFollows(url);
      },
    });
    await pending;
    expect(forged).toContain('does not belong to the current Steward sign-in');
  });

  it('without the user\'s own OAuth client id it says where to create one, and never calls Google', async () => {
    const reason = readGoogleSettings(settingsWith({}));
    expect(reason).toEqual({ ok: false, reason: expect.stringMatching(/^Google is not set up: Steward needs your own OAuth client ID \(nothing is built in\)\. Create an OAuth client of type "Desktop app" in Google Cloud Console/) });
    // A wrong id is refused when the settings are saved, naming the field and where to get the right one.
    const invalid = SettingsSchema.safeParse({ integrations: { google: { clientId: 'my-client' } } });
    expect(invalid.error!.issues[0]).toMatchObject({ path: ['integrations', 'google', 'clientId'], message: expect.stringContaining('must be the client ID of your own OAuth client, ending in .apps.googleusercontent.com') });
    expect(await googleIntegration.setupProblem({ settings: settingsWith({}), secrets: createMemorySecretStore() })).toMatch(/needs your own OAuth client ID/);
    expect(fake.requests).toHaveLength(0);
  });

  it('refreshes an access token that is about to expire before using it, and keeps the new one in the keychain', async () => {
    const secrets = createMemorySecretStore();
    const settings = googleSettings(fake);
    await connect(fake, secrets, settings);
    const before = (await readGoogleTokens(secrets))!;
    await secrets.set(GOOGLE_TOKENS_ACCOUNT, JSON.stringify({ ...before, expiryDate: Date.now() + 60_000 }));

    const { tokens } = await authorizedGoogleClient(settings, secrets, 'calendar');
    expect(fake.requests.filter((r) => r.operation === 'token').map((r) => (r.body as { grant_type: string }).grant_type)).toEqual(['authorization_code', 'refresh_token']);
    expect(tokens.accessToken).not.toBe(before.accessToken);
    expect((await readGoogleTokens(secrets))!.accessToken).toBe(tokens.accessToken);
  });

  it('a revoked refresh token turns into a "reconnect Google" state the screen and the tools show', async () => {
    const secrets = createMemorySecretStore();
    const settings = googleSettings(fake);
    await connect(fake, secrets, settings);
    fake.revokeAll();
    fake.expireAccessTokens();
    const stale = (await readGoogleTokens(secrets))!;
    await secrets.set(GOOGLE_TOKENS_ACCOUNT, JSON.stringify({ ...stale, expiryDate: 0 }));

    const error = (await authorizedGoogleClient(settings, secrets, 'calendar').catch((e: unknown) => e)) as GoogleError;
    expect(error.kind).toBe('reconnect');
    expect(error.userMessage).toBe("Google no longer accepts Steward's access (it was revoked or has expired). Reconnect Google in Integrations › Google; nothing was sent or changed.");
    expect((await readGoogleTokens(secrets))!.needsReconnect).toMatch(/refused the refresh token/);

    const all = settingsWith({ google: settings });
    expect(await googleIntegration.setupProblem({ settings: all, secrets })).toMatch(/Reconnect Google in Integrations › Google/);
    expect(await googleIntegration.test({ settings: all, secrets })).toMatchObject({ ok: false, message: expect.stringMatching(/Reconnect Google/) });
    // Reconnecting clears the state.
    await connect(fake, secrets, settings);
    expect((await readGoogleTokens(secrets))!.needsReconnect).toBeNull();
  });

  it('disconnecting revokes the token at Google and removes it from the keychain', async () => {
    const secrets = createMemorySecretStore();
    const settings = googleSettings(fake);
    await connect(fake, secrets, settings);
    const refresh = fake.liveRefreshTokens()[0]!;
    await googleIntegration.beforeDisconnect!({ settings: settingsWith({ google: settings }), secrets });
    expect(fake.revokedTokens()).toEqual([refresh]);
    expect(fake.liveRefreshTokens()).toEqual([]);
    expect(await secrets.get(GOOGLE_TOKENS_ACCOUNT)).toBeNull();
  });

  it('the connection test names the account and what Google granted', async () => {
    const secrets = createMemorySecretStore();
    const settings = googleSettings(fake, { features: { gmailSend: true, gmailRead: false, calendar: true } });
    await connect(fake, secrets, settings);
    const result = await googleIntegration.test({ settings: settingsWith({ google: settings }), secrets });
    expect(result).toEqual({ ok: true, message: `Connected to Google as ${FAKE_USER} with Gmail sending and Calendar.`, account: FAKE_USER });
  });
});
