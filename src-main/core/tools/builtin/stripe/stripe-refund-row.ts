/**
 * A refund of a payment in the ledger, full or partial: writes the refund row before calling
 * Stripe (same idempotency rules as a charge) and updates the payment's refunded amount and status.
 */
import { StewardError } from '../../../errors.js';
import { formatMoney } from '../../../integrations/stripe/money.js';
import type { TransactionRow } from '../../../payments/transaction-ledger.js';
import type { ToolContext } from '../../tool.js';
import { connect, settleFailure, type StripeToolDeps } from './stripe-tool-support.js';

export class NotRefundableError extends StewardError {
  constructor(message: string) {
    super('invalid_input', `${message} Nothing was refunded.`);
  }
}

/** The payment a refund is for, by ledger entry id or by Stripe payment id (pi_…); only payments Steward made are in the ledger. */
export function refundablePayment(deps: StripeToolDeps, ref: { ledgerEntry?: string; payment?: string }): TransactionRow {
  const row = ref.ledgerEntry ? deps.ledger.get(ref.ledgerEntry) : ref.payment ? deps.ledger.findByStripeId(ref.payment) : null;
  if (!row) throw new NotRefundableError(`${ref.ledgerEntry ? `Ledger entry ${ref.ledgerEntry}` : `Payment ${ref.payment}`} is not in Steward's payments ledger (Payments screen); refund payments made outside Steward in the Stripe Dashboard.`);
  if (row.kind !== 'payment') throw new NotRefundableError(`Ledger entry ${row.id} is a ${row.kind}, not a payment; only payments can be refunded here.`);
  if (!row.stripeId || (row.status !== 'succeeded' && row.status !== 'partially_refunded')) throw new NotRefundableError(`The payment ${row.stripeId ?? row.id} is ${row.status}, so there is nothing to refund.`);
  return row;
}

export function refundLeftMinor(row: TransactionRow): number {
  return row.amountMinor - row.refundedMinor;
}

export async function refundRow(deps: StripeToolDeps, ctx: ToolContext, input: { ledgerEntry: string; amountMinor: number | null; reason: string; idempotencyKey: string }): Promise<{ refundId: string; amountMinor: number; payment: TransactionRow; refund: TransactionRow }> {
  const payment = refundablePayment(deps, { ledgerEntry: input.ledgerEntry });
  const left = refundLeftMinor(payment);
  const amountMinor = input.amountMinor ?? left;
  if (amountMinor > left) throw new NotRefundableError(`The refund of ${formatMoney(amountMinor, payment.currency)} is more than the ${formatMoney(left, payment.currency)} left to refund on ${payment.stripeId}.`);
  const stripe = await connect(ctx, deps);
  const row = deps.ledger.insertPending({
    kind: 'refund',
    mode: stripe.mode,
    amountMinor,
    currency: payment.currency,
    amountUsd: payment.amountUsd * (amountMinor / payment.amountMinor),
    purpose: input.reason,
    counterparty: payment.counterparty,
    tool: 'stripe.refund',
    toolCallId: ctx.idempotencyKey.replace(/^steward-/, ''),
    taskId: ctx.taskId,
    conversationId: ctx.conversationId,
    approvalId: ctx.approval.approvalId,
    authorisedBy: ctx.approval.approver,
    twoFactorUsed: ctx.approval.twoFactorUsed,
    idempotencyKey: input.idempotencyKey,
    stripeCustomerId: payment.stripeCustomerId,
    refundOf: payment.id,
  });
  if (row.status === 'succeeded' && row.stripeId) {
    // A retried call whose refund already went through: report it, count it once.
    return { refundId: row.stripeId, amountMinor: row.amountMinor, payment: deps.ledger.get(payment.id)!, refund: row };
  }
  let refund;
  try {
    refund = await stripe.refund({ paymentIntent: payment.stripeId!, amountMinor: input.amountMinor === null ? null : amountMinor, idempotencyKey: input.idempotencyKey, reason: input.reason });
  } catch (err) {
    settleFailure(deps, row, err);
  }
  const settled = deps.ledger.settle(row.id, { status: refund.status === 'failed' ? 'failed' : 'succeeded', stripeId: refund.id });
  const refunded = payment.refundedMinor + (refund.status === 'failed' ? 0 : refund.amount);
  const updated = deps.ledger.settle(payment.id, { status: refunded >= payment.amountMinor ? 'refunded' : 'partially_refunded', refundedMinor: refunded });
  return { refundId: refund.id, amountMinor: refund.amount, payment: updated, refund: settled };
}
