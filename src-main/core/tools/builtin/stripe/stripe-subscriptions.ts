/**
 * Subscriptions: create (a customer on a recurring price) and cancel. The create call states the
 * price's amount so two-factor and the limits can check it before approval; Stripe's own price is
 * checked against it before anything is created (a mismatch is refused, nothing created).
 */
import { z } from 'zod';
import { StewardError } from '../../../errors.js';
import { formatMoney } from '../../../integrations/stripe/money.js';
import { defineTool } from '../../tool.js';
import { amountSchema, cardFeeUsd, checkAmount, connect, currencySchema, customerSchema, minor, pendingRow, purposeSchema, settleFailure, STRIPE_ACCOUNTS, STRIPE_MONEY_TOOL, stripeConfigured, usdOf, type StripeToolDeps } from './stripe-tool-support.js';

export const createSubscriptionParameters = z
  .object({
    customer: customerSchema,
    price: z.string().regex(/^price_[A-Za-z0-9]+$/, 'must be a Stripe price id (price_…)').describe('recurring Stripe price id'),
    amount: amountSchema.describe('the price per period per unit, as in Stripe, e.g. 49.00'),
    currency: currencySchema,
    quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000).default(1),
    purpose: purposeSchema,
  })
  .strict()
  .superRefine((p, ctx) => checkAmount(p.amount, p.currency, ctx, ['amount']));

const firstCharge = (p: z.output<typeof createSubscriptionParameters>) => minor(p.amount, p.currency) * p.quantity;

export class PriceMismatchError extends StewardError {
  constructor(price: string, stated: string, actual: string) {
    super('invalid_input', `The Stripe price ${price} is ${actual}, not ${stated} as stated, so no subscription was created. Check the price and ask again with the right amount.`);
  }
}

export function createSubscriptionTool(deps: StripeToolDeps) {
  return defineTool({
    name: 'stripe.create_subscription',
    title: 'Start a subscription',
    userDescription: 'Subscribes a customer to a recurring Stripe price.',
    description: 'Subscribe a Stripe customer to a recurring price (state the price amount per period).',
    parameters: createSubscriptionParameters,
    ...STRIPE_MONEY_TOOL,
    cannotUndo: 'the first period is charged at once; cancelling stops future charges but does not refund it',
    describe: (p) => `Subscribe ${p.customer} to ${p.price} at ${formatMoney(minor(p.amount, p.currency), p.currency)} × ${p.quantity} per period for “${p.purpose}”`,
    payment: (p) => ({ amount: `${formatMoney(firstCharge(p), p.currency)} per period`, currency: p.currency.toUpperCase(), payee: p.customer, purpose: p.purpose }),
    amountUsd: (p) => usdOf(firstCharge(p), p.currency, deps.settings()),
    estimateCost: (p) => cardFeeUsd(usdOf(firstCharge(p), p.currency, deps.settings())),
    async execute(p, ctx) {
      const stripe = await connect(ctx, deps);
      const price = await stripe.price(p.price);
      const stated = minor(p.amount, p.currency);
      if (price.unit_amount !== stated || price.currency !== p.currency) {
        throw new PriceMismatchError(p.price, formatMoney(stated, p.currency), price.unit_amount === null ? 'not a fixed amount' : formatMoney(price.unit_amount, price.currency));
      }
      const amountMinor = firstCharge(p);
      const row = pendingRow(deps, ctx, { kind: 'subscription', mode: stripe.mode, amountMinor, currency: p.currency, amountUsd: usdOf(amountMinor, p.currency, ctx.settings), purpose: p.purpose, counterparty: p.customer, tool: 'stripe.create_subscription', stripeCustomerId: p.customer.startsWith('cus_') ? p.customer : null, refundOf: null });
      let sub;
      try {
        sub = await stripe.createSubscription({ customer: p.customer, price: p.price, quantity: p.quantity, idempotencyKey: ctx.idempotencyKey, metadata: { steward_transaction: row.id } });
      } catch (err) {
        settleFailure(deps, row, err);
      }
      const active = sub.status === 'active' || sub.status === 'trialing';
      deps.ledger.settle(row.id, { status: active ? 'active' : 'pending', stripeId: sub.id, stripeCustomerId: typeof sub.customer === 'string' ? sub.customer : sub.customer.id });
      return {
        output: { subscription: sub.id, status: sub.status, ledgerEntry: row.id },
        summary: `Subscribed ${p.customer} to ${p.price} (${formatMoney(amountMinor, p.currency)} per period, ${sub.id}).`,
        costUsd: active ? cardFeeUsd(usdOf(amountMinor, p.currency, ctx.settings)) : 0,
        rollbackData: { subscription: sub.id, ledgerEntry: row.id },
      };
    },
    async rollback(result, _p, ctx) {
      const data = result.rollbackData as { subscription: string; ledgerEntry: string };
      const stripe = await connect(ctx, deps);
      await stripe.cancelSubscription(data.subscription, `${ctx.idempotencyKey}:rollback`);
      deps.ledger.settle(data.ledgerEntry, { status: 'canceled' });
    },
  });
}

export const cancelSubscriptionParameters = z
  .object({
    subscription: z.string().regex(/^sub_[A-Za-z0-9]+$/, 'must be a Stripe subscription id (sub_…)'),
    reason: purposeSchema.describe('why it is cancelled'),
  })
  .strict();

export function cancelSubscriptionTool(deps: StripeToolDeps) {
  return defineTool({
    name: 'stripe.cancel_subscription',
    title: 'Cancel a subscription',
    userDescription: 'Ends a Stripe subscription so the customer is no longer charged.',
    description: 'Cancel a Stripe subscription now (stops future charges).',
    parameters: cancelSubscriptionParameters,
    sideEffect: 'financial',
    defaultPermission: 'ask',
    idempotent: true,
    // The result is Steward's own account of what it did, not outside text.
    resultOrigin: () => null,
    credentialAccounts: STRIPE_ACCOUNTS,
    cannotUndo: 'a cancelled subscription cannot be resumed; a new one has to be created',
    isConfigured: stripeConfigured,
    describe: (p) => `Cancel subscription ${p.subscription} — ${p.reason}`,
    payment: (p) => ({ amount: 'no charge', currency: '—', payee: p.subscription, purpose: `Cancel: ${p.reason}` }),
    // Moves no money: it stops future charges.
    amountUsd: () => 0,
    estimateCost: () => 0,
    async execute(p, ctx) {
      const stripe = await connect(ctx, deps);
      const sub = await stripe.cancelSubscription(p.subscription, ctx.idempotencyKey);
      const row = deps.ledger.findByStripeId(sub.id);
      if (row) deps.ledger.settle(row.id, { status: 'canceled' });
      return { output: { subscription: sub.id, status: sub.status }, summary: `Cancelled subscription ${sub.id}.`, costUsd: 0 };
    },
  });
}
