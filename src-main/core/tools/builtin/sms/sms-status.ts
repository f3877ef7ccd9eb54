/**
 * sms.status: reads a sent text's delivery status from Twilio (queued, sent, delivered,
 * undelivered, failed). Read-only, so it runs without asking.
 */
import { z } from 'zod';
import { TWILIO_AUTH_TOKEN_ACCOUNT } from '../../../integrations/twilio/twilio-client.js';
import { loadTwilioSetup } from '../../../integrations/twilio/twilio-config.js';
import { TwilioSms } from '../../../integrations/twilio/twilio-sms.js';
import { defineTool } from '../../tool.js';
import { ToolNotConfiguredError } from '../tool-errors.js';

export const SmsStatusParams = z
  .object({ messageSid: z.string({ error: 'must be the message id sms.send returned (starts with SM)' }).regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'must be the message id sms.send returned: "SM" and 32 hex characters') })
  .strict();

export function createSmsStatusTool(deps: { sleep?: (ms: number, signal?: AbortSignal) => Promise<void>; retryBaseDelayMs?: number } = {}) {
  return defineTool({
    name: 'sms.status',
    title: 'Check a text was delivered',
    userDescription: 'Asks Twilio whether a text Steward sent has been delivered.',
    description: 'Check whether a text sent with sms.send was delivered (Twilio delivery status).',
    parameters: SmsStatusParams,
    describe: (p) => `Check delivery of text ${p.messageSid}`,
    sideEffect: 'none',
    defaultPermission: 'always',
    idempotent: true,
    timeoutMs: 60_000,
    credentialAccounts: [TWILIO_AUTH_TOKEN_ACCOUNT],
    async isConfigured({ settings, secrets }) {
      const setup = await loadTwilioSetup(settings, secrets);
      return setup.ok ? { ok: true } : { ok: false, reason: setup.reason };
    },
    async execute(params, ctx) {
      const setup = await loadTwilioSetup(ctx.settings, ctx.secrets);
      if (!setup.ok) throw new ToolNotConfiguredError('SMS', setup.reason);
      const sms = new TwilioSms({ accountSid: setup.settings.accountSid, authToken: setup.authToken, fromNumber: setup.settings.fromNumber, sleep: deps.sleep, retryBaseDelayMs: deps.retryBaseDelayMs });
      const status = await sms.status(params.messageSid, ctx.signal);
      const failure = status.errorCode ? ` (Twilio error ${status.errorCode}${status.errorMessage ? `: ${status.errorMessage}` : ''})` : '';
      return { output: status, summary: `Text ${status.sid} to ${status.to}: ${status.status}${failure}` };
    },
  });
}
