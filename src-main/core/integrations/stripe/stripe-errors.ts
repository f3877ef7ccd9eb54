/**
 * Stripe's SDK errors mapped to Steward's typed integration errors (auth failed, rate limited, not
 * found, network, timeout, declined, rejected, server). Messages name what to do and never carry
 * the key: Stripe itself masks it, and the SDK error (with its headers) is not kept as a cause.
 */
import Stripe from 'stripe';
import { redactText } from '../../security/redaction.js';
import {
  IntegrationAuthError,
  IntegrationError,
  IntegrationNetworkError,
  IntegrationNotFoundError,
  IntegrationRateLimitedError,
  IntegrationRejectedError,
  IntegrationServerError,
  IntegrationTimeoutError,
} from '../integration-errors.js';

export const STRIPE = 'Stripe';
export const STRIPE_KEY_FIX = 'Paste the secret key again under Integrations → Stripe (Stripe Dashboard → Developers → API keys), in the same mode (test or live) as the one selected there.';

/** A card payment the bank declined: nothing was charged. */
export class PaymentDeclinedError extends IntegrationError {
  readonly declineCode: string | null;
  readonly paymentIntentId: string | null;
  constructor(declineCode: string | null, reason: string, paymentIntentId: string | null) {
    const code = declineCode ? ` (${declineCode.replace(/_/g, ' ')})` : '';
    super(STRIPE, 'declined', 'provider_failed', `The card was declined${code}: ${reason} Nothing was charged. Ask the customer to update their payment method (Steward can send them a Stripe link) and try again.`);
    this.declineCode = declineCode;
    this.paymentIntentId = paymentIntentId;
  }
}

/** The key is for the other mode than the one selected under Integrations → Stripe. */
export class StripeWrongModeError extends IntegrationError {
  constructor(selected: 'test' | 'live', keyMode: 'test' | 'live' | 'unknown') {
    const what = keyMode === 'unknown' ? 'is not a Stripe secret key (it should start with sk_test_, sk_live_, rk_test_ or rk_live_)' : `is a ${keyMode}-mode key`;
    super(STRIPE, 'auth', 'invalid_input', `The Stripe key ${what}, but Stripe is set to ${selected} mode. Nothing was charged. Switch the mode under Integrations → Stripe, or paste a ${selected}-mode key.`);
  }
}

export function keyMode(key: string): 'test' | 'live' | 'unknown' {
  if (/^(sk|rk)_test_/.test(key)) return 'test';
  if (/^(sk|rk)_live_/.test(key)) return 'live';
  return 'unknown';
}

export function retryAfterSeconds(err: unknown): number | null {
  const headers = (err as { headers?: Record<string, string | string[] | undefined> }).headers;
  const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** Maps anything the Stripe SDK threw; `what` names the object for not-found ("payment pi_123"). */
export function mapStripeError(err: unknown, context: { where: string; timeoutSeconds: number; what?: string }): IntegrationError {
  if (err instanceof IntegrationError) return err;
  const e = err as Stripe.errors.StripeError;
  const message = redactText(typeof e?.message === 'string' ? e.message : String(err));
  if (err instanceof Stripe.errors.StripeCardError) {
    const raw = e.raw as { payment_intent?: { id?: string } } | undefined;
    return new PaymentDeclinedError(e.decline_code ?? e.code ?? null, message, raw?.payment_intent?.id ?? null);
  }
  if (err instanceof Stripe.errors.StripeAuthenticationError || err instanceof Stripe.errors.StripePermissionError) return new IntegrationAuthError(STRIPE, STRIPE_KEY_FIX, message);
  if (err instanceof Stripe.errors.StripeRateLimitError) return new IntegrationRateLimitedError(STRIPE, retryAfterSeconds(err));
  if (err instanceof Stripe.errors.StripeInvalidRequestError) {
    if (e.statusCode === 404 || e.code === 'resource_missing') return new IntegrationNotFoundError(STRIPE, context.what ?? `such object (${message})`);
    // Stripe reports a 429 "rate_limit" as an invalid request with that code.
    if (e.statusCode === 429 || e.code === 'rate_limit') return new IntegrationRateLimitedError(STRIPE, retryAfterSeconds(err));
    return new IntegrationRejectedError(STRIPE, message, e.param ?? null);
  }
  if (err instanceof Stripe.errors.StripeIdempotencyError) return new IntegrationRejectedError(STRIPE, `${message} (the same action was already sent with other details; nothing new was charged)`, null);
  if (err instanceof Stripe.errors.StripeConnectionError) {
    if (/timeout|timed out/i.test(message)) return new IntegrationTimeoutError(STRIPE, context.timeoutSeconds);
    return new IntegrationNetworkError(STRIPE, context.where, message);
  }
  if (err instanceof Stripe.errors.StripeAPIError) return new IntegrationServerError(STRIPE, e.statusCode ?? null);
  if (err instanceof Stripe.errors.StripeError) {
    if ((e.statusCode ?? 0) >= 500) return new IntegrationServerError(STRIPE, e.statusCode ?? null);
    return new IntegrationRejectedError(STRIPE, message, null);
  }
  return new IntegrationNetworkError(STRIPE, context.where, message);
}
