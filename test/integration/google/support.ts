import { GoogleSettingsSchema, type GoogleSettings } from '../../../src-preload/schemas/google-settings.js';
import { connectGoogle } from '../../../src-main/core/integrations/google/google-oauth.js';
import type { SecretStore } from '../../../src-main/core/ports.js';
import type { GoogleFake } from '../../fakes/google-fake.js';

/** Points googleapis and the OAuth client at the fake (what the app reads at each call); returns the undo. */
export function useGoogleFake(fake: GoogleFake): () => void {
  const before = { api: process.env.STEWARD_GOOGLE_API_URL, oauth: process.env.STEWARD_GOOGLE_OAUTH_URL };
  process.env.STEWARD_GOOGLE_API_URL = fake.url;
  process.env.STEWARD_GOOGLE_OAUTH_URL = fake.url;
  return () => {
    for (const [key, value] of [['STEWARD_GOOGLE_API_URL', before.api], ['STEWARD_GOOGLE_OAUTH_URL', before.oauth]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

export function googleSettings(fake: GoogleFake, extra: Record<string, unknown> = {}): GoogleSettings {
  return GoogleSettingsSchema.parse({ clientId: fake.clientId, timeZone: 'Europe/Berlin', workingHours: { start: '09:00', end: '17:00', days: [0, 1, 2, 3, 4, 5, 6] }, bufferMinutes: 10, ...extra });
}

/** What the user's browser does: open the consent page, follow Google's redirect to the loopback listener. */
export async function browserFollows(url: string): Promise<string> {
  const consent = await fetch(url, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) return `consent page answered ${consent.status}: ${await consent.text()}`;
  const landing = await fetch(location);
  return landing.text();
}

export async function connect(fake: GoogleFake, secrets: SecretStore, settings = googleSettings(fake)) {
  const opened: string[] = [];
  const pages: Promise<string>[] = [];
  const connection = await connectGoogle({
    settings,
    secrets,
    openUrl: (url) => {
      opened.push(url);
      pages.push(browserFollows(url));
    },
  });
  return { connection, opened, landing: await pages[0] };
}
