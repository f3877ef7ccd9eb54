/**
 * Brings the ledger in line with Stripe. A desktop app has no public webhook URL, so Steward reads
 * Stripe's Events API (GET /v1/events, newer than the last one applied); when the local server
 * receives webhooks, each verified event goes through the same applyEvent. Every event is applied
 * at most once (payment_events_seen), so reconcile and webhook can overlap safely. Settles rows a
 * crash or timeout left 'pending', and records refunds, voided invoices and cancelled
 * subscriptions made in the Stripe Dashboard.
 */
import type Stripe from 'stripe';
import type { Clock } from '../ports.js';
import type { StripeClient } from '../integrations/stripe/stripe-client.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { TransactionLedger, TransactionRow } from './transaction-ledger.js';

/** How far back the first reconcile looks. */
const FIRST_SYNC_WINDOW_SECONDS = 30 * 86_400;

export interface ReconcileResult {
  eventsRead: number;
  applied: number;
  changed: TransactionRow[];
}

interface EventLike {
  id: string;
  type: string;
  created: number;
  data: { object: Record<string, unknown> };
}

export class PaymentReconciler {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly ledger: TransactionLedger,
    private readonly clock: Clock,
  ) {}

  async reconcile(stripe: StripeClient): Promise<ReconcileResult> {
    const state = this.db.prepare('SELECT last_event_created AS c FROM payment_sync_state WHERE id = 1').get() as { c: number } | undefined;
    const since = state ? state.c - 1 : Math.floor(this.clock.now().getTime() / 1000) - FIRST_SYNC_WINDOW_SECONDS;
    const events = await stripe.eventsSince(since);
    const changed: TransactionRow[] = [];
    let applied = 0;
    for (const event of events) {
      const row = this.applyEvent(event as unknown as EventLike);
      if (row !== undefined) applied += 1;
      if (row) changed.push(row);
    }
    const last = events.reduce((max, e) => Math.max(max, e.created), state?.c ?? 0);
    if (last > 0) {
      this.db
        .prepare('INSERT INTO payment_sync_state (id, last_event_created, last_synced_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET last_event_created = excluded.last_event_created, last_synced_at = excluded.last_synced_at')
        .run(last, this.clock.now().toISOString());
    }
    return { eventsRead: events.length, applied, changed };
  }

  /**
   * Applies one event. Returns the changed row, null when the event was new but about nothing in
   * the ledger, undefined when it had been applied before.
   */
  applyEvent(event: EventLike | Stripe.Event): TransactionRow | null | undefined {
    const e = event as EventLike;
    return this.db.transaction(() => {
      const fresh = this.db.prepare('INSERT OR IGNORE INTO payment_events_seen (event_id, type, applied_at) VALUES (?, ?, ?)').run(e.id, e.type, this.clock.now().toISOString()).changes === 1;
      if (!fresh) return undefined;
      return this.settleFrom(e);
    })();
  }

  private settleFrom(e: EventLike): TransactionRow | null {
    const object = e.data.object;
    const row = this.rowFor(object);
    if (!row) return null;
    switch (e.type) {
      case 'payment_intent.succeeded':
        return row.status === 'pending' || row.status === 'failed' ? this.ledger.settle(row.id, { status: 'succeeded', stripeId: String(object.id), failure: null }) : null;
      case 'payment_intent.payment_failed': {
        const error = object.last_payment_error as { message?: string } | null | undefined;
        return row.status === 'pending' ? this.ledger.settle(row.id, { status: 'failed', stripeId: String(object.id), failure: `Stripe: ${error?.message ?? 'the payment failed'}` }) : null;
      }
      case 'charge.refunded': {
        const refunded = Number(object.amount_refunded ?? 0);
        if (!(refunded > row.refundedMinor)) return null;
        return this.ledger.settle(row.id, { status: refunded >= row.amountMinor ? 'refunded' : 'partially_refunded', refundedMinor: refunded });
      }
      case 'invoice.paid':
        return this.ledger.settle(row.id, { status: 'succeeded', stripeId: String(object.id) });
      case 'invoice.voided':
      case 'invoice.marked_uncollectible':
        return this.ledger.settle(row.id, { status: 'canceled' });
      case 'customer.subscription.deleted':
        return this.ledger.settle(row.id, { status: 'canceled' });
      default:
        return null;
    }
  }

  /** The ledger row an event is about: by Stripe id, by the payment intent of a charge, or by our metadata. */
  private rowFor(object: Record<string, unknown>): TransactionRow | null {
    const metadata = object.metadata as Record<string, string> | undefined;
    if (metadata?.steward_transaction) {
      const row = this.ledger.get(metadata.steward_transaction);
      if (row) return row;
    }
    const ids = [object.id, object.payment_intent].filter((v): v is string => typeof v === 'string');
    for (const id of ids) {
      const row = this.ledger.findByStripeId(id);
      if (row && row.kind !== 'refund') return row;
    }
    return null;
  }
}
