/**
 * Stripe tools that move no money: list upcoming charges (read-only) and a Stripe-hosted link for
 * a customer to update their payment method (card numbers never pass through Steward).
 */
import { z } from 'zod';
import { formatMoney } from '../../../integrations/stripe/money.js';
import { defineTool } from '../../tool.js';
import { connect, customerSchema, STRIPE_ACCOUNTS, stripeConfigured, type StripeToolDeps } from './stripe-tool-support.js';

export function listUpcomingChargesTool(deps: StripeToolDeps) {
  return defineTool({
    name: 'stripe.list_upcoming_charges',
    title: 'List upcoming charges',
    userDescription: 'Lists the Stripe subscription renewals and open invoices coming up, soonest first.',
    description: 'List upcoming Stripe charges: active subscription renewals and open invoices, soonest first.',
    parameters: z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(),
    describe: (p) => `List the next ${p.limit} upcoming Stripe charges`,
    sideEffect: 'none',
    defaultPermission: 'always',
    idempotent: true,
    credentialAccounts: STRIPE_ACCOUNTS,
    isConfigured: stripeConfigured,
    async execute(p, ctx) {
      const stripe = await connect(ctx, deps);
      const charges = (await stripe.upcomingCharges(p.limit)).slice(0, p.limit);
      const lines = charges.map((c) => `${c.dueAt ? c.dueAt.slice(0, 10) : 'no date'} · ${formatMoney(c.amountMinor, c.currency)} · ${c.customer} · ${c.description}`);
      return {
        output: { charges: charges.map((c) => ({ ...c, amount: formatMoney(c.amountMinor, c.currency) })) },
        summary: charges.length === 0 ? 'No upcoming Stripe charges.' : `${charges.length} upcoming charge${charges.length === 1 ? '' : 's'}:\n${lines.join('\n')}`,
      };
    },
  });
}

export function paymentMethodLinkTool(deps: StripeToolDeps) {
  return defineTool({
    name: 'stripe.payment_method_link',
    title: 'Send a payment-method link',
    userDescription: 'Creates a Stripe page where a customer updates the card or account they pay with.',
    description: 'Create a Stripe-hosted link where a customer updates their saved card or payment method.',
    parameters: z.object({ customer: customerSchema }).strict(),
    // Financial: it changes how a customer is charged, so it always asks.
    sideEffect: 'financial',
    defaultPermission: 'ask',
    idempotent: true,
    // The result is Steward's own account of what it did, not outside text.
    resultOrigin: () => null,
    credentialAccounts: STRIPE_ACCOUNTS,
    isConfigured: stripeConfigured,
    describe: (p) => `Create a Stripe link for ${p.customer} to update their payment method`,
    payment: (p) => ({ amount: 'no charge', currency: '—', payee: p.customer, purpose: 'Update payment method (Stripe-hosted page)' }),
    amountUsd: () => 0,
    estimateCost: () => 0,
    async execute(p, ctx) {
      const stripe = await connect(ctx, deps);
      const link = await stripe.paymentMethodLink({ customer: p.customer, idempotencyKey: ctx.idempotencyKey });
      return { output: { url: link.url, customer: link.customerId }, summary: `Stripe link for ${p.customer} to update their payment method: ${link.url}` };
    },
  });
}
