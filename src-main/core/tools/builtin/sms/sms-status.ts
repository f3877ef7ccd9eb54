/**
 * sms.status: reads a sent text's delivery status from Twilio (queued, sent, delivered,
 * undelivered, failed). Read-only, so it runs without asking.
 */
import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { TWILIO_TOOL, twilioSmsFor } from './sms-common.js';

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
    ...TWILIO_TOOL,
    async execute(params, ctx) {
      const { sms } = await twilioSmsFor(ctx, deps);
      const status = await sms.status(params.messageSid, ctx.signal);
      const failure = status.errorCode ? ` (Twilio error ${status.errorCode}${status.errorMessage ? `: ${status.errorMessage}` : ''})` : '';
      return { output: status, summary: `Text ${status.sid} to ${status.to}: ${status.status}${failure}` };
    },
  });
}
