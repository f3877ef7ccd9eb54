/**
 * The one place Steward talks to Stripe, through the official SDK. Every create carries an
 * Idempotency-Key derived from the tool call's key, so a retry (the SDK's own on network errors,
 * 409 and 5xx, ours on 429 after Retry-After, or a whole retried call after a crash) replays
 * Stripe's first answer instead of charging twice. Knows no tool, approval or agent.
 */
import Stripe from 'stripe';
import type { Settings } from '../../../../src-preload/contract.js';
import { StewardError } from '../../errors.js';
import type { SecretStore } from '../../ports.js';
import { IntegrationNotFoundError, IntegrationRateLimitedError } from '../integration-errors.js';
import { keyMode, mapStripeError, StripeWrongModeError } from './stripe-errors.js';

export const STRIPE_SECRET_KEY_ACCOUNT = 'stripe.secretKey';
export const STRIPE_WEBHOOK_SECRET_ACCOUNT = 'stripe.webhookSecret';
/** Network errors, 409 and 5xx: retried by the SDK with exponential backoff (safe: every POST has an idempotency key). */
const SDK_RETRIES = 2;
/** 429: retried by us after Retry-After, at most this often and never waiting longer than MAX_WAIT. */
const RATE_LIMIT_RETRIES = 2;
const MAX_RATE_LIMIT_WAIT_SECONDS = 10;

export type StripeConfig = Settings['integrations']['stripe'];

export class StripeNotSetUpError extends StewardError {
  constructor() {
    super('invalid_input', 'Stripe is not set up: paste your secret key under Integrations → Stripe (Stripe Dashboard → Developers → API keys). Nothing was charged.');
  }
}

export interface UpcomingCharge {
  kind: 'subscription' | 'invoice';
  id: string;
  customer: string;
  amountMinor: number;
  currency: string;
  /** When Stripe will charge (subscription period end) or the invoice is due; ISO time. */
  dueAt: string | null;
  description: string;
}

/** Reads the key from the keychain, checks its mode against the setting and builds the client. */
export async function openStripe(secrets: SecretStore, settings: Settings, options: { sleep?: (ms: number) => Promise<void> } = {}): Promise<StripeClient> {
  const config = settings.integrations.stripe;
  const key = (await secrets.get(STRIPE_SECRET_KEY_ACCOUNT))?.trim();
  if (!key) throw new StripeNotSetUpError();
  const mode = keyMode(key);
  if (mode !== config.mode) throw new StripeWrongModeError(config.mode, mode);
  return new StripeClient(key, config, options.sleep);
}

export class StripeClient {
  private readonly stripe: Stripe;
  readonly mode: 'test' | 'live';

  constructor(
    key: string,
    private readonly config: StripeConfig,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    const url = new URL(config.apiBaseUrl);
    this.mode = config.mode;
    this.stripe = new Stripe(key, {
      host: url.hostname,
      port: url.port || (url.protocol === 'http:' ? 80 : 443),
      protocol: url.protocol === 'http:' ? 'http' : 'https',
      maxNetworkRetries: SDK_RETRIES,
      timeout: config.timeoutSeconds * 1000,
      telemetry: false,
      appInfo: { name: 'Steward' },
    });
  }

  async account(): Promise<{ id: string; name: string }> {
    const account = await this.call(() => this.stripe.accounts.retrieveCurrent(), 'account');
    const name = account.settings?.dashboard?.display_name ?? account.business_profile?.name ?? account.email ?? account.id;
    return { id: account.id, name };
  }

  /** A customer by id (cus_…) or by email; with `create`, a missing email becomes a new customer. */
  async customer(ref: string, create?: { name: string | null; idempotencyKey: string }): Promise<Stripe.Customer> {
    if (ref.startsWith('cus_')) {
      const found = await this.call(() => this.stripe.customers.retrieve(ref), `customer ${ref}`);
      if ((found as Stripe.DeletedCustomer).deleted) throw new IntegrationNotFoundError('Stripe', `customer ${ref} (it was deleted)`);
      return found as Stripe.Customer;
    }
    const list = await this.call(() => this.stripe.customers.list({ email: ref, limit: 1 }), `customer ${ref}`);
    if (list.data[0]) return list.data[0];
    if (!create) throw new IntegrationNotFoundError('Stripe', `customer with the email ${ref}`);
    return this.call(() => this.stripe.customers.create({ email: ref, ...(create.name && { name: create.name }) }, { idempotencyKey: `${create.idempotencyKey}:customer` }), 'customer');
  }

  /** Charges a saved payment method now (off-session PaymentIntent, confirmed in the same call). */
  async createPayment(input: { customer: string; paymentMethod: string | null; amountMinor: number; currency: string; description: string; idempotencyKey: string; metadata: Record<string, string> }): Promise<Stripe.PaymentIntent> {
    const customer = await this.customer(input.customer);
    const paymentMethod = input.paymentMethod ?? defaultPaymentMethod(customer);
    if (!paymentMethod) throw new StewardError('invalid_input', `The Stripe customer ${customer.email ?? customer.id} has no saved payment method. Send them a link to add one ("update payment method"), then try again. Nothing was charged.`);
    return this.call(
      () =>
        this.stripe.paymentIntents.create(
          { amount: input.amountMinor, currency: input.currency, customer: customer.id, payment_method: paymentMethod, confirm: true, off_session: true, description: input.description, metadata: input.metadata },
          { idempotencyKey: input.idempotencyKey },
        ),
      'payment',
    );
  }

  async refund(input: { paymentIntent: string; amountMinor: number | null; idempotencyKey: string; reason: string }): Promise<Stripe.Refund> {
    return this.call(
      () => this.stripe.refunds.create({ payment_intent: input.paymentIntent, ...(input.amountMinor !== null && { amount: input.amountMinor }), metadata: { reason: input.reason.slice(0, 500) } }, { idempotencyKey: input.idempotencyKey }),
      `payment ${input.paymentIntent}`,
    );
  }

  /** Draft → line items → finalize → send. Each step has its own key, so a retry resumes where it stopped. */
  async sendInvoice(input: { customer: string; customerName: string | null; currency: string; items: Array<{ description: string; amountMinor: number }>; daysUntilDue: number; description: string; idempotencyKey: string; metadata: Record<string, string> }): Promise<Stripe.Invoice> {
    const customer = await this.customer(input.customer, { name: input.customerName, idempotencyKey: input.idempotencyKey });
    const key = input.idempotencyKey;
    const draft = await this.call(
      () => this.stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: input.daysUntilDue, description: input.description, currency: input.currency, auto_advance: false, metadata: input.metadata }, { idempotencyKey: `${key}:invoice` }),
      'invoice',
    );
    for (const [index, item] of input.items.entries()) {
      await this.call(
        () => this.stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id!, amount: item.amountMinor, currency: input.currency, description: item.description }, { idempotencyKey: `${key}:item:${index}` }),
        `invoice ${draft.id}`,
      );
    }
    await this.call(() => this.stripe.invoices.finalizeInvoice(draft.id!, {}, { idempotencyKey: `${key}:finalize` }), `invoice ${draft.id}`);
    return this.call(() => this.stripe.invoices.sendInvoice(draft.id!, {}, { idempotencyKey: `${key}:send` }), `invoice ${draft.id}`);
  }

  async voidInvoice(id: string, idempotencyKey: string): Promise<Stripe.Invoice> {
    return this.call(() => this.stripe.invoices.voidInvoice(id, {}, { idempotencyKey }), `invoice ${id}`);
  }

  async createSubscription(input: { customer: string; price: string; quantity: number; idempotencyKey: string; metadata: Record<string, string> }): Promise<Stripe.Subscription> {
    const customer = await this.customer(input.customer);
    return this.call(
      () => this.stripe.subscriptions.create({ customer: customer.id, items: [{ price: input.price, quantity: input.quantity }], metadata: input.metadata }, { idempotencyKey: input.idempotencyKey }),
      `price ${input.price}`,
    );
  }

  async price(id: string): Promise<Stripe.Price> {
    return this.call(() => this.stripe.prices.retrieve(id), `price ${id}`);
  }

  async cancelSubscription(id: string, idempotencyKey: string): Promise<Stripe.Subscription> {
    return this.call(() => this.stripe.subscriptions.cancel(id, {}, { idempotencyKey }), `subscription ${id}`);
  }

  async upcomingCharges(limit: number): Promise<UpcomingCharge[]> {
    const [subs, invoices] = await Promise.all([
      this.call(() => this.stripe.subscriptions.list({ status: 'active', limit }), 'subscriptions'),
      this.call(() => this.stripe.invoices.list({ status: 'open', limit }), 'invoices'),
    ]);
    const out: UpcomingCharge[] = [];
    for (const sub of subs.data) {
      const items = sub.items.data;
      const amount = items.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1), 0);
      const end = items.map((item) => (item as unknown as { current_period_end?: number }).current_period_end).find((t) => typeof t === 'number');
      out.push({ kind: 'subscription', id: sub.id, customer: typeof sub.customer === 'string' ? sub.customer : sub.customer.id, amountMinor: amount, currency: sub.currency, dueAt: end ? new Date(end * 1000).toISOString() : null, description: `Subscription renewal (${items.length} item${items.length === 1 ? '' : 's'})` });
    }
    for (const invoice of invoices.data) {
      const due = invoice.due_date ?? null;
      out.push({ kind: 'invoice', id: invoice.id!, customer: typeof invoice.customer === 'string' ? invoice.customer : (invoice.customer?.id ?? ''), amountMinor: invoice.amount_due, currency: invoice.currency, dueAt: due ? new Date(due * 1000).toISOString() : null, description: invoice.description ?? `Invoice ${invoice.number ?? invoice.id}` });
    }
    return out.sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
  }

  /** A Stripe-hosted page where the customer updates their card; card numbers never pass through Steward. */
  async paymentMethodLink(input: { customer: string; idempotencyKey: string }): Promise<{ url: string; customerId: string }> {
    const customer = await this.customer(input.customer);
    const session = await this.call(
      () =>
        this.stripe.billingPortal.sessions.create(
          { customer: customer.id, flow_data: { type: 'payment_method_update' }, ...(this.config.portalReturnUrl && { return_url: this.config.portalReturnUrl }) },
          { idempotencyKey: input.idempotencyKey },
        ),
      `customer ${input.customer}`,
    );
    return { url: session.url, customerId: customer.id };
  }

  /** Events newer than `createdAfter` (unix seconds), oldest first. */
  async eventsSince(createdAfter: number, max = 500): Promise<Stripe.Event[]> {
    const out: Stripe.Event[] = [];
    for await (const event of this.stripe.events.list({ created: { gt: createdAfter }, limit: 100 })) {
      out.push(event);
      if (out.length >= max) break;
    }
    return out.sort((a, b) => a.created - b.created);
  }

  /** Verifies a webhook's Stripe-Signature with the signing secret (throws when forged or stale). */
  verifyWebhook(payload: string, signature: string, secret: string): Stripe.Event {
    return this.stripe.webhooks.constructEvent(payload, signature, secret, 300);
  }

  private context() {
    return { where: this.config.apiBaseUrl, timeoutSeconds: this.config.timeoutSeconds };
  }

  /** One SDK call with its errors mapped; 429s waited out (Retry-After) a bounded number of times. */
  private async call<T>(run: () => Promise<T>, what: string): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await run();
      } catch (err) {
        const mapped = mapStripeError(err, { ...this.context(), what });
        if (mapped instanceof IntegrationRateLimitedError && attempt < RATE_LIMIT_RETRIES) {
          const wait = mapped.retryAfterSeconds ?? 2 ** attempt;
          if (wait <= MAX_RATE_LIMIT_WAIT_SECONDS) {
            await this.sleep(wait * 1000);
            continue;
          }
        }
        throw mapped;
      }
    }
  }
}

function defaultPaymentMethod(customer: Stripe.Customer): string | null {
  const pm = customer.invoice_settings?.default_payment_method;
  if (!pm) return null;
  return typeof pm === 'string' ? pm : pm.id;
}
