/**
 * Stripe webhooks on the local server (POST /webhooks/stripe), only when turned on under
 * Integrations → Stripe and a signing secret is in the keychain. The Stripe-Signature header is
 * verified with the official SDK (HMAC-SHA256 over "timestamp.payload", 5-minute tolerance);
 * anything unsigned, forged or stale is rejected, audited, and changes nothing. A verified event
 * goes through the reconciler, so a webhook and a later reconcile never apply it twice.
 */
import Stripe from 'stripe';
import type { Core } from '../core-types.js';
import { STRIPE_WEBHOOK_SECRET_ACCOUNT } from '../integrations/stripe/stripe-client.js';
import { PaymentReconciler } from './payment-reconciler.js';
import { TransactionLedger } from './transaction-ledger.js';

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';
const TOLERANCE_SECONDS = 300;

export interface WebhookAnswer {
  status: number;
  body: { received: boolean; error?: string };
}

export async function receiveStripeWebhook(core: Pick<Core, 'settings' | 'secrets' | 'db' | 'clock' | 'audit'>, payload: string, signature: string | undefined): Promise<WebhookAnswer> {
  if (!core.settings.get().integrations.stripe.webhookEnabled) return { status: 404, body: { received: false, error: 'Stripe webhooks are not enabled in this Steward (Integrations → Stripe).' } };
  const secret = (await core.secrets.get(STRIPE_WEBHOOK_SECRET_ACCOUNT))?.trim();
  if (!secret) return { status: 503, body: { received: false, error: 'No webhook signing secret is set under Integrations → Stripe, so webhooks cannot be verified and are refused.' } };
  let event: Stripe.Event;
  try {
    if (!signature) throw new Error('missing Stripe-Signature header');
    event = Stripe.webhooks.constructEvent(payload, signature, secret, TOLERANCE_SECONDS);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 200) : 'invalid signature';
    core.audit.append({ actor: 'stripe:webhook', action: 'payments.webhook', args: { bytes: payload.length }, result: 'rejected', detail: `rejected a Stripe webhook: ${reason}` });
    return { status: 400, body: { received: false, error: 'The Stripe-Signature header did not verify; the event was ignored.' } };
  }
  const reconciler = new PaymentReconciler(core.db.raw, new TransactionLedger(core.db.raw, core.clock), core.clock);
  const row = reconciler.applyEvent(event);
  core.audit.append({ actor: 'stripe:webhook', action: 'payments.webhook', args: { event: event.id, type: event.type }, result: 'ok', detail: row ? `${event.type}: ledger entry ${row.id} is now ${row.status}` : row === undefined ? `${event.type}: already applied` : `${event.type}: nothing in the ledger` });
  return { status: 200, body: { received: true } };
}
