/**
 * Payment limits, two-factor and bad input as deterministic code around the real Stripe tools:
 * the alert at 80%, the hard stop at 100% with the numbers, the 11th payment of the day, the
 * per-payment limit, 2FA at exactly the threshold and above (wrong, replayed, correct code), and
 * bad amounts, currencies and keys — each refused with a clear message, nothing sent to Stripe,
 * nothing written to the ledger.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TOTP_SECRET_ACCOUNT } from '../../../src-main/core/security/two-factor/two-factor-service.js';
import { base32Decode, hotp, totpStep } from '../../../src-main/core/security/totp.js';
import { startStripeFake } from '../../fakes/stripe-fake.js';
import { is } from '../agent/support/agent-harness.js';
import { openPayments, posts, type PaymentsHarness, type Proposal } from './support/payments-harness.js';

let h: PaymentsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const pay = (customer: string, amount: string | number, currency = 'usd'): Proposal => ({ tool: 'stripe.create_payment', parameters: { customer, amount, currency, purpose: 'Consulting' } });

async function open(amounts: Record<string, string | number>, settings: Record<string, unknown> = {}, options: { key?: string } = {}) {
  const fake = await startStripeFake();
  const dana = fake.addCustomer({ name: 'Dana Ltd', email: 'dana@example.com' }).id;
  const proposals = Object.fromEntries(Object.entries(amounts).map(([name, amount]) => [name, pay(dana, amount)]));
  h = await openPayments(proposals, { fake, settings, ...options });
  return { fake, dana };
}

async function refusal(harness: PaymentsHarness, name: string): Promise<string> {
  try {
    await harness.propose(name);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`"${name}" was not refused`);
}

async function code(harness: PaymentsHarness, offsetSteps = 0): Promise<string> {
  const secret = await harness.secrets.get(TOTP_SECRET_ACCOUNT);
  return hotp(base32Decode(secret!), totpStep(harness.clock.now()) + offsetSteps);
}

describe('payment limits', () => {
  it('alerts once at 80% of the daily limit (notification + chat notice), not at 79%; stops hard past 100% with the numbers', async () => {
    await open({ p79: 79, p1: 1, p20: 20, over: '0.01' }, { payments: { dailyUsd: 100, monthlyUsd: 100_000 } });
    const first = await h!.approve(await h!.propose('p79'));
    expect(first.summary).not.toContain('limit');
    expect(h!.events.filter((e) => e.type === 'notification')).toHaveLength(0);

    const second = await h!.approve(await h!.propose('p1'));
    expect(second.summary).toContain('Payments today have reached $80.00 of your $100.00 limit (80%); $20.00 left.');
    expect(h!.events.filter((e) => e.type === 'notification')).toEqual([expect.objectContaining({ level: 'warning', title: 'Payment budget almost used', body: expect.stringContaining('(80%)') })]);

    // Exactly 100% is allowed, and the card says what is left.
    const at100 = await h!.propose('p20');
    expect(at100.payment).toMatchObject({ dailyLeftUsd: 20 });
    expect((await h!.approve(at100)).status).toBe('succeeded');
    expect(h!.events.filter((e) => e.type === 'notification')).toHaveLength(1);

    expect(await refusal(h!, 'over')).toContain('This payment of $0.01 would take payments today to $100.01, over your daily payment limit of $100.00 ($100.00 paid today, $0.00 left). Nothing was charged. Change the limit in Payments › Limits');
    expect(h!.fake.charges()).toHaveLength(3);
    expect(h!.ledger.list()).toHaveLength(3);
  });

  it('refuses the 11th payment of the day before anyone is asked', async () => {
    const { fake } = await open({ ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`n${i + 1}`, 1])) });
    for (let i = 1; i <= 10; i += 1) expect((await h!.approve(await h!.propose(`n${i}`))).status).toBe('succeeded');
    expect(await refusal(h!, 'n11')).toContain('10 payments were already made today, and your limit is 10 payments per day. Nothing was charged.');
    expect(fake.charges()).toHaveLength(10);
    expect(h!.agent.listApprovals({ status: 'pending' })).toHaveLength(0);
    // Stopping charges is never blocked by the limits: a cancellation moves no money.
    h!.proposals.cancel = { tool: 'stripe.cancel_subscription', parameters: { subscription: 'sub_123', reason: 'Client left' } };
    expect((await h!.propose('cancel')).payment).toMatchObject({ amountUsd: 0, paymentsLeftToday: 0 });
  });

  it('refuses a payment over the per-payment and the monthly limit', async () => {
    await open({ big: 600, month: 300 }, { payments: { monthlyUsd: 250 } });
    expect(await refusal(h!, 'big')).toContain('This payment of $600.00 is over your limit of $500.00 per payment.');
    expect(await refusal(h!, 'month')).toContain('over your monthly payment limit of $250.00');
    expect(posts(h!.fake, '/v1/payment_intents')).toHaveLength(0);
  });

  it('converts other currencies with the configured rate and refuses a currency without one', async () => {
    const fake = await startStripeFake();
    const dana = fake.addCustomer({ name: 'Dana', email: 'dana@example.com' }).id;
    h = await openPayments({ eur: pay(dana, '100', 'eur'), gbp: pay(dana, '10', 'gbp') }, { fake, settings: { payments: { usdPerUnit: { usd: 1, eur: 1.1 } } } });
    expect((await h.propose('eur')).payment).toMatchObject({ amount: '100.00 EUR', amountUsd: 110.00000000000001 });
    expect(await refusal(h, 'gbp')).toMatch(/could not state how much money it would move \(currency GBP has no exchange rate in Payments › Limits \(payments\.usdPerUnit\)/);
  });
});

describe('two-factor on payments uses the amount moved', () => {
  it('needs the code at exactly the threshold and above, not below; wrong and replayed codes leave it pending; the right one pays once', async () => {
    const { fake } = await open({ at: '100.00', above: '100.01', below: '99.99' }, { approvals: { twoFactorThresholdUsd: 100 } });
    await h!.core.request('twoFactor.setup', {});
    await h!.core.request('twoFactor.confirm', { code: await code(h!) });
    const confirmStep = await code(h!);
    h!.clock.advance(30_000);

    const below = await h!.propose('below');
    expect(below.twoFactorRequired).toBe(false);
    // The fee (about $3.20) is far below the threshold: the amount decides, not the cost.
    const at = await h!.propose('at');
    expect(at).toMatchObject({ twoFactorRequired: true, costEstimateUsd: expect.closeTo(3.2, 2) });
    const above = await h!.propose('above');
    expect(above.twoFactorRequired).toBe(true);

    const respond = (id: string, c?: string) => h!.core.request('approvals.respond', { id, decision: 'approve', ...(c && { code: c }) }, { actor: 'ui' });
    await expect(respond(at.id)).rejects.toMatchObject({ userMessage: expect.stringContaining('needs the code') });
    await expect(respond(at.id, (Number(await code(h!)) + 1).toString().padStart(6, '0').slice(-6))).rejects.toMatchObject({ userMessage: expect.stringContaining('not right') });
    // The code that confirmed the setup was used once; it can never approve a payment.
    await expect(respond(at.id, confirmStep)).rejects.toMatchObject({ userMessage: expect.stringMatching(/already used|not right/) });
    expect(fake.charges()).toHaveLength(0);

    const good = await code(h!);
    expect((await h!.approve(at, good)).status).toBe('succeeded');
    // The same code again (a replay) cannot approve the next payment.
    await expect(respond(above.id, good)).rejects.toMatchObject({ userMessage: expect.stringMatching(/already used/) });
    expect((await h!.approve(below)).status).toBe('succeeded');
    expect(fake.charges().map((c) => Number(c.amount)).sort((a, b) => a - b)).toEqual([9999, 10000]);
    expect(h!.ledger.list().map((r) => [r.amountMinor, r.twoFactorUsed]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [9999, false],
      [10000, true],
    ]);
  });
});

describe('bad input changes nothing', () => {
  it('negative, zero, too many decimals and unknown currencies are refused naming the field; nothing reaches Stripe or the ledger', async () => {
    const fake = await startStripeFake();
    const dana = fake.addCustomer({ name: 'Dana', email: 'dana@example.com' }).id;
    h = await openPayments(
      {
        negative: pay(dana, -5),
        zero: pay(dana, '0'),
        cents: pay(dana, '10.001'),
        yen: pay(dana, '10.5', 'jpy'),
        unknown: pay(dana, '10', 'xyz'),
        text: pay(dana, 'ten dollars'),
        badInvoice: { tool: 'stripe.send_invoice', parameters: { customer: 'dana@example.com', currency: 'usd', purpose: 'x', items: [{ description: 'a', amount: '1.999' }] } },
        badCustomer: pay('not-a-customer', 5),
      },
      { fake },
    );
    // The agent asks the user to fix what is wrong, naming the field and the rule; nothing is asked for approval.
    const said = async (name: string) => {
      const since = h!.mark();
      await h!.send(`run ${name}`);
      const asked = await h!.waitFor(is('clarification.requested'), { since });
      expect(h!.events.slice(since).some((e) => e.type === 'approval.requested')).toBe(false);
      return asked.question;
    };
    expect(await said('negative')).toMatch(/amount \(.*\) — must be more than 0 \(got -5\)\. What should I use\?/);
    expect(await said('zero')).toMatch(/amount \(.*\) — must be more than 0 \(got 0\)/);
    expect(await said('cents')).toMatch(/amount \(.*\) — has too many decimals for USD: use at most 2 decimal places/);
    expect(await said('yen')).toMatch(/amount \(.*\) — has too many decimals for JPY: use whole units \(no cents\)/);
    expect(await said('unknown')).toMatch(/currency \(.*\) — must be a currency Steward can charge in/);
    expect(await said('text')).toMatch(/amount \(.*\) — must be a number such as 120\.50/);
    expect(await said('badInvoice')).toMatch(/items.*has too many decimals for USD/);
    expect(await said('badCustomer')).toMatch(/customer \(.*\) — must be a Stripe customer id \(cus_…\) or an email address/);
    expect(posts(fake, '/v1/')).toHaveLength(0);
    expect(h.ledger.list()).toEqual([]);
  });

  it('a live-mode key while Stripe is in test mode is refused before anything is sent, naming the mode and the fix', async () => {
    const fake = await startStripeFake({ secretKey: 'sk_live_0123456789abcdef' });
    const dana = fake.addCustomer({ name: 'Dana', email: 'dana@example.com' }).id;
    h = await openPayments({ charge: pay(dana, 5) }, { fake });
    const done = await h.approve(await h.propose('charge'));
    expect(done.status).toBe('failed');
    expect(done.summary).toContain('The Stripe key is a live-mode key, but Stripe is set to test mode. Nothing was charged. Switch the mode under Integrations → Stripe, or paste a test-mode key.');
    expect(fake.requests).toHaveLength(0);
    expect(h.ledger.list()).toEqual([]);
  });
});
