/**
 * The generic integrations API and the Payments API over a real core with the Stripe fake:
 * Stripe's status, mode, test and disconnect; secrets only for declared accounts; the ledger list,
 * CSV export and a refund from the Payments view that waits for the same approval; reconciliation
 * from Stripe's Events API; signed webhooks accepted, forged ones rejected and changing nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IntegrationsStatus } from '../../../src-preload/schemas/integrations-api.js';
import { receiveStripeWebhook } from '../../../src-main/core/payments/stripe-webhook.js';
import { startServer } from '../../../src-main/server/http-server.js';
import { STRIPE_WEBHOOK_SECRET_ACCOUNT } from '../../../src-main/core/integrations/stripe/stripe-client.js';
import { startStripeFake } from '../../fakes/stripe-fake.js';
import { openPayments, type PaymentsHarness } from './support/payments-harness.js';

let h: PaymentsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function open(settings: Record<string, unknown> = {}) {
  const fake = await startStripeFake();
  const dana = fake.addCustomer({ name: 'Dana Ltd', email: 'dana@example.com' }).id;
  h = await openPayments({ charge: { tool: 'stripe.create_payment', parameters: { customer: dana, amount: '120.00', currency: 'usd', purpose: 'Retainer, "March" =1+1' } } }, { fake, settings });
  return {
    fake,
    dana,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read many methods' outputs loosely
    call: (method: string, input: unknown) => h!.core.request(method as never, input as never, { actor: 'ui' }) as Promise<any>,
  };
}

describe('integrations API', () => {
  it('lists Stripe with its mode at all times; untested until tested, then connected as the account; disconnect removes its keys', async () => {
    const { call } = await open();
    const stripe = () => call('integrations.status', {}).then((s: IntegrationsStatus) => s.services.find((x) => x.id === 'stripe')!);
    expect(await stripe()).toMatchObject({
      displayName: 'Stripe',
      connection: 'api-key',
      state: { state: 'untested' },
      facts: [{ label: 'Mode', value: 'Test mode — no real money moves', tone: 'neutral' }],
      secrets: [expect.objectContaining({ account: 'stripe.secretKey', set: true }), expect.objectContaining({ account: 'stripe.webhookSecret', set: false })],
      tools: expect.arrayContaining(['stripe.create_payment', 'stripe.refund']),
    });
    expect(await call('integrations.test', { service: 'stripe' })).toEqual({ ok: true, message: 'Connected to Stripe account Acme Studio (acct_fake123) in test mode.' });
    expect((await stripe()).state).toEqual({ state: 'connected', account: 'Acme Studio (acct_fake123)' });

    await call('settings.update', { patch: { integrations: { stripe: { mode: 'live' } } } });
    expect(await stripe()).toMatchObject({ state: { state: 'not_set_up', reason: expect.stringContaining('test-mode key but Stripe is set to live mode') }, facts: [{ value: 'Live mode — real money', tone: 'warning' }] });
    expect(await call('integrations.test', { service: 'stripe' })).toMatchObject({ ok: false, message: expect.stringContaining('is a test-mode key, but Stripe is set to live mode') });
    await call('settings.update', { patch: { integrations: { stripe: { mode: 'test' } } } });

    await call('integrations.setSecret', { account: 'stripe.secretKey', value: 'sk_test_wrongwrongwrong' });
    expect(await call('integrations.test', { service: 'stripe' })).toMatchObject({ ok: false, message: expect.stringContaining('Stripe did not accept the credentials') });
    expect((await stripe()).state).toMatchObject({ state: 'error', reason: expect.stringContaining('did not accept') });

    const out = await call('integrations.disconnect', { service: 'stripe' });
    expect(out).toMatchObject({ removed: ['stripe.secretKey'], service: { state: { state: 'not_set_up' } } });
    expect(await h!.secrets.get('stripe.secretKey')).toBeNull();
  });

  it('stores only accounts a service declares; never the database key; unknown services are named', async () => {
    const { call } = await open();
    await expect(call('integrations.setSecret', { account: 'db.key', value: 'x' })).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'account', message: expect.stringContaining('stripe.secretKey') }] });
    await expect(call('integrations.setSecret', { account: 'db-key:default', value: 'x' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('integrations.test', { service: 'paypal' })).rejects.toMatchObject({ issues: [{ path: 'service', message: expect.stringMatching(/must be one of: smtp, cloud, stripe/) }] });
    expect(await call('integrations.setSecret', { account: 'stripe.webhookSecret', value: 'whsec_abc' })).toEqual({ stored: true });
  });
});

describe('payments API', () => {
  it('lists and filters the ledger, exports CSV safely, and refunds from the view only after approval', async () => {
    const { fake, call } = await open();
    await h!.approve(await h!.propose('charge'));
    const list = await call('payments.list', {});
    expect(list).toMatchObject({ mode: 'test', today: { count: 1, usd: 120, limitUsd: 1000, maxCount: 10 }, month: { usd: 120, limitUsd: 10_000 } });
    expect(list.transactions).toEqual([expect.objectContaining({ kind: 'payment', status: 'succeeded', amount: '120.00', currency: 'usd', refunded: '0.00' })]);
    expect((await call('payments.list', { status: 'failed' })).transactions).toEqual([]);
    expect((await call('payments.list', { text: 'March' })).transactions).toHaveLength(1);
    await expect(call('payments.list', { from: 'yesterday' })).rejects.toMatchObject({ issues: [{ path: 'from', message: 'must be a date such as 2026-03-31' }] });

    const csv = await call('payments.exportCsv', {});
    expect(csv.rows).toBe(1);
    expect(csv.filename).toMatch(/^steward-payments-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, line] = csv.csv.split('\r\n');
    expect(header).toContain('created_at,kind,status,mode,amount,currency');
    expect(line).toContain('payment,succeeded,test,120.00,USD,120.00,0.00,"Retainer, ""March"" =1+1"');

    const entry = list.transactions[0].id as string;
    const started = await call('payments.refund', { ledgerEntry: entry, amount: '20.00', reason: 'Goodwill' });
    expect(started.message).toContain('waiting for your approval');
    expect(fake.objects('refund')).toHaveLength(0);
    const approval = h!.agent.listApprovals({ status: 'pending' })[0]!;
    expect(approval).toMatchObject({ id: started.approvalId, tool: 'stripe.refund', payment: { amount: '20.00 USD', purpose: 'Refund: Goodwill' } });
    await h!.core.request('approvals.respond', { id: approval.id, decision: 'approve' }, { actor: 'ui' });
    await h!.waitFor((e) => e.type === 'notification' && e.title === 'Done');
    expect(fake.objects('refund')).toEqual([expect.objectContaining({ amount: 2000 })]);
    expect((await call('payments.list', { kind: 'payment' })).transactions[0]).toMatchObject({ status: 'partially_refunded', refunded: '20.00' });

    await expect(call('payments.refund', { ledgerEntry: entry, amount: '500', reason: 'Too much' })).rejects.toMatchObject({ userMessage: expect.stringContaining('could not state how much money') });
    expect(fake.objects('refund')).toHaveLength(1);
  });

  it('reconciles from Stripe events: a payment left pending by a timeout is settled; a refund made in the Dashboard is recorded; each event once', async () => {
    const { fake, call } = await open();
    fake.fault('/v1/payment_intents', { kind: 'drop-after-processing' }, { kind: 'hang' }, { kind: 'hang' });
    await h!.core.request('settings.update', { patch: { integrations: { stripe: { timeoutSeconds: 1 } } } }, { actor: 'ui' });
    const done = await h!.approve(await h!.propose('charge'));
    expect(done.status).toBe('failed');
    expect(fake.charges()).toHaveLength(1);
    const [row] = h!.ledger.list();
    expect(row).toMatchObject({ status: 'pending' });

    expect(await call('payments.reconcile', {})).toMatchObject({ applied: expect.any(Number), changed: 1 });
    expect(h!.ledger.get(row!.id)).toMatchObject({ status: 'succeeded', stripeId: fake.charges()[0]!.id });

    const pi = fake.charges()[0]!;
    fake.emitEvent('charge.refunded', { id: 'ch_dash', object: 'charge', payment_intent: pi.id, amount: pi.amount, amount_refunded: 12000 });
    expect(await call('payments.reconcile', {})).toMatchObject({ changed: 1 });
    expect(h!.ledger.get(row!.id)).toMatchObject({ status: 'refunded', refundedMinor: 12000 });
    expect(await call('payments.reconcile', {})).toMatchObject({ changed: 0, message: expect.any(String) });
    expect((await call('payments.list', {})).lastReconciledAt).not.toBeNull();
  });

  it('accepts a correctly signed webhook and rejects a forged or unsigned one, changing nothing', async () => {
    const { fake } = await open({ integrations: { stripe: { webhookEnabled: true } } });
    await h!.approve(await h!.propose('charge'));
    const [row] = h!.ledger.list();
    const secret = 'whsec_test_secret_123';
    await h!.secrets.set(STRIPE_WEBHOOK_SECRET_ACCOUNT, secret);
    const event = fake.emitEvent('charge.refunded', { id: 'ch_x', object: 'charge', payment_intent: row!.stripeId, amount: 12000, amount_refunded: 5000 });
    const payload = JSON.stringify(event);

    const forged = await receiveStripeWebhook(h!.core, payload, fake.sign(payload, 'whsec_attacker'));
    expect(forged).toEqual({ status: 400, body: { received: false, error: 'The Stripe-Signature header did not verify; the event was ignored.' } });
    expect(await receiveStripeWebhook(h!.core, payload, undefined)).toMatchObject({ status: 400 });
    const tampered = await receiveStripeWebhook(h!.core, payload.replace('5000', '12000'), fake.sign(payload, secret));
    expect(tampered.status).toBe(400);
    expect(h!.ledger.get(row!.id)).toMatchObject({ status: 'succeeded', refundedMinor: 0 });
    expect(h!.core.audit.list().filter((a) => a.action === 'payments.webhook' && a.result === 'rejected')).toHaveLength(3);

    expect(await receiveStripeWebhook(h!.core, payload, fake.sign(payload, secret))).toEqual({ status: 200, body: { received: true } });
    expect(h!.ledger.get(row!.id)).toMatchObject({ status: 'partially_refunded', refundedMinor: 5000 });
    // The same event again (Stripe retries deliveries) is applied once.
    expect(await receiveStripeWebhook(h!.core, payload, fake.sign(payload, secret))).toMatchObject({ status: 200 });
    expect(h!.core.audit.list()[0]).toMatchObject({ detail: 'charge.refunded: already applied' });

    await h!.core.request('settings.update', { patch: { integrations: { stripe: { webhookEnabled: false } } } }, { actor: 'ui' });
    expect((await receiveStripeWebhook(h!.core, payload, fake.sign(payload, secret))).status).toBe(404);
  });

  it('the local server takes Stripe webhooks at /webhooks/stripe without the bearer token, verified by signature only', async () => {
    const { fake } = await open({ integrations: { stripe: { webhookEnabled: true } } });
    await h!.approve(await h!.propose('charge'));
    const [row] = h!.ledger.list();
    await h!.secrets.set(STRIPE_WEBHOOK_SECRET_ACCOUNT, 'whsec_server_secret');
    const server = await startServer(h!.core, { port: 0, token: 'a'.repeat(64), rendererDir: '/nonexistent' });
    try {
      const payload = JSON.stringify(fake.emitEvent('charge.refunded', { id: 'ch_s', object: 'charge', payment_intent: row!.stripeId, amount: 12000, amount_refunded: 12000 }));
      const post = (signature: string) => fetch(`${server.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
      const forged = await post(fake.sign(payload, 'whsec_wrong'));
      expect(forged.status).toBe(400);
      expect(h!.ledger.get(row!.id)).toMatchObject({ status: 'succeeded' });
      const signed = await post(fake.sign(payload, 'whsec_server_secret'));
      expect(signed.status).toBe(200);
      expect(await signed.json()).toEqual({ received: true });
      expect(h!.ledger.get(row!.id)).toMatchObject({ status: 'refunded' });
    } finally {
      await server.close();
    }
  });
});
