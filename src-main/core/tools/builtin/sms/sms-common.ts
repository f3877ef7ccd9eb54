/** What the SMS tools share: the Twilio key they may see, "is Twilio set up?", and a ready client. */
import { TWILIO_AUTH_TOKEN_ACCOUNT } from '../../../integrations/twilio/twilio-client.js';
import { loadTwilioSetup, type TwilioSetup } from '../../../integrations/twilio/twilio-config.js';
import { TwilioSms } from '../../../integrations/twilio/twilio-sms.js';
import type { ToolContext } from '../../tool.js';
import { ToolNotConfiguredError } from '../tool-errors.js';

export interface TwilioToolDeps {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  retryBaseDelayMs?: number;
  /** One request to Twilio, at most. */
  timeoutMs?: number;
}

/** Declared alike by every SMS tool: only the Twilio auth token, and configured when Twilio's setup reads. */
export const TWILIO_TOOL = {
  credentialAccounts: [TWILIO_AUTH_TOKEN_ACCOUNT],
  async isConfigured({ settings, secrets }: Pick<ToolContext, 'settings' | 'secrets'>): Promise<{ ok: true } | { ok: false; reason: string }> {
    const setup = await loadTwilioSetup(settings, secrets);
    return setup.ok ? { ok: true } : { ok: false, reason: setup.reason };
  },
};

/** A Twilio SMS client from the saved setup; refused with the fix when Twilio is not set up. */
export async function twilioSmsFor(ctx: Pick<ToolContext, 'settings' | 'secrets'>, deps: TwilioToolDeps): Promise<{ sms: TwilioSms; setup: Extract<TwilioSetup, { ok: true }> }> {
  const setup = await loadTwilioSetup(ctx.settings, ctx.secrets);
  if (!setup.ok) throw new ToolNotConfiguredError('SMS', setup.reason);
  const sms = new TwilioSms({ accountSid: setup.settings.accountSid, authToken: setup.authToken, fromNumber: setup.settings.fromNumber, sleep: deps.sleep, retryBaseDelayMs: deps.retryBaseDelayMs, timeoutMs: deps.timeoutMs });
  return { sms, setup };
}
