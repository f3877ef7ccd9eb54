/**
 * Stripe payments through the whole agent path (scripted model → approval → runner → tool → real
 * `stripe` SDK → local fake of Stripe's wire format → ledger): every tool's happy path, and what a
 * user notices when Stripe drops a response, declines a card, rate-limits, fails or hangs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openPayments, posts, type PaymentsHarness, type Proposal } from './support/payments-harness.js';
import { startStripeFake, type StripeFake } from '../../fakes/stripe-fake.js';

let h: PaymentsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const pay = (customer: string, amount: string | number, extra: Record<string, unknown> = {}): Proposal => ({
  tool: 'stripe.create_payment',
  parameters: { customer, amount, currency: 'usd', purpose: 'March retainer', ...extra },
});

async function withCustomers(): Promise<{ fake: StripeFake; dana: string; declined: string }> {
  const fake = await startStripeFake();
  const dana = fake.addCustomer({ name: 'Dana Ltd', email: 'dana@example.com' }).id;
  const declined = fake.addCustomer({ name: 'Broke Co', email: 'broke@example.com', paymentMethod: 'pm_card_chargeDeclined' }).id;
  return { fake, dana, declined };
}

describe('Stripe payments', () => {
  it('charges a saved card after approval: the card shows amount, payee, purpose and budget left; the ledger records who authorised it', async () => {
    const { fake, dana } = await withCustomers();
    h = await openPayments({ charge: pay(dana, '120.50') }, { fake });
    const approval = await h.propose('charge');
    expect(approval).toMatchObject({
      tool: 'stripe.create_payment',
      risk: 'financial',
      summary: `Charge 120.50 USD to ${dana} for “March retainer”`,
      payment: { amount: '120.50 USD', currency: 'USD', payee: dana, purpose: 'March retainer', amountUsd: 120.5, dailyLeftUsd: 1000, monthlyLeftUsd: 10_000, paymentsLeftToday: 10 },
      cannotUndo: expect.stringContaining('Stripe keeps its processing fee'),
    });
    // The cost is Stripe's fee (2.9% + 30¢), not the amount moved.
    expect(approval.costEstimateUsd).toBeCloseTo(3.79, 2);
    expect(posts(fake, '/v1/payment_intents')).toHaveLength(0);

    const done = await h.approve(approval);
    expect(done.status).toBe('succeeded');
    expect(done.summary).toMatch(/^Charged 120\.50 USD to cus_\w+ for “March retainer” \(pi_\w+, test mode\)\.$/);
    expect(fake.charges()).toHaveLength(1);
    expect(fake.charges()[0]).toMatchObject({ amount: 12050, currency: 'usd', customer: dana, payment_method: 'pm_card_visa', description: 'March retainer' });
    const [request] = posts(fake, '/v1/payment_intents');
    expect(request!.headers['idempotency-key']).toMatch(/^steward-/);
    expect(request!.form).toMatchObject({ amount: '12050', currency: 'usd', confirm: 'true', off_session: 'true' });

    const [row] = h.ledger.list();
    expect(row).toMatchObject({ kind: 'payment', status: 'succeeded', mode: 'test', amountMinor: 12050, currency: 'usd', amountUsd: 120.5, purpose: 'March retainer', counterparty: dana, approvalId: approval.id, authorisedBy: 'user:ui', twoFactorUsed: false, stripeId: fake.charges()[0]!.id });
    // The spend budget booked the fee, not the 120.50.
    expect(h.core.db.raw.prepare("SELECT SUM(amount_usd) AS s FROM cost_ledger WHERE source = 'tool:stripe.create_payment'").get()).toEqual({ s: expect.closeTo(3.79, 2) });
    const audit = h.core.audit.list().find((a) => a.action === 'tool:stripe.create_payment');
    expect(audit?.rollback).toContain('cannot be undone: a refund returns the amount, but Stripe keeps its processing fee');
  });

  it('a dropped response is retried with the same Idempotency-Key: exactly one charge', async () => {
    const { fake, dana } = await withCustomers();
    fake.fault('/v1/payment_intents', { kind: 'drop-after-processing' });
    h = await openPayments({ charge: pay(dana, 75) }, { fake });
    const done = await h.approve(await h.propose('charge'));
    expect(done.status).toBe('succeeded');
    const tries = posts(fake, '/v1/payment_intents');
    expect(tries.length).toBe(2);
    expect(new Set(tries.map((t) => t.headers['idempotency-key'])).size).toBe(1);
    expect(fake.charges()).toHaveLength(1);
    expect(h.ledger.list()).toHaveLength(1);
    expect(h.ledger.list()[0]).toMatchObject({ status: 'succeeded', stripeId: fake.charges()[0]!.id });
  });

  it('a declined card (402 card_declined) charges nothing, says so, and the ledger row is marked failed', async () => {
    const { fake, declined } = await withCustomers();
    h = await openPayments({ charge: pay(declined, 40) }, { fake });
    const done = await h.approve(await h.propose('charge'));
    expect(done.status).toBe('failed');
    expect(done.summary).toMatch(/card was declined \(generic decline\).*Nothing was charged.*update their payment method/);
    expect(fake.charges()).toHaveLength(0);
    expect(h.ledger.list()).toEqual([expect.objectContaining({ status: 'failed', failure: expect.stringContaining('declined'), stripeId: expect.stringMatching(/^pi_/) })]);
  });

  it('429 with Retry-After is waited out and retried (same key); a lasting 429 fails with a clear message and no charge', async () => {
    const { fake, dana } = await withCustomers();
    fake.fault('/v1/payment_intents', { kind: 'rate-limit', retryAfterSeconds: 3 });
    h = await openPayments({ charge: pay(dana, 10), again: pay(dana, 11) }, { fake });
    expect((await h.approve(await h.propose('charge'))).status).toBe('succeeded');
    expect(h.sleeps).toEqual([3000]);
    expect(fake.charges()).toHaveLength(1);

    fake.fault('/v1/payment_intents', { kind: 'rate-limit', retryAfterSeconds: 1 }, { kind: 'rate-limit', retryAfterSeconds: 1 }, { kind: 'rate-limit', retryAfterSeconds: 1 });
    const limited = await h.approve(await h.propose('again'));
    expect(limited.status).toBe('failed');
    expect(limited.summary).toContain('Stripe is limiting how fast Steward may call it. Wait about 1 seconds and try again.');
    expect(fake.charges()).toHaveLength(1);
    expect(h.ledger.list({ status: 'failed' })).toHaveLength(1);
  });

  it('a 5xx is retried by the SDK with the same key; one charge', async () => {
    const { fake, dana } = await withCustomers();
    fake.fault('/v1/payment_intents', { kind: 'server-error', status: 500 });
    h = await openPayments({ charge: pay(dana, 20) }, { fake });
    expect((await h.approve(await h.propose('charge'))).status).toBe('succeeded');
    expect(posts(fake, '/v1/payment_intents')).toHaveLength(2);
    expect(fake.charges()).toHaveLength(1);
  });

  it('a Stripe that never answers times out; the row stays pending for reconciliation and the user is told', async () => {
    const { fake, dana } = await withCustomers();
    fake.fault('/v1/payment_intents', { kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
    h = await openPayments({ charge: pay(dana, 20) }, { fake, timeoutSeconds: 1 });
    const done = await h.approve(await h.propose('charge'));
    expect(done.status).toBe('failed');
    expect(done.summary).toMatch(/Stripe did not answer within 1 seconds.*pending.*Reconcile/);
    expect(fake.charges()).toHaveLength(0);
    expect(h.ledger.list()).toEqual([expect.objectContaining({ status: 'pending' })]);
  });

  it('sends an invoice (customer, items, finalize, send), refunds partly then fully, subscribes and cancels, lists upcoming charges and makes a payment-method link', async () => {
    const { fake, dana } = await withCustomers();
    const price = fake.addPrice({ unitAmount: 4900, currency: 'usd', interval: 'month' }).id;
    h = await openPayments(
      {
        invoice: { tool: 'stripe.send_invoice', parameters: { customer: 'new.client@example.com', customerName: 'New Client', currency: 'usd', purpose: 'Website build', items: [{ description: 'Design', amount: '300' }, { description: 'Build', amount: 450.25 }] } },
        charge: pay(dana, '100.00'),
        subscribe: { tool: 'stripe.create_subscription', parameters: { customer: dana, price, amount: '49.00', currency: 'usd', quantity: 2, purpose: 'Support plan' } },
        upcoming: { tool: 'stripe.list_upcoming_charges', parameters: {} },
        link: { tool: 'stripe.payment_method_link', parameters: { customer: 'dana@example.com' } },
      },
      { fake, settings: { payments: { perPaymentUsd: 2000 } } },
    );
    const invoiceApproval = await h.propose('invoice');
    expect(invoiceApproval.payment).toMatchObject({ amount: '750.25 USD', payee: 'new.client@example.com' });
    const invoice = await h.approve(invoiceApproval);
    expect(invoice.summary).toMatch(/^Sent invoice FAKE-\d+ for 750\.25 USD to new\.client@example\.com, due in 30 days\.$/);
    const [stripeInvoice] = fake.objects('invoice');
    expect(stripeInvoice).toMatchObject({ status: 'open', sent: true, total: 75025, collection_method: 'send_invoice', customer_email: 'new.client@example.com' });
    expect(h.ledger.list({ kind: 'invoice' })[0]).toMatchObject({ status: 'open', amountMinor: 75025, stripeId: stripeInvoice!.id });

    await h.approve(await h.propose('charge'));
    const payment = h.ledger.list({ kind: 'payment' })[0]!;
    h.proposals.partial = { tool: 'stripe.refund', parameters: { ledgerEntry: payment.id, amount: '30', reason: 'Late delivery' } };
    h.proposals.rest = { tool: 'stripe.refund', parameters: { payment: payment.stripeId, reason: 'Cancelled order' } };
    const partialApproval = await h.propose('partial');
    expect(partialApproval.payment).toMatchObject({ amount: '30.00 USD', purpose: 'Refund: Late delivery' });
    expect((await h.approve(partialApproval)).summary).toMatch(/^Refunded 30\.00 USD of pi_\w+ to cus_\w+ \(re_\w+\)\.$/);
    expect(h.ledger.get(payment.id)).toMatchObject({ status: 'partially_refunded', refundedMinor: 3000 });
    expect((await h.approve(await h.propose('rest'))).summary).toMatch(/^Refunded 70\.00 USD/);
    expect(h.ledger.get(payment.id)).toMatchObject({ status: 'refunded', refundedMinor: 10000 });
    expect(fake.objects('refund').map((r) => r.amount)).toEqual([3000, 7000]);

    const sub = await h.approve(await h.propose('subscribe'));
    expect(sub.summary).toMatch(/^Subscribed cus_\w+ to price_\w+ \(98\.00 USD per period, sub_\w+\)\./);
    const subscription = fake.objects('subscription')[0]!;
    const upcomingApproval = h.mark();
    await h.send('run upcoming');
    const upcomingTask = await h.waitFor((e) => e.type === 'task.updated' && e.task.status === 'succeeded', { since: upcomingApproval });
    expect(upcomingTask).toBeTruthy();
    expect(h.events.slice(upcomingApproval).some((e) => e.type === 'approval.requested')).toBe(false);
    const listed = h.core.db.raw.prepare("SELECT result_json FROM tool_calls WHERE tool = 'stripe.list_upcoming_charges'").get() as { result_json: string };
    expect(JSON.parse(listed.result_json).summary).toMatch(/2 upcoming charges:[\s\S]*98\.00 USD[\s\S]*750\.25 USD · cus_\w+ · Website build/);

    h.proposals.cancel = { tool: 'stripe.cancel_subscription', parameters: { subscription: subscription.id, reason: 'Client left' } };
    const cancelApproval = await h.propose('cancel');
    expect(cancelApproval.cannotUndo).toContain('cannot be resumed');
    expect((await h.approve(cancelApproval)).summary).toBe(`Cancelled subscription ${subscription.id}.`);
    expect(fake.objects('subscription')[0]).toMatchObject({ status: 'canceled' });
    expect(h.ledger.findByStripeId(subscription.id)).toMatchObject({ status: 'canceled' });

    const link = await h.approve(await h.propose('link'));
    expect(link.summary).toMatch(/^Stripe link for dana@example\.com to update their payment method: https:\/\/billing\.stripe\.com\/p\/session\/\w+$/);
    expect(posts(fake, '/v1/billing_portal/sessions')[0]!.form).toMatchObject({ customer: dana, flow_data: { type: 'payment_method_update' } });
  });
});
