/**
 * Request handlers of the Payments view: the ledger (list, CSV), a refund started through the
 * same approval as the assistant's, and reconciliation with Stripe's Events API.
 */
import type { z } from 'zod';
import type { PaymentsFilterSchema, PaymentsRefundInputSchema, Transaction } from '../../../../src-preload/schemas/payments.js';
import type { Core } from '../../core-types.js';
import { StewardError } from '../../errors.js';
import { fromMinorUnits } from '../../integrations/stripe/money.js';
import { openStripe, STRIPE_SECRET_KEY_ACCOUNT } from '../../integrations/stripe/stripe-client.js';
import { ledgerCsv } from '../../payments/ledger-csv.js';
import { PaymentReconciler } from '../../payments/payment-reconciler.js';
import { ToolStarterUnavailableError } from '../../payments/tool-starter.js';
import { TransactionLedger, type TransactionFilter, type TransactionRow } from '../../payments/transaction-ledger.js';
import { scopedSecretStore } from '../../security/scoped-secret-store.js';
import { handlersUsing } from '../handler.js';

const { sync, async } = handlersUsing<'core' | 'toolStarter'>();

const ledgerOf = (core: Core) => new TransactionLedger(core.db.raw, core.clock);

function toTransaction(r: TransactionRow): Transaction {
  return { ...r, amount: fromMinorUnits(r.amountMinor, r.currency), refunded: fromMinorUnits(r.refundedMinor, r.currency) };
}

export const paymentsHandlers = {
  'payments.list': sync((input: z.output<typeof PaymentsFilterSchema>, { core }) => {
    const ledger = ledgerOf(core);
    const limits = core.settings.get().payments;
    const today = ledger.today();
    const month = ledger.thisMonth();
    const synced = core.db.raw.prepare('SELECT last_synced_at AS at FROM payment_sync_state WHERE id = 1').get() as { at: string } | undefined;
    return {
      transactions: ledger.list(input as TransactionFilter).map(toTransaction),
      today: { count: today.count, usd: today.usd, limitUsd: limits.dailyUsd, maxCount: limits.maxPerDay },
      month: { usd: month.usd, limitUsd: limits.monthlyUsd },
      mode: core.settings.get().integrations.stripe.mode,
      lastReconciledAt: synced?.at ?? null,
    };
  }),
  'payments.exportCsv': sync((input: z.output<typeof PaymentsFilterSchema>, { core }) => {
    const rows = ledgerOf(core).list({ ...(input as TransactionFilter), limit: input.limit ?? 5000 });
    return { filename: `steward-payments-${ledgerOf(core).dayOf().day}.csv`, csv: ledgerCsv(rows), rows: rows.length };
  }),
  'payments.refund': async(async (input: z.output<typeof PaymentsRefundInputSchema>, { toolStarter }, context) => {
    if (!toolStarter) throw new ToolStarterUnavailableError();
    const started = await toolStarter.start({ tool: 'stripe.refund', args: { ledgerEntry: input.ledgerEntry, ...(input.amount && { amount: input.amount }), reason: input.reason }, actor: `user:${context.actor}` });
    if (started.approvalId) return { approvalId: started.approvalId, message: 'The refund is waiting for your approval (Approvals); nothing is refunded until you approve it.' };
    const outcome = started.outcome!;
    const reason = 'error' in outcome ? outcome.error.userMessage : 'it did not run.';
    throw new StewardError('invalid_input', `The refund was not started: ${reason}`);
  }),
  'payments.reconcile': async(async (_input: Record<string, never>, { core }) => {
    const stripe = await openStripe(scopedSecretStore(core.secrets, 'Payments reconciliation', [STRIPE_SECRET_KEY_ACCOUNT]), core.settings.get());
    const result = await new PaymentReconciler(core.db.raw, ledgerOf(core), core.clock).reconcile(stripe);
    const message = result.eventsRead === 0 ? 'Up to date: Stripe reported no new events.' : `Read ${result.eventsRead} Stripe event${result.eventsRead === 1 ? '' : 's'}; ${result.changed.length} ledger entr${result.changed.length === 1 ? 'y' : 'ies'} updated.`;
    return { eventsRead: result.eventsRead, applied: result.applied, changed: result.changed.length, message };
  }),
};
