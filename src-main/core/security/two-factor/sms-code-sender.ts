/**
 * Sends a two-factor code by SMS with the Twilio account set up under Integrations › SMS (Twilio).
 * Quiet hours do not apply: the user asked for the code this minute.
 */
import type { Settings } from '../../../../src-preload/contract.js';
import { StewardError } from '../../errors.js';
import { loadTwilioSetup } from '../../integrations/twilio/twilio-config.js';
import { TwilioSms } from '../../integrations/twilio/twilio-sms.js';
import type { SecretStore } from '../../ports.js';

export type SmsCodeSender = (to: string, body: string) => Promise<void>;

export function twilioCodeSender(settings: () => Settings, secrets: SecretStore): SmsCodeSender {
  return async (to, body) => {
    const setup = await loadTwilioSetup(settings(), secrets);
    if (!setup.ok) throw new StewardError('conflict', `Two-factor by SMS needs Twilio: ${setup.reason}`);
    await new TwilioSms({ accountSid: setup.settings.accountSid, authToken: setup.authToken, fromNumber: setup.settings.fromNumber }).send(to, body);
  };
}
