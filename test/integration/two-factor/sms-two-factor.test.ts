/**
 * Two-factor by SMS: a user who chooses SMS gets the payment's code texted with Twilio (the real
 * SDK against the local Twilio fake) as the approval appears; a wrong, replayed or expired code is
 * refused and the payment stays pending; the right code approves it. Switching to SMS while the
 * authenticator app guards payments (or changing the phone) is refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Approval } from '../../../src-preload/contract.js';
import { TWILIO_AUTH_TOKEN_ACCOUNT } from '../../../src-main/core/integrations/twilio/twilio-client.js';
import { TOTP_SECRET_ACCOUNT } from '../../../src-main/core/security/two-factor/two-factor-service.js';
import { base32Decode, hotp, totpStep } from '../../../src-main/core/security/totp.js';
import { startTwilioFake, type TwilioFake } from '../../fakes/twilio-fake.js';
import { createHarness, intentResponse, is, type Harness } from '../agent/support/agent-harness.js';

const PHONE = '+14155550199';
let twilio: TwilioFake;
let h: Harness | null = null;

beforeEach(async () => {
  twilio = await startTwilioFake();
  process.env.STEWARD_TWILIO_API_URL = twilio.url;
});
afterEach(async () => {
  await h?.dispose();
  h = null;
  delete process.env.STEWARD_TWILIO_API_URL;
  await twilio.close();
});

async function open(approvals: Record<string, unknown>): Promise<Harness> {
  h = await createHarness({
    script: { rules: [{ match: { role: 'intent', lastUser: 'INV' }, response: intentResponse('simple_action', { tool: 'pay_invoice', parameters: { invoice: 'INV-7', amountUsd: 300 } }) }] },
    secretValues: { [TWILIO_AUTH_TOKEN_ACCOUNT]: twilio.authToken },
    settings: {
      budgets: { dailyUsd: 10_000, perTaskUsd: 10_000 },
      approvals: { twoFactorThresholdUsd: 100, ...approvals },
      integrations: { twilio: { accountSid: twilio.accountSid, fromNumber: '+15005550006' } },
    },
  });
  return h;
}

async function requestPayment(harness: Harness): Promise<Approval> {
  const since = harness.mark();
  await harness.send('pay invoice INV-7');
  return (await harness.waitFor(is('approval.requested'), { since })).approval;
}

const respond = (harness: Harness, id: string, code?: string) => harness.core.request('approvals.respond', { id, decision: 'approve', ...(code && { code }) }, { actor: 'ui' });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (err: { userMessage: string }) => err.userMessage);
const textedCodes = () => twilio.sent().map((m) => /Steward code (\d{6})/.exec(m.body)?.[1]);

describe('two-factor by SMS', () => {
  it('texts the code with Twilio; wrong and replayed codes are refused, the right one approves once', async () => {
    const harness = await open({ twoFactorMethod: 'sms', twoFactorPhone: PHONE });
    const approval = await requestPayment(harness);
    expect(approval.twoFactorRequired).toBe(true);
    await expect.poll(() => twilio.sent().length).toBe(1);
    const sms = twilio.sent()[0]!;
    expect(sms).toMatchObject({ to: PHONE, from: '+15005550006' });
    expect(sms.body).toMatch(/^Steward code \d{6} to approve "pay_invoice"\. It expires in 5 minutes\. Never share it\.$/);
    const code = textedCodes()[0]!;

    expect(await refusal(respond(harness, approval.id))).toBe('This payment needs the 6-digit code Steward texted to your phone. Enter it and approve again.');
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await refusal(respond(harness, approval.id, wrong))).toBe('That code is not right. Enter the 6-digit code Steward texted to your phone (4 tries left before codes are refused for 5 minutes).');
    expect(harness.world.payments).toEqual([]);

    const approved = (await respond(harness, approval.id, code)) as { applied: boolean };
    expect(approved.applied).toBe(true);
    await harness.waitForTask(approval.taskId!, ['succeeded']);
    expect(harness.world.payments).toEqual([{ invoice: 'INV-7', amountUsd: 300 }]);

    // The same code for the next payment is worth nothing: codes belong to one approval.
    const next = await requestPayment(harness);
    await expect.poll(() => twilio.sent().length).toBe(2);
    expect(await refusal(respond(harness, next.id, code))).toMatch(/^That code is not right|already used/);
    expect(harness.world.payments).toHaveLength(1);
  });

  it('an expired code is refused and a new one is texted', async () => {
    const harness = await open({ twoFactorMethod: 'sms', twoFactorPhone: PHONE });
    const approval = await requestPayment(harness);
    await expect.poll(() => twilio.sent().length).toBe(1);
    const first = textedCodes()[0]!;
    harness.clock.advance(5 * 60_000 + 1000);
    expect(await refusal(respond(harness, approval.id, first))).toBe('That SMS code has expired (codes last 5 minutes). A new code was texted to you; enter that one.');
    expect(twilio.sent()).toHaveLength(2);
    const second = textedCodes()[1]!;
    expect((await respond(harness, approval.id, second)) as { applied: boolean }).toMatchObject({ applied: true });
  });

  it('a replayed code (the same approval answered twice) is refused', async () => {
    const harness = await open({ twoFactorMethod: 'sms', twoFactorPhone: PHONE });
    const approval = await requestPayment(harness);
    await expect.poll(() => twilio.sent().length).toBe(1);
    const code = textedCodes()[0]!;
    // The gate checks the code before it records the answer: a second answer with the same code must not pass the check.
    const gate = harness.agent.deps.gate as unknown as { twoFactor: { verifyForPayment(code: string, id: string): Promise<void> } };
    await gate.twoFactor.verifyForPayment(code, approval.id);
    expect(await refusal(gate.twoFactor.verifyForPayment(code, approval.id))).toBe('That SMS code was already used. Ask for a new code and enter that one (4 tries left before codes are refused for 5 minutes).');
  });

  it('SMS chosen without a phone number says where to set it; switching to SMS while the app guards payments is refused', async () => {
    const harness = await open({ twoFactorMethod: 'sms', twoFactorPhone: null });
    const approval = await requestPayment(harness);
    expect(await refusal(respond(harness, approval.id, '123456'))).toBe('Two-factor by SMS is chosen but no phone number is set. Enter "Phone for codes" (such as +14155550123) in Settings → Security, or switch back to the authenticator app.');
    expect(harness.world.payments).toEqual([]);
    expect(twilio.sent()).toEqual([]);
    await expect(harness.core.request('settings.update', { patch: { approvals: { twoFactorPhone: '555-0199' } } })).rejects.toMatchObject({ code: 'settings_invalid' });
  });

  it('while the authenticator app guards payments, switching to SMS or changing the phone is refused', async () => {
    const harness = await open({});
    await harness.core.request('twoFactor.setup', {});
    const secret = (await harness.secrets.get(TOTP_SECRET_ACCOUNT))!;
    await harness.core.request('twoFactor.confirm', { code: hotp(base32Decode(secret), totpStep(harness.clock.now())) });
    for (const approvals of [{ twoFactorMethod: 'sms', twoFactorPhone: PHONE }, { twoFactorPhone: PHONE }]) {
      await expect(harness.core.request('settings.update', { patch: { approvals } })).rejects.toMatchObject({
        userMessage: 'Changing how two-factor codes arrive (app or SMS, or the phone number) weakens it while two-factor is on, so it was not changed. Turn two-factor off with a current code in Settings → Security first.',
      });
    }
    expect(harness.core.settings.get().approvals).toMatchObject({ twoFactorMethod: 'totp', twoFactorPhone: null });
  });
});
