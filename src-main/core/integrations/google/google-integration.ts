/**
 * Google (Gmail and Calendar): the user's own OAuth client id in integrations.google, an optional
 * client secret and the tokens in the keychain. Connecting is the browser sign-in of
 * google-oauth.ts; the test refreshes the access token (a live call that changes nothing);
 * disconnecting revokes the token at Google before the keychain entries go.
 */
import { GoogleSettingsSchema } from '../../../../src-preload/schemas/google-settings.js';
import { defineIntegration } from '../integration.js';
import { readGoogleSettings } from './google-config.js';
import { GOOGLE_SETUP_PLACE, GoogleError } from './google-errors.js';
import { authorizedGoogleClient, connectGoogle, revokeGoogle } from './google-oauth.js';
import { GOOGLE_FEATURE_NAMES, grantsFeature, type GoogleFeature } from './google-scopes.js';
import { GOOGLE_CLIENT_SECRET_ACCOUNT, GOOGLE_TOKENS_ACCOUNT, readGoogleTokens } from './google-tokens.js';

const FEATURES: GoogleFeature[] = ['gmailSend', 'gmailRead', 'calendar'];

export const googleIntegration = defineIntegration({
  id: 'google',
  displayName: 'Google',
  connection: 'oauth2',
  secretAccounts: [
    { account: GOOGLE_CLIENT_SECRET_ACCOUNT, label: 'OAuth client secret', hint: 'Only if your Desktop-app OAuth client shows one (Google Cloud Console → Credentials).', required: false, userWritable: true },
    { account: GOOGLE_TOKENS_ACCOUNT, label: 'Google sign-in', hint: 'Written by "Connect"; never typed in.', required: true, userWritable: false },
  ],
  settingsSchema: GoogleSettingsSchema,
  settingsOf: (settings) => settings.integrations.google,
  tools: ['gmail.send', 'gmail.search', 'gmail.read', 'calendar.find_slots', 'calendar.create_event', 'calendar.update_event', 'calendar.cancel_event'],
  async setupProblem({ settings, secrets }) {
    const read = readGoogleSettings(settings);
    if (!read.ok) return read.reason;
    const tokens = await readGoogleTokens(secrets);
    if (!tokens) return `Google is not connected yet: choose "Connect" in ${GOOGLE_SETUP_PLACE} and sign in with your Google account.`;
    if (tokens.needsReconnect) return `Google no longer accepts Steward's access (${tokens.needsReconnect}). Reconnect Google in ${GOOGLE_SETUP_PLACE}.`;
    return null;
  },
  async test({ settings, secrets }) {
    const read = readGoogleSettings(settings);
    if (!read.ok) return { ok: false, message: read.reason };
    const tokens = await readGoogleTokens(secrets);
    if (!tokens) return { ok: false, message: `Google is not connected yet: choose "Connect" in ${GOOGLE_SETUP_PLACE} and sign in.` };
    const feature = FEATURES.find((f) => grantsFeature(tokens.scopes, f));
    if (!feature) return { ok: false, message: `Google granted none of Gmail or Calendar. Turn the features on and reconnect Google in ${GOOGLE_SETUP_PLACE}.` };
    try {
      // A forced refresh: proves the refresh token still works, and changes nothing at Google.
      const { client } = await authorizedGoogleClient(read.settings, secrets, feature, Number.POSITIVE_INFINITY);
      void client;
      const granted = FEATURES.filter((f) => grantsFeature(tokens.scopes, f)).map((f) => GOOGLE_FEATURE_NAMES[f]);
      return { ok: true, message: `Connected to Google as ${tokens.email} with ${granted.join(' and ')}.`, account: tokens.email };
    } catch (err) {
      return { ok: false, message: err instanceof GoogleError ? err.userMessage : 'The Google test failed for an unknown reason; see the log.' };
    }
  },
  async facts({ secrets }) {
    const tokens = await readGoogleTokens(secrets).catch(() => null);
    if (!tokens) return [];
    return [{ label: 'Permissions', value: FEATURES.filter((f) => grantsFeature(tokens.scopes, f)).map((f) => GOOGLE_FEATURE_NAMES[f]).join(', ') || 'none' }];
  },
  async startConnect({ settings, secrets }) {
    const read = readGoogleSettings(settings);
    if (!read.ok) throw new GoogleError('not_connected', read.reason);
    let shown: (url: string) => void = () => undefined;
    const authUrl = new Promise<string>((resolve) => (shown = resolve));
    const finished = connectGoogle({ settings: read.settings, secrets, openUrl: (url) => shown(url) }).then(
      (connection) => ({ ok: true, message: `Connected to Google as ${connection.email}.`, account: connection.email }),
      (err: unknown) => ({ ok: false, message: err instanceof GoogleError ? err.userMessage : 'The Google sign-in failed; see the log.' }),
    );
    // The flow either shows its consent page or fails before it can (no free port, say).
    const first = await Promise.race([authUrl, finished]);
    if (typeof first !== 'string') throw new GoogleError('denied', first.message);
    return { authUrl: first, finished };
  },
  async beforeDisconnect({ settings, secrets }) {
    const read = readGoogleSettings(settings);
    await revokeGoogle(read.ok ? read.settings : null, secrets);
    await secrets.delete(GOOGLE_TOKENS_ACCOUNT);
  },
});
