/** Loading an authorized Gmail client for the Gmail tools, with the fix when Google is not ready. */
import { readGoogleSettings } from '../../../integrations/google/google-config.js';
import { GoogleGmail } from '../../../integrations/google/google-gmail.js';
import { authorizedGoogleClient } from '../../../integrations/google/google-oauth.js';
import type { GoogleFeature } from '../../../integrations/google/google-scopes.js';
import { GOOGLE_CLIENT_SECRET_ACCOUNT, GOOGLE_TOKENS_ACCOUNT, readGoogleTokens } from '../../../integrations/google/google-tokens.js';
import { grantsFeature, GOOGLE_FEATURE_NAMES } from '../../../integrations/google/google-scopes.js';
import type { ToolContext } from '../../tool.js';
import { ToolNotConfiguredError } from '../tool-errors.js';

export const GMAIL_CREDENTIAL_ACCOUNTS = [GOOGLE_TOKENS_ACCOUNT, GOOGLE_CLIENT_SECRET_ACCOUNT] as const;

export interface GmailToolDeps {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  retryBaseDelayMs?: number;
  timeoutMs?: number;
}

export async function gmailFor(ctx: Pick<ToolContext, 'settings' | 'secrets'>, feature: GoogleFeature, deps: GmailToolDeps): Promise<{ gmail: GoogleGmail; account: string }> {
  const read = readGoogleSettings(ctx.settings);
  if (!read.ok) throw new ToolNotConfiguredError('Gmail', read.reason);
  const { client, tokens } = await authorizedGoogleClient(read.settings, ctx.secrets, feature);
  return { gmail: new GoogleGmail(client, deps), account: tokens.email };
}

export function gmailConfigured(feature: GoogleFeature) {
  return async (ctx: Pick<ToolContext, 'settings' | 'secrets'>): Promise<{ ok: true } | { ok: false; reason: string }> => {
    const read = readGoogleSettings(ctx.settings);
    if (!read.ok) return read;
    const tokens = await readGoogleTokens(ctx.secrets);
    if (!tokens) return { ok: false, reason: 'Google is not connected yet. Choose "Connect" for Google in Integrations › Google and sign in.' };
    if (tokens.needsReconnect) return { ok: false, reason: "Google no longer accepts Steward's access (revoked or expired). Reconnect Google in Integrations › Google." };
    if (!grantsFeature(tokens.scopes, feature)) return { ok: false, reason: `${GOOGLE_FEATURE_NAMES[feature]} is not allowed for Steward. Turn it on and reconnect Google in Integrations › Google.` };
    return { ok: true };
  };
}

/** What the read-only Gmail tools (search, read) declare alike: no side effect, so they run without asking. */
export const GMAIL_READ_ONLY_TOOL = {
  sideEffect: 'none',
  defaultPermission: 'always',
  idempotent: true,
  timeoutMs: 60_000,
  credentialAccounts: GMAIL_CREDENTIAL_ACCOUNTS,
  isConfigured: gmailConfigured('gmailRead'),
} as const;
