/**
 * What every Stripe tool shares: the keychain account it declares, the money fields (validated per
 * currency before anything is written or sent), the fee estimate, and the ledger row written before
 * Stripe is called and settled after.
 */
import { z } from 'zod';
import type { Settings } from '../../../../../src-preload/contract.js';
import { IntegrationError } from '../../../integrations/integration-errors.js';
import { CURRENCY_DECIMALS, currencyCode, MoneyInputError, toMinorUnits, toUsd } from '../../../integrations/stripe/money.js';
import { openStripe, STRIPE_SECRET_KEY_ACCOUNT, type StripeClient } from '../../../integrations/stripe/stripe-client.js';
import { PaymentDeclinedError } from '../../../integrations/stripe/stripe-errors.js';
import type { NewTransaction, TransactionLedger, TransactionRow } from '../../../payments/transaction-ledger.js';
import type { ToolContext } from '../../tool.js';

export const STRIPE_ACCOUNTS = [STRIPE_SECRET_KEY_ACCOUNT] as const;

export interface StripeToolDeps {
  ledger: TransactionLedger;
  /** The current settings: amountUsd runs before approval, without a tool context, and needs the exchange rates. */
  settings: () => Settings;
  /** Test seam for Retry-After waits; real time otherwise. */
  sleep?: (ms: number) => Promise<void>;
}

export const amountSchema = z
  .union([z.number({ error: 'must be an amount such as 120.50' }), z.string({ error: 'must be an amount such as 120.50' }).trim().min(1, 'must not be empty')])
  .describe('amount in the currency’s own units, such as 120.50 (not cents)');

export const currencySchema = z
  .string({ error: 'must be a three-letter currency code such as usd' })
  .trim()
  .refine((c) => CURRENCY_DECIMALS.has(c.toLowerCase()), { message: 'must be a currency Steward can charge in: a three-letter code such as usd, eur, gbp or jpy' })
  .transform((c) => c.toLowerCase())
  .describe('three-letter ISO currency code, e.g. usd');

/** Adds an issue at `path` when the amount is not valid for the currency (zero, negative, too many decimals). */
export function checkAmount(amount: string | number, currency: string, ctx: z.RefinementCtx, path: (string | number)[]): void {
  try {
    toMinorUnits(amount, currencyCode(currency));
  } catch (err) {
    if (err instanceof MoneyInputError) ctx.addIssue({ code: 'custom', path, message: (err.issues?.[0]?.message ?? err.userMessage).replace(/\.$/, '') });
    else throw err;
  }
}

export function minor(amount: string | number, currency: string): number {
  return toMinorUnits(amount, currency);
}

export function usdOf(minorUnits: number, currency: string, settings: Settings): number {
  return toUsd(minorUnits, currency, settings.payments.usdPerUnit);
}

/**
 * Stripe's standard card pricing (2.9% + 30¢ per successful card charge, stripe.com/pricing) as
 * the cost of a charge: it is what the user pays Stripe, booked against the spend budget — never
 * the amount moved.
 */
export function cardFeeUsd(amountUsd: number): number {
  return Math.round((amountUsd * 0.029 + 0.3) * 100) / 100;
}

export function connect(ctx: ToolContext, deps: StripeToolDeps): Promise<StripeClient> {
  return openStripe(ctx.secrets, ctx.settings, { sleep: deps.sleep });
}

export async function stripeConfigured(context: Pick<ToolContext, 'secrets' | 'settings'>): Promise<{ ok: true } | { ok: false; reason: string }> {
  const key = await context.secrets.get(STRIPE_SECRET_KEY_ACCOUNT);
  return key && key.trim() ? { ok: true } : { ok: false, reason: 'Stripe is not set up: paste your secret key under Integrations → Stripe.' };
}

/**
 * What every Stripe tool that moves money declares alike: financial and always asked; idempotent
 * (the same Idempotency-Key makes Stripe replay the first request after a crash); its result is
 * Steward's own account of what it did, not outside text; three minutes; the Stripe key only.
 */
export const STRIPE_MONEY_TOOL = {
  sideEffect: 'financial',
  defaultPermission: 'ask',
  idempotent: true,
  resultOrigin: () => null,
  timeoutMs: 180_000,
  credentialAccounts: STRIPE_ACCOUNTS,
  isConfigured: stripeConfigured,
} as const;

/** The pending ledger row for this call (the same row again when the call is retried). */
export function pendingRow(deps: StripeToolDeps, ctx: ToolContext, entry: Omit<NewTransaction, 'idempotencyKey' | 'toolCallId' | 'taskId' | 'conversationId' | 'approvalId' | 'authorisedBy' | 'twoFactorUsed' | 'mode'> & { mode: 'test' | 'live' }): TransactionRow {
  return deps.ledger.insertPending({
    ...entry,
    idempotencyKey: ctx.idempotencyKey,
    toolCallId: ctx.idempotencyKey.replace(/^steward-/, ''),
    taskId: ctx.taskId,
    conversationId: ctx.conversationId,
    approvalId: ctx.approval.approvalId,
    authorisedBy: ctx.approval.approver,
    twoFactorUsed: ctx.approval.twoFactorUsed,
  });
}

/**
 * Settles a row after a failed call. A decline or a refused request certainly charged nothing
 * ('failed'); a timeout, network or server error may have reached Stripe, so the row stays
 * 'pending' and reconciliation settles it from Stripe's events.
 */
export function settleFailure(deps: StripeToolDeps, row: TransactionRow, err: unknown): never {
  if (err instanceof PaymentDeclinedError) {
    deps.ledger.settle(row.id, { status: 'failed', failure: err.userMessage, stripeId: err.paymentIntentId });
    throw err;
  }
  if (err instanceof IntegrationError && (err.failure === 'timeout' || err.failure === 'network' || err.failure === 'server')) {
    throw new IntegrationError(err.service, err.failure, err.code, `${err.userMessage} Steward keeps it as pending; “Reconcile with Stripe” on the Payments screen checks whether it went through.`);
  }
  deps.ledger.settle(row.id, { status: 'failed', failure: err instanceof IntegrationError ? err.userMessage : 'failed before Stripe answered' });
  throw err;
}

export const purposeSchema = z.string({ error: 'must say what the payment is for' }).trim().min(1, 'must say what the payment is for').max(300, 'must be at most 300 characters').describe('what this is for, shown to the customer and in the ledger');

export const customerSchema = z
  .string({ error: 'must be a Stripe customer id (cus_…) or an email address' })
  .trim()
  .refine((v) => /^cus_[A-Za-z0-9]+$/.test(v) || z.email().safeParse(v).success, { message: 'must be a Stripe customer id (cus_…) or an email address' })
  .describe('Stripe customer id (cus_…) or the customer’s email');
