/**
 * Charges a customer's saved payment method now (PaymentIntent, confirmed off-session). Financial:
 * always asks, two-factor and the payment limits use its amount; its cost is Stripe's card fee.
 * Rollback is a full refund.
 */
import { z } from 'zod';
import { formatMoney } from '../../../integrations/stripe/money.js';
import { defineTool } from '../../tool.js';
import { amountSchema, cardFeeUsd, checkAmount, connect, currencySchema, customerSchema, minor, pendingRow, purposeSchema, settleFailure, STRIPE_MONEY_TOOL, usdOf, type StripeToolDeps } from './stripe-tool-support.js';
import { refundRow } from './stripe-refund-row.js';

export const createPaymentParameters = z
  .object({
    customer: customerSchema,
    amount: amountSchema,
    currency: currencySchema,
    purpose: purposeSchema,
    paymentMethod: z.string().regex(/^pm_[A-Za-z0-9_]+$/, 'must be a saved Stripe payment method id (pm_…); leave it out to use the customer’s default').optional(),
  })
  .strict()
  .superRefine((p, ctx) => checkAmount(p.amount, p.currency, ctx, ['amount']));

export function createPaymentTool(deps: StripeToolDeps) {
  return defineTool({
    name: 'stripe.create_payment',
    title: 'Take a payment',
    userDescription: "Charges a customer's saved payment method with Stripe.",
    description: 'Charge a customer’s saved card or payment method now through Stripe (amount in the currency’s units).',
    parameters: createPaymentParameters,
    ...STRIPE_MONEY_TOOL,
    cannotUndo: 'a refund returns the amount, but Stripe keeps its processing fee',
    describe: (p) => `Charge ${formatMoney(minor(p.amount, p.currency), p.currency)} to ${p.customer} for “${p.purpose}”`,
    payment: (p) => ({ amount: formatMoney(minor(p.amount, p.currency), p.currency), currency: p.currency.toUpperCase(), payee: p.customer, purpose: p.purpose }),
    // amountUsd/estimateCost run before approval with the settings of that moment.
    amountUsd: (p) => usdOf(minor(p.amount, p.currency), p.currency, currentSettings(deps)),
    estimateCost: (p) => cardFeeUsd(usdOf(minor(p.amount, p.currency), p.currency, currentSettings(deps))),
    async execute(p, ctx) {
      const amountMinor = minor(p.amount, p.currency);
      const amountUsd = usdOf(amountMinor, p.currency, ctx.settings);
      const stripe = await connect(ctx, deps);
      const row = pendingRow(deps, ctx, { kind: 'payment', mode: stripe.mode, amountMinor, currency: p.currency, amountUsd, purpose: p.purpose, counterparty: p.customer, tool: 'stripe.create_payment', stripeCustomerId: p.customer.startsWith('cus_') ? p.customer : null, refundOf: null });
      let intent;
      try {
        intent = await stripe.createPayment({ customer: p.customer, paymentMethod: p.paymentMethod ?? null, amountMinor, currency: p.currency, description: p.purpose, idempotencyKey: ctx.idempotencyKey, metadata: { steward_transaction: row.id } });
      } catch (err) {
        settleFailure(deps, row, err);
      }
      const status = intent.status === 'succeeded' ? 'succeeded' : intent.status === 'processing' ? 'pending' : 'failed';
      deps.ledger.settle(row.id, { status, stripeId: intent.id, stripeCustomerId: typeof intent.customer === 'string' ? intent.customer : (intent.customer?.id ?? null), failure: status === 'failed' ? `Stripe left the payment in status ${intent.status}` : null });
      const money = formatMoney(amountMinor, p.currency);
      return {
        output: { paymentIntent: intent.id, status: intent.status, amount: money, ledgerEntry: row.id, mode: stripe.mode },
        summary: `${status === 'succeeded' ? 'Charged' : 'Started a charge of'} ${money} to ${p.customer} for “${p.purpose}” (${intent.id}${stripe.mode === 'test' ? ', test mode' : ''}).`,
        costUsd: status === 'succeeded' ? cardFeeUsd(amountUsd) : 0,
        rollbackData: { paymentIntent: intent.id, ledgerEntry: row.id },
      };
    },
    async rollback(result, _p, ctx) {
      const data = result.rollbackData as { paymentIntent: string; ledgerEntry: string };
      await refundRow(deps, ctx, { ledgerEntry: data.ledgerEntry, amountMinor: null, reason: 'rollback of a failed task', idempotencyKey: `${ctx.idempotencyKey}:rollback` });
    },
  });
}

/** Settings at proposal time; the tool has no context there, so the ledger's clock-free reader is not enough. */
function currentSettings(deps: StripeToolDeps) {
  return deps.settings();
}
