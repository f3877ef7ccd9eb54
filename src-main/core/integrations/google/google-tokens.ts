/**
 * Google's tokens live only in the keychain, as one JSON entry under "google.tokens". The entry
 * also remembers the account, the granted scopes and — once Google refuses the refresh token —
 * that the user must reconnect, so the Integrations screen can say so without asking Google.
 */
import { z } from 'zod';
import type { SecretStore } from '../../ports.js';

export const GOOGLE_TOKENS_ACCOUNT = 'google.tokens';
export const GOOGLE_CLIENT_SECRET_ACCOUNT = 'google.clientSecret';

export const GoogleTokensSchema = z.object({
  refreshToken: z.string().min(1),
  accessToken: z.string().nullable(),
  /** Milliseconds since the epoch. */
  expiryDate: z.number().nullable(),
  scopes: z.array(z.string()),
  email: z.string(),
  /** Set when Google refused the refresh token: the reason shown until the user reconnects. */
  needsReconnect: z.string().nullable().default(null),
});
export type GoogleTokens = z.output<typeof GoogleTokensSchema>;

export async function readGoogleTokens(secrets: SecretStore): Promise<GoogleTokens | null> {
  const raw = await secrets.get(GOOGLE_TOKENS_ACCOUNT);
  if (!raw) return null;
  try {
    const parsed = GoogleTokensSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeGoogleTokens(secrets: SecretStore, tokens: GoogleTokens): Promise<void> {
  await secrets.set(GOOGLE_TOKENS_ACCOUNT, JSON.stringify(tokens));
}
