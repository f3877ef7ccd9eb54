/**
 * sms.send and sms.status with the real twilio SDK against the local Twilio fake: what reaches
 * Twilio, the segment count and cost on the card, delivery status, STOP, quiet hours, and every
 * failure (bad number, 429 with Retry-After, 5xx, timeouts, a refused token) with nothing sent
 * where nothing may be.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StewardError } from '../../../src-main/core/errors.js';
import { TWILIO_AUTH_TOKEN_ACCOUNT } from '../../../src-main/core/integrations/twilio/twilio-client.js';
import { countSegments } from '../../../src-main/core/integrations/twilio/sms-segments.js';
import { twilioIntegration } from '../../../src-main/core/integrations/twilio/twilio-integration.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { createSmsSendTool, SmsSendParams } from '../../../src-main/core/tools/builtin/sms/sms-send.js';
import { createSmsStatusTool } from '../../../src-main/core/tools/builtin/sms/sms-status.js';
import { startTwilioFake, type TwilioFake } from '../../fakes/twilio-fake.js';
import { recordingSleep, settingsWith, toolContext } from './support.js';

const FROM = '+15005550006';
const DANA = '+14155550123';
let fake: TwilioFake;
let previousUrl: string | undefined;

beforeEach(async () => {
  fake = await startTwilioFake();
  previousUrl = process.env.STEWARD_TWILIO_API_URL;
  process.env.STEWARD_TWILIO_API_URL = fake.url;
});
afterEach(async () => {
  if (previousUrl === undefined) delete process.env.STEWARD_TWILIO_API_URL;
  else process.env.STEWARD_TWILIO_API_URL = previousUrl;
  await fake.close();
});

function twilioSettings(extra: Record<string, unknown> = {}) {
  return { accountSid: fake.accountSid, fromNumber: FROM, pricePerSegmentUsd: 0.0079, deliveryWatchSeconds: 5, ...extra };
}

async function setup(extra: Record<string, unknown> = {}, token = fake.authToken) {
  const secrets = createMemorySecretStore({ [TWILIO_AUTH_TOKEN_ACCOUNT]: token });
  const raw = twilioSettings(extra);
  const settings = settingsWith({ twilio: raw });
  const timing = recordingSleep();
  const tool = createSmsSendTool({ getTwilioSettings: () => raw, sleep: timing.sleep, pollIntervalMs: 1000, retryBaseDelayMs: 10, requestTimeoutMs: 800 });
  return { secrets, settings, tool, timing, ctx: toolContext(settings, secrets) };
}

describe('sms.send through Twilio', () => {
  it('texts the number from the configured sender, watches it to "delivered", and says it cannot be unsent', async () => {
    const { tool, ctx } = await setup();
    const params = SmsSendParams.parse({ to: DANA, body: 'Meeting tomorrow at 14:00 — see you then!' });
    const result = await tool.execute(params, ctx);

    expect(fake.sent()).toHaveLength(1);
    const send = fake.requests.find((r) => r.operation === 'send')!;
    expect(send.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(send.form).toEqual({ To: DANA, From: FROM, Body: 'Meeting tomorrow at 14:00 — see you then!' });
    expect(result.output).toMatchObject({ status: 'delivered', to: DANA, segments: 1 });
    expect(result.summary).toMatch(/^Texted \+14155550123 \(1 segment, message SM[0-9a-f]{32}\): delivered\. A text cannot be unsent/);
    // The price Twilio reported once delivered, not the estimate.
    expect(result.costUsd).toBeCloseTo(0.0079, 6);
    expect(fake.requests.filter((r) => r.operation === 'fetch').length).toBeGreaterThanOrEqual(2);
  });

  it('shows segments, encoding and the cost estimate on the approval line, and the number as the grant scope', async () => {
    const { tool } = await setup();
    const long = SmsSendParams.parse({ to: DANA, body: 'a'.repeat(200) });
    expect(tool.describe!(long)).toBe(`Text ${DANA}: “${'a'.repeat(59)}…” — 2 segments (GSM-7), about $0.0158. A text cannot be unsent once Twilio has it.`);
    expect(tool.estimateCost!(long)).toBeCloseTo(0.0158, 6);
    const emoji = SmsSendParams.parse({ to: DANA, body: 'Done 🎉' });
    expect(tool.describe!(emoji)).toContain('1 segment (UCS-2)');
    expect(tool.grantScope!(long)).toBe(DANA);
    expect(tool.sideEffect).toBe('external');
    expect(tool.defaultPermission).toBe('ask');
    expect(tool.rollback).toBeUndefined();
  });

  it('counts segments the way carriers bill them', () => {
    expect(countSegments('x'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('x'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('é'.repeat(70)).encoding).toBe('GSM-7');
    expect(countSegments('ł'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments('ł'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  it('refuses numbers that are not E.164 with the fix, and sends nothing', async () => {
    for (const bad of ['4155550123', '+1 415 555 0123', '(415) 555-0123', '+0123456789', '+1415555012345678']) {
      const parsed = SmsSendParams.safeParse({ to: bad, body: 'hi' });
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error!.issues[0]!.message).toContain('E.164');
    }
    expect(SmsSendParams.safeParse({ to: DANA, body: '' }).error!.issues[0]!.message).toBe('must not be empty');
    expect(fake.requests).toHaveLength(0);
  });

  it('does not text someone whose latest reply was STOP, and texts them again after START', async () => {
    const { tool, ctx } = await setup();
    fake.inbound(DANA, FROM, 'stop', new Date(Date.now() - 60_000));
    const params = SmsSendParams.parse({ to: DANA, body: 'Are you coming?' });
    const refused = await tool.execute(params, ctx).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StewardError);
    expect((refused as StewardError).userMessage).toBe(`${DANA} replied STOP to your Twilio number, so Steward will not text them; nothing was sent. They can reply START to receive texts again.`);
    expect(fake.sent()).toHaveLength(0);
    expect(fake.requests.some((r) => r.operation === 'send')).toBe(false);

    fake.inbound(DANA, FROM, 'START');
    await tool.execute(params, ctx);
    expect(fake.sent()).toHaveLength(1);
  });

  it('maps Twilio\'s own opt-out refusal (21610) too, in case STOP arrived a moment ago', async () => {
    const { tool, ctx } = await setup();
    fake.fail('send', { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const error = (await tool.execute(SmsSendParams.parse({ to: DANA, body: 'hi' }), ctx).catch((e: unknown) => e)) as StewardError;
    expect(error.userMessage).toMatch(/replied STOP to your Twilio number.*Nothing was sent/);
  });

  it('sends nothing during quiet hours and says until when', async () => {
    const { tool, ctx } = await setup({ quietHours: { enabled: true, start: '00:00', end: '23:59', timeZone: 'Europe/Berlin' } });
    const error = (await tool.execute(SmsSendParams.parse({ to: DANA, body: 'late night ping' }), ctx).catch((e: unknown) => e)) as StewardError;
    expect(error.userMessage).toBe('It is quiet hours (00:00–23:59, Europe/Berlin), when Steward sends no texts, so nothing was sent. Try again after 23:59, or change quiet hours in Integrations › SMS (Twilio).');
    expect(fake.requests).toHaveLength(0);
  });

  it('waits as long as Retry-After says on a 429 and sends exactly once', async () => {
    const { tool, ctx, timing } = await setup();
    fake.fail('send', { status: 429, retryAfter: '3' });
    const result = await tool.execute(SmsSendParams.parse({ to: DANA, body: 'hello' }), ctx);
    expect(timing.waits[0]).toBe(3000);
    expect(fake.requests.filter((r) => r.operation === 'send')).toHaveLength(2);
    expect(fake.sent()).toHaveLength(1);
    expect(result.output).toMatchObject({ status: 'delivered' });
  });

  it('does not resend after a 5xx (the text may have gone out) and says to check the log first', async () => {
    const { tool, ctx } = await setup();
    fake.fail('send', { status: 503 });
    const error = (await tool.execute(SmsSendParams.parse({ to: DANA, body: 'hello' }), ctx).catch((e: unknown) => e)) as StewardError;
    expect(error.userMessage).toBe('Twilio had a server error (HTTP 503) while sending the text. The text may or may not have been sent; check the Twilio Console message log before trying again.');
    expect(fake.requests.filter((r) => r.operation === 'send')).toHaveLength(1);
  });

  it('gives up on a silent Twilio with a timeout that says the text may have gone out', async () => {
    const { tool, ctx } = await setup();
    fake.fail('send', { hang: true });
    const error = (await tool.execute(SmsSendParams.parse({ to: DANA, body: 'hello' }), ctx).catch((e: unknown) => e)) as StewardError;
    expect(error.code).toBe('timeout');
    expect(error.userMessage).toMatch(/^Twilio did not answer in time while sending the text\. The text may or may not have been sent/);
    expect(fake.requests.filter((r) => r.operation === 'send')).toHaveLength(1);
  });

  it('retries a status read after a 5xx (reading is safe) and keeps the text sent when status reads keep failing', async () => {
    const { tool, ctx } = await setup();
    fake.fail('fetch', { status: 500 });
    const result = await tool.execute(SmsSendParams.parse({ to: DANA, body: 'hello' }), ctx);
    expect(result.output).toMatchObject({ status: 'delivered' });

    fake.fail('fetch', { status: 500 }, { status: 500 }, { status: 500 });
    const second = await tool.execute(SmsSendParams.parse({ to: DANA, body: 'again' }), ctx);
    expect(second.summary).toMatch(/: queued\. A text cannot be unsent/);
    expect(fake.sent()).toHaveLength(2);
  });

  it('refuses a wrong auth token with where to fix it, and is "not set up" without one', async () => {
    const { tool, ctx } = await setup({}, 'wrong-token');
    const error = (await tool.execute(SmsSendParams.parse({ to: DANA, body: 'hi' }), ctx).catch((e: unknown) => e)) as StewardError;
    expect(error.userMessage).toBe('Twilio refused the Account SID and auth token. Check both in Integrations › SMS (Twilio) (Console → Account info) and save them again.');
    expect(fake.sent()).toHaveLength(0);

    const empty = createMemorySecretStore();
    const raw = twilioSettings();
    expect(await tool.isConfigured!({ secrets: empty, settings: settingsWith({ twilio: raw }) })).toEqual({
      ok: false,
      reason: 'The Twilio auth token is not set: paste it from the Twilio Console (Account info) into Integrations › SMS (Twilio).',
    });
    expect(await tool.isConfigured!({ secrets: empty, settings: settingsWith({}) })).toEqual({ ok: false, reason: 'Twilio is not set up: enter your Account SID and sending number in Integrations › SMS (Twilio).' });
  });

  it('sms.status reads the delivery status of a sent text', async () => {
    const { tool, ctx, settings, secrets } = await setup({ deliveryWatchSeconds: 0 });
    const sent = await tool.execute(SmsSendParams.parse({ to: DANA, body: 'hello' }), ctx);
    expect(sent.output).toMatchObject({ status: 'queued' });
    const status = createSmsStatusTool();
    const read = await status.execute({ messageSid: (sent.output as { sid: string }).sid }, toolContext(settings, secrets));
    expect(read.summary).toBe(`Text ${(sent.output as { sid: string }).sid} to ${DANA}: sent`);
    expect(status.parameters.safeParse({ messageSid: 'nope' }).success).toBe(false);
  });

  it('the integration test reads the account and sends nothing', async () => {
    const { settings, secrets } = await setup();
    expect(await twilioIntegration.test({ settings, secrets })).toEqual({ ok: true, message: `Connected to Twilio as "Steward Test Account". Texts will come from ${FROM}.`, account: 'Steward Test Account' });
    expect(fake.sent()).toHaveLength(0);
    expect(await twilioIntegration.setupProblem({ settings: settingsWith({}), secrets })).toMatch(/^Twilio is not set up/);
  });
});
