/**
 * Refunds a payment Steward made, in full or in part, by its ledger entry or its Stripe payment id.
 * Financial (money goes back to the customer): two-factor uses the refunded amount.
 */
import { z } from 'zod';
import { formatMoney } from '../../../integrations/stripe/money.js';
import { defineTool } from '../../tool.js';
import { NotRefundableError, refundablePayment, refundLeftMinor, refundRow } from './stripe-refund-row.js';
import { amountSchema, minor, purposeSchema, STRIPE_MONEY_TOOL, type StripeToolDeps } from './stripe-tool-support.js';

export const refundParameters = z
  .object({
    ledgerEntry: z.string().uuid('must be a ledger entry id from the Payments screen').optional().describe('ledger entry id of the payment (Payments screen)'),
    payment: z.string().regex(/^pi_[A-Za-z0-9]+$/, 'must be a Stripe payment id (pi_…)').optional().describe('Stripe payment id (pi_…)'),
    amount: amountSchema.optional().describe('partial refund amount in the payment’s currency; leave out for a full refund'),
    reason: purposeSchema.describe('why the money goes back'),
  })
  .strict()
  .refine((p) => (p.ledgerEntry === undefined) !== (p.payment === undefined), { message: 'give either ledgerEntry or payment (exactly one)', path: ['payment'] });

export function refundTool(deps: StripeToolDeps) {
  const target = (p: z.output<typeof refundParameters>) => {
    const row = refundablePayment(deps, p);
    const left = refundLeftMinor(row);
    const amountMinor = p.amount === undefined ? left : minor(p.amount, row.currency);
    if (amountMinor > left) throw new NotRefundableError(`The refund of ${formatMoney(amountMinor, row.currency)} is more than the ${formatMoney(left, row.currency)} left to refund on ${row.stripeId}.`);
    return { row, amountMinor };
  };
  return defineTool({
    name: 'stripe.refund',
    title: 'Refund a payment',
    userDescription: 'Gives back all or part of a Stripe payment.',
    description: 'Refund a payment Steward made through Stripe, fully or partly (by ledger entry or pi_ id).',
    parameters: refundParameters,
    ...STRIPE_MONEY_TOOL,
    cannotUndo: 'a refund cannot be reversed; charging again needs a new payment',
    describe: (p) => {
      const { row, amountMinor } = target(p);
      return `Refund ${formatMoney(amountMinor, row.currency)} of ${row.stripeId} (${row.counterparty}) — ${p.reason}`;
    },
    payment: (p) => {
      const { row, amountMinor } = target(p);
      return { amount: formatMoney(amountMinor, row.currency), currency: row.currency.toUpperCase(), payee: row.counterparty, purpose: `Refund: ${p.reason}` };
    },
    amountUsd: (p) => {
      const { row, amountMinor } = target(p);
      return row.amountUsd * (amountMinor / row.amountMinor);
    },
    estimateCost: () => 0,
    async execute(p, ctx) {
      const { row, amountMinor } = target(p);
      const done = await refundRow(deps, ctx, { ledgerEntry: row.id, amountMinor: p.amount === undefined ? null : amountMinor, reason: p.reason, idempotencyKey: ctx.idempotencyKey });
      const money = formatMoney(done.amountMinor, row.currency);
      return {
        output: { refund: done.refundId, amount: money, payment: row.stripeId, paymentStatus: done.payment.status, ledgerEntry: done.refund.id },
        summary: `Refunded ${money} of ${row.stripeId} to ${row.counterparty} (${done.refundId}).`,
        costUsd: 0,
      };
    },
  });
}
