import { z } from 'zod';
import { Empty, spec } from './method-spec.js';

/**
 * The Payments view's part of the contract: the transaction ledger (list with filters, CSV
 * export), a refund that goes through the same approval as one the assistant proposes, and
 * reconciliation with Stripe's Events API.
 */
export const TransactionKindSchema = z.enum(['payment', 'invoice', 'subscription', 'refund']);
export const TransactionStatusSchema = z.enum(['pending', 'succeeded', 'failed', 'open', 'active', 'canceled', 'refunded', 'partially_refunded']);

export const TransactionSchema = z.object({
  id: z.string(),
  kind: TransactionKindSchema,
  status: TransactionStatusSchema,
  mode: z.enum(['test', 'live']),
  /** In the currency's own units, e.g. "120.50". */
  amount: z.string(),
  amountMinor: z.number(),
  currency: z.string(),
  amountUsd: z.number(),
  refunded: z.string(),
  purpose: z.string(),
  counterparty: z.string(),
  tool: z.string(),
  approvalId: z.string().nullable(),
  authorisedBy: z.string(),
  twoFactorUsed: z.boolean(),
  stripeId: z.string().nullable(),
  stripeCustomerId: z.string().nullable(),
  refundOf: z.string().nullable(),
  failure: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Transaction = z.infer<typeof TransactionSchema>;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-03-31');

export const PaymentsFilterSchema = z
  .object({
    kind: TransactionKindSchema.optional(),
    status: TransactionStatusSchema.optional(),
    mode: z.enum(['test', 'live']).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
    text: z.string().trim().max(200, 'must be at most 200 characters').optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  })
  .strict();

export const PaymentsListOutputSchema = z.object({
  transactions: z.array(TransactionSchema),
  /** Payments that count against the limits, today and this month, with the limits. */
  today: z.object({ count: z.number(), usd: z.number(), limitUsd: z.number(), maxCount: z.number() }),
  month: z.object({ usd: z.number(), limitUsd: z.number() }),
  mode: z.enum(['test', 'live']),
  lastReconciledAt: z.string().nullable(),
});

export const PaymentsExportOutputSchema = z.object({ filename: z.string(), csv: z.string(), rows: z.number() });

export const PaymentsRefundInputSchema = z
  .object({
    ledgerEntry: z.string().uuid('must be a ledger entry id from the Payments list'),
    /** Partial refund in the payment's currency ("30.00"); leave out for the rest of the payment. */
    amount: z.string().trim().regex(/^\d+(\.\d+)?$/, 'must be an amount such as 30.00').optional(),
    reason: z.string().trim().min(1, 'must say why the money goes back').max(300, 'must be at most 300 characters'),
  })
  .strict();
export const PaymentsRefundOutputSchema = z.object({ approvalId: z.string(), message: z.string() });

export const PaymentsReconcileOutputSchema = z.object({ eventsRead: z.number(), applied: z.number(), changed: z.number(), message: z.string() });

export const PAYMENTS_METHODS = {
  'payments.list': spec(PaymentsFilterSchema, PaymentsListOutputSchema),
  'payments.exportCsv': spec(PaymentsFilterSchema, PaymentsExportOutputSchema),
  'payments.refund': spec(PaymentsRefundInputSchema, PaymentsRefundOutputSchema, true),
  'payments.reconcile': spec(Empty, PaymentsReconcileOutputSchema, true),
};
