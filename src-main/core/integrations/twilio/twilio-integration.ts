/**
 * Twilio (SMS): Account SID and sending number in integrations.twilio, the auth token in the
 * keychain. The connection test reads the account (sends nothing).
 */
import { TwilioSettingsSchema } from '../../../../src-preload/schemas/twilio-settings.js';
import { defineIntegration } from '../integration.js';
import { TWILIO_AUTH_TOKEN_ACCOUNT } from './twilio-client.js';
import { loadTwilioSetup } from './twilio-config.js';
import { TwilioError } from './twilio-errors.js';
import { TwilioSms } from './twilio-sms.js';

export const twilioIntegration = defineIntegration({
  id: 'twilio',
  displayName: 'SMS (Twilio)',
  connection: 'api-key',
  secretAccounts: [{ account: TWILIO_AUTH_TOKEN_ACCOUNT, label: 'Auth token', hint: 'Twilio Console → Account info → Auth token.', required: true, userWritable: true }],
  settingsSchema: TwilioSettingsSchema,
  settingsOf: (settings) => settings.integrations.twilio,
  tools: ['sms.send', 'sms.status'],
  async setupProblem({ settings, secrets }) {
    const setup = await loadTwilioSetup(settings, secrets);
    return setup.ok ? null : setup.reason;
  },
  async test({ settings, secrets, signal }) {
    const setup = await loadTwilioSetup(settings, secrets);
    if (!setup.ok) return { ok: false, message: setup.reason };
    const sms = new TwilioSms({ accountSid: setup.settings.accountSid, authToken: setup.authToken, fromNumber: setup.settings.fromNumber, timeoutMs: 10_000 });
    try {
      const name = await sms.accountName(signal);
      return { ok: true, message: `Connected to Twilio as "${name}". Texts will come from ${setup.settings.fromNumber}.`, account: name };
    } catch (err) {
      return { ok: false, message: err instanceof TwilioError ? err.userMessage : 'The Twilio test failed for an unknown reason; see the log.' };
    }
  },
  facts: async ({ settings }) => {
    const twilio = settings.integrations.twilio;
    if (!twilio) return [];
    const quiet = twilio.quietHours;
    return [
      { label: 'Sends from', value: twilio.fromNumber },
      { label: 'Quiet hours', value: quiet.enabled ? `${quiet.start}–${quiet.end} (${quiet.timeZone})` : 'Off' },
    ];
  },
});
