/**
 * sms.send: texts one person through Twilio. It reaches the outside world and a text cannot be
 * unsent, so it asks for approval by default, its card says so with the segment count and the cost
 * estimate, and each grant covers only the number it was given for. Quiet hours and a person's STOP
 * are checked before anything is sent; after sending it watches Twilio for the delivery status.
 */
import { z } from 'zod';
import { E164_HINT, E164_PATTERN, TwilioSettingsSchema } from '../../../../../src-preload/schemas/twilio-settings.js';
import { StewardError } from '../../../errors.js';
import { TWILIO_SETUP_PLACE } from '../../../integrations/twilio/twilio-config.js';
import { isQuietTime } from '../../../integrations/twilio/quiet-hours.js';
import { countSegments } from '../../../integrations/twilio/sms-segments.js';
import type { SentSms } from '../../../integrations/twilio/twilio-sms.js';
import { defineTool } from '../../tool.js';
import { TWILIO_TOOL, twilioSmsFor } from './sms-common.js';

/** Twilio's limit for one message body. */
export const MAX_SMS_CHARS = 1600;
export const SMS_CANNOT_BE_UNDONE = 'A text cannot be unsent once Twilio has it.';

export const SmsSendParams = z
  .object({
    to: z.string({ error: E164_HINT }).regex(E164_PATTERN, { error: (issue) => `"${String(issue.input)}" ${E164_HINT}` }).describe('phone number in E.164 form, e.g. +14155550123'),
    body: z.string({ error: 'must be the text to send' }).min(1, 'must not be empty').max(MAX_SMS_CHARS, `must be at most ${MAX_SMS_CHARS} characters`).describe('the text message'),
  })
  .strict();
export type SmsSendParams = z.output<typeof SmsSendParams>;

export interface SmsSendOutput extends SentSms {
  encoding: 'GSM-7' | 'UCS-2';
}

export interface SmsToolDeps {
  /** Current settings.integrations.twilio (raw; validated here). Needed for the price on the card. */
  getTwilioSettings: () => unknown;
  now?: () => Date;
  /** How often to read the delivery status while watching (default 2 s). */
  pollIntervalMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  retryBaseDelayMs?: number;
  /** Per request to Twilio (default 15 s). */
  requestTimeoutMs?: number;
}

export class QuietHoursError extends StewardError {
  constructor(start: string, end: string, timeZone: string) {
    super('conflict', `It is quiet hours (${start}–${end}, ${timeZone}), when Steward sends no texts, so nothing was sent. Try again after ${end}, or change quiet hours in ${TWILIO_SETUP_PLACE}.`);
  }
}

export class SmsOptedOutError extends StewardError {
  constructor(to: string) {
    super('conflict', `${to} replied STOP to your Twilio number, so Steward will not text them; nothing was sent. They can reply START to receive texts again.`);
  }
}

function pricePerSegment(deps: SmsToolDeps): number | null {
  const parsed = TwilioSettingsSchema.safeParse(deps.getTwilioSettings());
  return parsed.success ? parsed.data.pricePerSegmentUsd : null;
}

export function describeSms(params: SmsSendParams, price: number | null): string {
  const { segments, encoding } = countSegments(params.body);
  const preview = params.body.length > 60 ? `${params.body.slice(0, 59)}…` : params.body;
  const cost = price === null ? '' : `, about $${(segments * price).toFixed(4)}`;
  return `Text ${params.to}: “${preview}” — ${segments} segment${segments === 1 ? '' : 's'} (${encoding})${cost}. ${SMS_CANNOT_BE_UNDONE}`;
}

export function createSmsSendTool(deps: SmsToolDeps) {
  const now = deps.now ?? (() => new Date());
  return defineTool({
    name: 'sms.send',
    title: 'Send a text message',
    userDescription: 'Sends an SMS with Twilio from your Steward number.',
    description: `Send a text message (SMS) through Twilio to one phone number in E.164 form (+14155550123). ${SMS_CANNOT_BE_UNDONE}`,
    parameters: SmsSendParams,
    sideEffect: 'external',
    defaultPermission: 'ask',
    idempotent: false,
    // The result is Steward's own account of what it did, not outside text.
    resultOrigin: () => null,
    timeoutMs: 360_000,
    cannotUndo: 'A text cannot be unsent: it reaches the phone as soon as Twilio has it.',
    describe: (params) => describeSms(params, pricePerSegment(deps)),
    estimateCost: (params) => countSegments(params.body).segments * (pricePerSegment(deps) ?? 0),
    grantScope: (params) => params.to,
    ...TWILIO_TOOL,
    async execute(params, ctx) {
      const { sms, setup } = await twilioSmsFor(ctx, { ...deps, timeoutMs: deps.requestTimeoutMs });
      const quiet = setup.settings.quietHours;
      if (isQuietTime(now(), quiet)) throw new QuietHoursError(quiet.start, quiet.end, quiet.timeZone);
      if (await sms.hasOptedOut(params.to, ctx.signal)) throw new SmsOptedOutError(params.to);
      ctx.signal.throwIfAborted();

      const sent = await sms.send(params.to, params.body, ctx.signal);
      ctx.log(`sent ${sent.sid}, status ${sent.status}`);
      const watched = await sms.watchDelivery(sent, setup.settings.deliveryWatchSeconds * 1000, deps.pollIntervalMs ?? 2000, ctx.signal).catch(() => sent);
      const { encoding, segments } = countSegments(params.body);
      const cost = watched.priceUsd ?? segments * setup.settings.pricePerSegmentUsd;
      const failure = watched.errorCode ? ` (Twilio error ${watched.errorCode}${watched.errorMessage ? `: ${watched.errorMessage}` : ''})` : '';
      return {
        output: { ...watched, segments: watched.segments || segments, encoding } satisfies SmsSendOutput,
        summary: `Texted ${params.to} (${segments} segment${segments === 1 ? '' : 's'}, message ${watched.sid}): ${watched.status}${failure}. ${SMS_CANNOT_BE_UNDONE}`,
        costUsd: cost,
      };
    },
  });
}
