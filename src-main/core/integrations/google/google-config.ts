/** Reads integrations.google with the fix for whatever is missing (the OAuth client id above all). */
import { GoogleSettingsSchema, type GoogleSettings } from '../../../../src-preload/schemas/google-settings.js';
import type { Settings } from '../../../../src-preload/contract.js';
import { zodIssues } from '../../validation.js';
import { GOOGLE_SETUP_PLACE } from './google-errors.js';

export const MISSING_CLIENT_ID =
  `Google is not set up: Steward needs your own OAuth client ID (nothing is built in). Create an OAuth client of type "Desktop app" in Google Cloud Console → APIs & Services → Credentials and paste its client ID in ${GOOGLE_SETUP_PLACE} (README: "Connecting Google").`;

export function readGoogleSettings(settings: Settings): { ok: true; settings: GoogleSettings } | { ok: false; reason: string } {
  const raw = settings.integrations.google;
  if (raw === null || raw === undefined) return { ok: false, reason: MISSING_CLIENT_ID };
  const parsed = GoogleSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    if (issues.some((i) => i.path === 'clientId') && !(raw as { clientId?: unknown }).clientId) return { ok: false, reason: MISSING_CLIENT_ID };
    return { ok: false, reason: `The Google settings are not valid: ${issues.map((i) => `${i.path || '(settings)'} ${i.message}`).join('; ')}. Fix them in ${GOOGLE_SETUP_PLACE}.` };
  }
  return { ok: true, settings: parsed.data };
}
