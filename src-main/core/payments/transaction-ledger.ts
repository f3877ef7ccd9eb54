/**
 * The transaction ledger: one row per payment, invoice, subscription and refund Steward made
 * (migration 0008). Rows are written 'pending' before Stripe is called and settled after, in the
 * same shape whether the answer came from the call, from reconciliation or from a webhook.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports.js';
import type { SqliteDatabase } from '../store/sqlite.js';

export type TransactionKind = 'payment' | 'invoice' | 'subscription' | 'refund';
export type TransactionStatus = 'pending' | 'succeeded' | 'failed' | 'open' | 'active' | 'canceled' | 'refunded' | 'partially_refunded';
export type StripeMode = 'test' | 'live';

export interface TransactionRow {
  id: string;
  kind: TransactionKind;
  status: TransactionStatus;
  mode: StripeMode;
  amountMinor: number;
  currency: string;
  amountUsd: number;
  purpose: string;
  counterparty: string;
  tool: string;
  toolCallId: string | null;
  taskId: string | null;
  conversationId: string | null;
  approvalId: string | null;
  authorisedBy: string;
  twoFactorUsed: boolean;
  idempotencyKey: string;
  stripeId: string | null;
  stripeCustomerId: string | null;
  refundedMinor: number;
  refundOf: string | null;
  failure: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewTransaction = Omit<TransactionRow, 'id' | 'status' | 'refundedMinor' | 'failure' | 'createdAt' | 'updatedAt' | 'stripeId'> & { stripeId?: string | null };

export interface TransactionFilter {
  kind?: TransactionKind;
  status?: TransactionStatus;
  mode?: StripeMode;
  /** Inclusive ISO dates (YYYY-MM-DD), compared with the local day of the row. */
  from?: string;
  to?: string;
  /** Matched against purpose, counterparty and Stripe ids. */
  text?: string;
  limit?: number;
}

/** Kinds that move money out of a customer's or the user's account and so count against the payment limits. */
export const LIMITED_KINDS: readonly TransactionKind[] = ['payment', 'invoice', 'subscription'];
const COUNTED_STATUSES = "('pending', 'succeeded', 'open', 'active', 'partially_refunded')";

interface DbRow {
  id: string;
  kind: TransactionKind;
  status: TransactionStatus;
  mode: StripeMode;
  amount_minor: number;
  currency: string;
  amount_usd: number;
  purpose: string;
  counterparty: string;
  tool: string;
  tool_call_id: string | null;
  task_id: string | null;
  conversation_id: string | null;
  approval_id: string | null;
  authorised_by: string;
  two_factor_used: number;
  idempotency_key: string;
  stripe_id: string | null;
  stripe_customer_id: string | null;
  refunded_minor: number;
  refund_of: string | null;
  failure: string | null;
  created_at: string;
  updated_at: string;
}

export class TransactionLedger {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {}

  /** Local calendar day and month: "today" is what the user calls today. */
  dayOf(at = this.clock.now()): { day: string; month: string } {
    const pad = (n: number) => String(n).padStart(2, '0');
    const month = `${at.getFullYear()}-${pad(at.getMonth() + 1)}`;
    return { day: `${month}-${pad(at.getDate())}`, month };
  }

  /** Writes the row before the outside call. A second insert with the same idempotency key returns the first row (a retried call). */
  insertPending(entry: NewTransaction): TransactionRow {
    const existing = this.findByIdempotencyKey(entry.idempotencyKey);
    if (existing) return existing;
    const now = this.clock.now();
    const { day, month } = this.dayOf(now);
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO transactions (id, kind, status, mode, amount_minor, currency, amount_usd, purpose, counterparty, tool, tool_call_id, task_id, conversation_id,
          approval_id, authorised_by, two_factor_used, idempotency_key, stripe_id, stripe_customer_id, refunded_minor, refund_of, failure, created_at, day, month, updated_at)
         VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, NULL, ?, ?, ?, ?)`,
      )
      .run(
        id,
        entry.kind,
        entry.mode,
        entry.amountMinor,
        entry.currency,
        entry.amountUsd,
        entry.purpose,
        entry.counterparty,
        entry.tool,
        entry.toolCallId,
        entry.taskId,
        entry.conversationId,
        entry.approvalId,
        entry.authorisedBy,
        entry.twoFactorUsed ? 1 : 0,
        entry.idempotencyKey,
        entry.stripeId ?? null,
        entry.stripeCustomerId,
        entry.refundOf,
        now.toISOString(),
        day,
        month,
        now.toISOString(),
      );
    return this.get(id)!;
  }

  settle(id: string, change: { status: TransactionStatus; stripeId?: string | null; stripeCustomerId?: string | null; failure?: string | null; refundedMinor?: number }): TransactionRow {
    const current = this.get(id);
    if (!current) throw new Error(`transaction ${id} not found`);
    this.db
      .prepare('UPDATE transactions SET status = ?, stripe_id = ?, stripe_customer_id = ?, failure = ?, refunded_minor = ?, updated_at = ? WHERE id = ?')
      .run(
        change.status,
        change.stripeId === undefined ? current.stripeId : change.stripeId,
        change.stripeCustomerId === undefined ? current.stripeCustomerId : change.stripeCustomerId,
        change.failure === undefined ? current.failure : change.failure,
        change.refundedMinor ?? current.refundedMinor,
        this.clock.now().toISOString(),
        id,
      );
    return this.get(id)!;
  }

  get(id: string): TransactionRow | null {
    const row = this.db.prepare('SELECT * FROM transactions WHERE id = ?').get(id) as DbRow | undefined;
    return row ? fromDb(row) : null;
  }

  findByIdempotencyKey(key: string): TransactionRow | null {
    const row = this.db.prepare('SELECT * FROM transactions WHERE idempotency_key = ?').get(key) as DbRow | undefined;
    return row ? fromDb(row) : null;
  }

  findByStripeId(stripeId: string): TransactionRow | null {
    const row = this.db.prepare('SELECT * FROM transactions WHERE stripe_id = ? ORDER BY created_at LIMIT 1').get(stripeId) as DbRow | undefined;
    return row ? fromDb(row) : null;
  }

  list(filter: TransactionFilter = {}): TransactionRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      args.push(value);
    };
    if (filter.kind) add('kind = ?', filter.kind);
    if (filter.status) add('status = ?', filter.status);
    if (filter.mode) add('mode = ?', filter.mode);
    if (filter.from) add('day >= ?', filter.from);
    if (filter.to) add('day <= ?', filter.to);
    if (filter.text) {
      const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push("(purpose LIKE ? ESCAPE '\\' OR counterparty LIKE ? ESCAPE '\\' OR COALESCE(stripe_id, '') LIKE ? ESCAPE '\\')");
      args.push(like, like, like);
    }
    const sql = `SELECT * FROM transactions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, filter.limit ?? 500) as DbRow[]).map(fromDb);
  }

  /** Payments of the local day (count and USD) that count against the limits; failed ones do not. */
  today(): { count: number; usd: number } {
    return this.totals('day', this.dayOf().day);
  }

  thisMonth(): { count: number; usd: number } {
    return this.totals('month', this.dayOf().month);
  }

  /** Past amounts of one tool, for cost prediction. */
  historyOf(tool: string, limit = 20): number[] {
    return (this.db.prepare("SELECT amount_usd AS a FROM transactions WHERE tool = ? AND status NOT IN ('failed', 'pending') ORDER BY created_at DESC LIMIT ?").all(tool, limit) as { a: number }[]).map((r) => r.a);
  }

  private totals(column: 'day' | 'month', value: string): { count: number; usd: number } {
    const kinds = LIMITED_KINDS.map((k) => `'${k}'`).join(', ');
    const row = this.db
      .prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(amount_usd), 0) AS s FROM transactions WHERE ${column} = ? AND kind IN (${kinds}) AND status IN ${COUNTED_STATUSES}`)
      .get(value) as { n: number; s: number };
    return { count: row.n, usd: row.s };
  }
}

function fromDb(row: DbRow): TransactionRow {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    mode: row.mode,
    amountMinor: row.amount_minor,
    currency: row.currency,
    amountUsd: row.amount_usd,
    purpose: row.purpose,
    counterparty: row.counterparty,
    tool: row.tool,
    toolCallId: row.tool_call_id,
    taskId: row.task_id,
    conversationId: row.conversation_id,
    approvalId: row.approval_id,
    authorisedBy: row.authorised_by,
    twoFactorUsed: row.two_factor_used === 1,
    idempotencyKey: row.idempotency_key,
    stripeId: row.stripe_id,
    stripeCustomerId: row.stripe_customer_id,
    refundedMinor: row.refunded_minor,
    refundOf: row.refund_of,
    failure: row.failure,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
