import type { Migration } from '../migration.js';

/**
 * Payments. `transactions` is the ledger of every payment, invoice, subscription and refund
 * Steward made: what moved (minor units + currency, and its USD value for the limits), why, to or
 * from whom, who authorised it (approval, 2FA), the Stripe ids and where it stands. A row is written
 * 'pending' with its idempotency key before Stripe is called, so a crash leaves a row that
 * reconciliation (Stripe's Events API) settles, never a charge with no row. `payment_events_seen`
 * remembers which Stripe events were applied (reconcile and webhook both), so none is applied twice.
 * approvals.payment_json holds what the approval card shows for a payment (amount, currency, payee,
 * purpose, budget left).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'payments',
  sql: `
CREATE TABLE transactions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('payment', 'invoice', 'subscription', 'refund')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'open', 'active', 'canceled', 'refunded', 'partially_refunded')),
  mode TEXT NOT NULL CHECK (mode IN ('test', 'live')),
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  amount_usd REAL NOT NULL CHECK (amount_usd >= 0),
  purpose TEXT NOT NULL,
  counterparty TEXT NOT NULL,
  tool TEXT NOT NULL,
  tool_call_id TEXT,
  task_id TEXT,
  conversation_id TEXT,
  approval_id TEXT,
  authorised_by TEXT NOT NULL,
  two_factor_used INTEGER NOT NULL DEFAULT 0 CHECK (two_factor_used IN (0, 1)),
  idempotency_key TEXT NOT NULL UNIQUE,
  stripe_id TEXT,
  stripe_customer_id TEXT,
  refunded_minor INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
  refund_of TEXT REFERENCES transactions(id),
  failure TEXT,
  created_at TEXT NOT NULL,
  day TEXT NOT NULL,
  month TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX transactions_day ON transactions(day, kind, status);
CREATE INDEX transactions_month ON transactions(month, kind, status);
CREATE INDEX transactions_stripe ON transactions(stripe_id);
CREATE INDEX transactions_tool ON transactions(tool, status);

CREATE TABLE payment_events_seen (
  event_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

CREATE TABLE payment_sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_event_created INTEGER NOT NULL,
  last_synced_at TEXT NOT NULL
);

ALTER TABLE approvals ADD COLUMN payment_json TEXT;
`,
};
