/**
 * Sends a Stripe invoice: customer (found by id or email, created when new), line items, finalize,
 * send. Financial: the amount is the invoice total. Rollback voids the invoice while unpaid.
 */
import { z } from 'zod';
import { formatMoney } from '../../../integrations/stripe/money.js';
import { defineTool } from '../../tool.js';
import { amountSchema, checkAmount, connect, currencySchema, customerSchema, minor, pendingRow, purposeSchema, settleFailure, STRIPE_MONEY_TOOL, usdOf, type StripeToolDeps } from './stripe-tool-support.js';

export const sendInvoiceParameters = z
  .object({
    customer: customerSchema,
    customerName: z.string().trim().min(1).max(200).optional().describe('name for a new customer'),
    currency: currencySchema,
    items: z
      .array(z.object({ description: z.string().trim().min(1, 'must describe the item').max(300), amount: amountSchema }).strict(), { error: 'must be a list of { description, amount }' })
      .min(1, 'must have at least one line item')
      .max(50, 'must have at most 50 line items'),
    purpose: purposeSchema,
    daysUntilDue: z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(365, 'must be at most 365 days').default(30),
  })
  .strict()
  .superRefine((p, ctx) => p.items.forEach((item, i) => checkAmount(item.amount, p.currency, ctx, ['items', i, 'amount'])));

const total = (p: z.output<typeof sendInvoiceParameters>) => p.items.reduce((sum, item) => sum + minor(item.amount, p.currency), 0);

export function sendInvoiceTool(deps: StripeToolDeps) {
  return defineTool({
    name: 'stripe.send_invoice',
    title: 'Send an invoice',
    userDescription: 'Creates a Stripe invoice and emails it to the customer.',
    description: 'Create, finalize and email a Stripe invoice to a customer (line items in the currency’s units).',
    parameters: sendInvoiceParameters,
    ...STRIPE_MONEY_TOOL,
    cannotUndo: 'the invoice email is delivered at once; voiding the invoice cannot unsend it',
    describe: (p) => `Invoice ${p.customer} ${formatMoney(total(p), p.currency)} (${p.items.length} item${p.items.length === 1 ? '' : 's'}) for “${p.purpose}”, due in ${p.daysUntilDue} days`,
    payment: (p) => ({ amount: formatMoney(total(p), p.currency), currency: p.currency.toUpperCase(), payee: p.customer, purpose: p.purpose }),
    amountUsd: (p) => usdOf(total(p), p.currency, deps.settings()),
    // Stripe Invoicing Starter: 0.4% of the paid invoice (stripe.com/invoicing/pricing).
    estimateCost: (p) => Math.round(usdOf(total(p), p.currency, deps.settings()) * 0.004 * 100) / 100,
    async execute(p, ctx) {
      const amountMinor = total(p);
      const stripe = await connect(ctx, deps);
      const row = pendingRow(deps, ctx, { kind: 'invoice', mode: stripe.mode, amountMinor, currency: p.currency, amountUsd: usdOf(amountMinor, p.currency, ctx.settings), purpose: p.purpose, counterparty: p.customer, tool: 'stripe.send_invoice', stripeCustomerId: p.customer.startsWith('cus_') ? p.customer : null, refundOf: null });
      let invoice;
      try {
        invoice = await stripe.sendInvoice({ customer: p.customer, customerName: p.customerName ?? null, currency: p.currency, items: p.items.map((item) => ({ description: item.description, amountMinor: minor(item.amount, p.currency) })), daysUntilDue: p.daysUntilDue, description: p.purpose, idempotencyKey: ctx.idempotencyKey, metadata: { steward_transaction: row.id } });
      } catch (err) {
        settleFailure(deps, row, err);
      }
      const customerId = typeof invoice.customer === 'string' ? invoice.customer : (invoice.customer?.id ?? null);
      deps.ledger.settle(row.id, { status: invoice.status === 'paid' ? 'succeeded' : 'open', stripeId: invoice.id ?? null, stripeCustomerId: customerId });
      const money = formatMoney(amountMinor, p.currency);
      return {
        output: { invoice: invoice.id, number: invoice.number ?? null, status: invoice.status, url: invoice.hosted_invoice_url ?? null, amount: money, ledgerEntry: row.id },
        summary: `Sent invoice ${invoice.number ?? invoice.id} for ${money} to ${p.customer}, due in ${p.daysUntilDue} days.`,
        costUsd: 0,
        rollbackData: { invoice: invoice.id, ledgerEntry: row.id },
      };
    },
    async rollback(result, _p, ctx) {
      const data = result.rollbackData as { invoice: string; ledgerEntry: string };
      const stripe = await connect(ctx, deps);
      await stripe.voidInvoice(data.invoice, `${ctx.idempotencyKey}:rollback`);
      deps.ledger.settle(data.ledgerEntry, { status: 'canceled' });
    },
  });
}
