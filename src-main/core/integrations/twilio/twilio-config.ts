/**
 * Reads the Twilio settings and auth token, with the fix for whatever is missing. Used by the
 * integration's status and test, the SMS tools and the SMS two-factor channel alike.
 */
import { TwilioSettingsSchema, type TwilioSettings } from '../../../../src-preload/schemas/twilio-settings.js';
import type { Settings } from '../../../../src-preload/contract.js';
import type { SecretStore } from '../../ports.js';
import { zodIssues } from '../../validation.js';
import { readSecret } from '../read-secret.js';
import { TWILIO_AUTH_TOKEN_ACCOUNT } from './twilio-client.js';

export const TWILIO_SETUP_PLACE = 'Integrations › SMS (Twilio)';

export type TwilioSetup = { ok: true; settings: TwilioSettings; authToken: string } | { ok: false; reason: string };

export function readTwilioSettings(settings: Settings): { ok: true; settings: TwilioSettings } | { ok: false; reason: string } {
  const raw = settings.integrations.twilio;
  if (raw === null || raw === undefined) return { ok: false, reason: `Twilio is not set up: enter your Account SID and sending number in ${TWILIO_SETUP_PLACE}.` };
  const parsed = TwilioSettingsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `The Twilio settings are incomplete: ${zodIssues(parsed.error).map((i) => `${i.path || '(settings)'} ${i.message}`).join('; ')}. Fix them in ${TWILIO_SETUP_PLACE}.` };
  return { ok: true, settings: parsed.data };
}

export async function loadTwilioSetup(settings: Settings, secrets: SecretStore): Promise<TwilioSetup> {
  const read = readTwilioSettings(settings);
  if (!read.ok) return read;
  const token = await readSecret(secrets, TWILIO_AUTH_TOKEN_ACCOUNT, 'Twilio auth token');
  if (!token.ok) return { ok: false, reason: token.message };
  if (token.value === null) return { ok: false, reason: `The Twilio auth token is not set: paste it from the Twilio Console (Account info) into ${TWILIO_SETUP_PLACE}.` };
  return { ok: true, settings: read.settings, authToken: token.value };
}
