/**
 * A local HTTP fake of the Stripe API endpoints Steward uses, following Stripe's documented wire
 * format so the real `stripe` SDK can be pointed at it (host/port/protocol):
 *  - requests: `Authorization: Bearer sk_…`, form-encoded bodies with bracket notation
 *    (`items[0][price]=…`, `metadata[k]=v`), `Idempotency-Key` on POSTs;
 *  - responses: JSON objects with `object`, `id`, `livemode`; lists as `{ object: 'list', data, has_more, url }`;
 *  - errors: `{ error: { type, code, message, param, decline_code } }` with 400/401/402/404/409/429/5xx;
 *  - idempotency: the same key with the same request replays the first response (with
 *    `Idempotent-Replayed: true`); the same key with different parameters is a 400 idempotency_error;
 *  - test payment methods: `pm_card_visa` succeeds, `pm_card_chargeDeclined` is declined (402 card_declined);
 *  - events: every state change appends to `/v1/events` (newest first, `created[gt]` filter).
 * Tests can inject faults per path: a dropped response after processing, 429 with Retry-After, 5xx,
 * or a hang (for timeouts). Every request is recorded.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type StripeFault =
  /** Processes the request, then destroys the socket before answering (a dropped response). */
  | { kind: 'drop-after-processing' }
  /** Answers 429 rate_limit with this Retry-After (seconds), without processing. */
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  /** Answers this 5xx without processing. */
  | { kind: 'server-error'; status: number }
  /** Never answers. */
  | { kind: 'hang' };

export interface StripeFakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: Record<string, unknown>;
  query: Record<string, unknown>;
}

type Obj = Record<string, unknown> & { id: string; object: string };

export interface StripeFake {
  /** Options for `new Stripe(key, { host, port, protocol })`. */
  host: string;
  port: number;
  protocol: 'http';
  /** Base URL, for settings that take one. */
  url: string;
  /** The one key the fake accepts (sk_test_… by default). */
  secretKey: string;
  requests: StripeFakeRequest[];
  /** Faults for the next requests to a path (matched as a prefix, e.g. '/v1/payment_intents'). */
  fault(pathPrefix: string, ...faults: StripeFault[]): void;
  /** Creates a customer with a saved card (default pm_card_visa). */
  addCustomer(input: { name: string; email: string; paymentMethod?: string }): Obj;
  /** Creates a recurring price. */
  addPrice(input: { unitAmount: number; currency: string; interval: 'month' | 'year'; product?: string }): Obj;
  objects(type: string): Obj[];
  /** PaymentIntents that actually charged (status succeeded). */
  charges(): Obj[];
  events(): Obj[];
  /** Appends an event as Stripe would (for reconcile and webhook tests). */
  emitEvent(type: string, object: Obj): Obj;
  /** A correct Stripe-Signature header for this payload and secret. */
  sign(payload: string, secret: string, timestamp?: number): string;
  close(): Promise<void>;
}

const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const KNOWN_CURRENCIES = new Set(['usd', 'eur', 'gbp', 'cad', 'aud', 'chf', 'sek', 'nok', 'dkk', 'jpy', 'krw', 'inr', 'bhd', 'kwd', ...ZERO_DECIMAL]);

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; code?: string; message: string; param?: string; decline_code?: string; payment_intent?: unknown },
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

/** Parses `a[b][0][c]=v&x[]=1` into nested objects/arrays, as Stripe's servers do. */
export function parseStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      const key = part === '' && Array.isArray(node) ? String(node.length) : part;
      const nextIsArray = !last && (parts[index + 1] === '' || /^\d+$/.test(parts[index + 1]!));
      const container = node as Record<string, unknown>;
      if (last) container[key] = value;
      else {
        container[key] ??= nextIsArray ? [] : {};
        node = container[key] as Record<string, unknown>;
      }
    });
  }
  return root;
}

export async function startStripeFake(options: { secretKey?: string } = {}): Promise<StripeFake> {
  const secretKey = options.secretKey ?? `sk_test_${randomBytes(12).toString('hex')}`;
  const livemode = secretKey.startsWith('sk_live_') || secretKey.startsWith('rk_live_');
  const store = new Map<string, Map<string, Obj>>();
  const events: Obj[] = [];
  const requests: StripeFakeRequest[] = [];
  const faults = new Map<string, StripeFault[]>();
  const idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  const sockets = new Set<Socket>();
  let counter = 0;
  let clock = Math.floor(Date.now() / 1000);

  const id = (prefix: string) => `${prefix}_${(++counter).toString(36).padStart(6, '0')}${randomBytes(4).toString('hex')}`;
  const now = () => Math.max(clock, Math.floor(Date.now() / 1000));
  const table = (type: string) => {
    let map = store.get(type);
    if (!map) store.set(type, (map = new Map()));
    return map;
  };
  const put = (obj: Obj) => {
    table(obj.object).set(obj.id, obj);
    return obj;
  };
  const get = (type: string, objectId: string, param = 'id'): Obj => {
    const found = table(type).get(objectId);
    if (!found) throw new ApiError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${type}: '${objectId}'` });
    return found;
  };
  const emitEvent = (type: string, object: Obj): Obj => {
    clock = now() + 1;
    const event: Obj = { id: id('evt'), object: 'event', type, created: clock, livemode, data: { object: structuredClone(object) }, api_version: '2026-02-25.clover', pending_webhooks: 0 };
    events.unshift(event);
    return event;
  };

  const amountOf = (form: Record<string, unknown>, param = 'amount'): number => {
    const raw = form[param];
    if (raw === undefined) throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_missing', param, message: `Missing required param: ${param}.` });
    if (!/^\d+$/.test(String(raw))) throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_integer', param, message: `Invalid integer: ${String(raw)}` });
    const amount = Number(raw);
    if (amount < 1) throw new ApiError(400, { type: 'invalid_request_error', code: 'amount_too_small', param, message: 'Amount must be at least 1 unit.' });
    return amount;
  };
  const currencyOf = (form: Record<string, unknown>): string => {
    const currency = String(form.currency ?? '').toLowerCase();
    if (!KNOWN_CURRENCIES.has(currency)) throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_string', param: 'currency', message: `Invalid currency: ${currency}.` });
    return currency;
  };
  const list = (data: Obj[], url: string) => ({ object: 'list', data, has_more: false, url });

  function charge(pi: Obj, paymentMethod: string): Obj {
    if (paymentMethod === 'pm_card_chargeDeclined' || paymentMethod.endsWith('_declined')) {
      pi.status = 'requires_payment_method';
      pi.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
      emitEvent('payment_intent.payment_failed', pi);
      throw new ApiError(402, { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', payment_intent: structuredClone(pi) });
    }
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    pi.latest_charge = id('ch');
    emitEvent('payment_intent.succeeded', pi);
    return pi;
  }

  function route(method: string, path: string, form: Record<string, unknown>, query: Record<string, unknown>): unknown {
    const seg = path.split('/').filter(Boolean); // ['v1', 'payment_intents', id?, action?]
    const [, resource, objectId, action] = seg;
    const key = `${method} ${resource}${objectId ? '/:id' : ''}${action ? `/${action}` : ''}`;
    switch (key) {
      case 'GET account':
        return { id: 'acct_fake123', object: 'account', email: 'owner@example.com', business_profile: { name: 'Acme Studio' }, settings: { dashboard: { display_name: 'Acme Studio' } }, livemode };
      case 'GET customers/:id':
        return get('customer', objectId!);
      case 'GET customers': {
        const email = query.email ? String(query.email) : null;
        return list([...table('customer').values()].filter((c) => !email || c.email === email), '/v1/customers');
      }
      case 'POST customers':
        return put({ id: id('cus'), object: 'customer', name: form.name ?? null, email: form.email ?? null, invoice_settings: { default_payment_method: null }, livemode });
      case 'POST payment_intents': {
        const amount = amountOf(form);
        const currency = currencyOf(form);
        const customer = form.customer ? get('customer', String(form.customer), 'customer') : null;
        const paymentMethod = String(form.payment_method ?? (customer?.invoice_settings as { default_payment_method?: string } | undefined)?.default_payment_method ?? '');
        const pi = put({ id: id('pi'), object: 'payment_intent', amount, currency, customer: customer?.id ?? null, payment_method: paymentMethod || null, description: form.description ?? null, metadata: form.metadata ?? {}, status: 'requires_confirmation', created: now(), livemode, amount_received: 0, latest_charge: null });
        if (form.confirm === 'true') {
          if (!paymentMethod) throw new ApiError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', param: 'payment_method', message: 'You cannot confirm this PaymentIntent because it\'s missing a payment method.' });
          return charge(pi, paymentMethod);
        }
        return pi;
      }
      case 'GET payment_intents/:id':
        return get('payment_intent', objectId!);
      case 'POST refunds': {
        const pi = get('payment_intent', String(form.payment_intent ?? ''), 'payment_intent');
        if (pi.status !== 'succeeded') throw new ApiError(400, { type: 'invalid_request_error', code: 'charge_not_refundable', message: `This PaymentIntent (${pi.id}) does not have a successful charge to refund.` });
        const refunded = [...table('refund').values()].filter((r) => r.payment_intent === pi.id).reduce((sum, r) => sum + Number(r.amount), 0);
        const left = Number(pi.amount) - refunded;
        const amount = form.amount === undefined ? left : amountOf(form);
        if (amount > left) throw new ApiError(400, { type: 'invalid_request_error', code: 'amount_too_large', param: 'amount', message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})` });
        const refund = put({ id: id('re'), object: 'refund', amount, currency: pi.currency, payment_intent: pi.id, charge: pi.latest_charge, status: 'succeeded', created: now(), metadata: form.metadata ?? {} });
        emitEvent('charge.refunded', { id: String(pi.latest_charge), object: 'charge', payment_intent: pi.id, amount: pi.amount, amount_refunded: refunded + amount, refunded: refunded + amount === pi.amount });
        return refund;
      }
      case 'POST invoices': {
        const customer = get('customer', String(form.customer ?? ''), 'customer');
        return put({ id: id('in'), object: 'invoice', customer: customer.id, customer_email: customer.email, customer_name: customer.name, status: 'draft', collection_method: form.collection_method ?? 'charge_automatically', days_until_due: form.days_until_due ? Number(form.days_until_due) : null, description: form.description ?? null, currency: form.currency ?? 'usd', amount_due: 0, total: 0, lines: list([], '/v1/invoices/lines'), hosted_invoice_url: null, created: now(), livemode, metadata: form.metadata ?? {} });
      }
      case 'POST invoiceitems': {
        const invoice = get('invoice', String(form.invoice ?? ''), 'invoice');
        if (invoice.status !== 'draft') throw new ApiError(400, { type: 'invalid_request_error', code: 'invoice_not_editable', message: `You can only add invoice items to draft invoices; ${invoice.id} is ${String(invoice.status)}.` });
        const amount = amountOf(form);
        const item = put({ id: id('ii'), object: 'invoiceitem', invoice: invoice.id, customer: invoice.customer, amount, currency: currencyOf(form), description: form.description ?? null });
        invoice.currency = item.currency;
        invoice.total = Number(invoice.total) + amount;
        invoice.amount_due = invoice.total;
        (invoice.lines as { data: unknown[] }).data.push({ id: id('il'), object: 'line_item', amount, currency: item.currency, description: item.description });
        return item;
      }
      case 'POST invoices/:id/finalize': {
        const invoice = get('invoice', objectId!);
        if (invoice.status !== 'draft') throw new ApiError(400, { type: 'invalid_request_error', code: 'invoice_not_editable', message: `This invoice is already finalized (status ${String(invoice.status)}).` });
        invoice.status = 'open';
        invoice.number = `FAKE-${String(counter).padStart(4, '0')}`;
        invoice.hosted_invoice_url = `https://invoice.stripe.com/i/${invoice.id}`;
        emitEvent('invoice.finalized', invoice);
        return invoice;
      }
      case 'POST invoices/:id/send': {
        const invoice = get('invoice', objectId!);
        if (invoice.status !== 'open') throw new ApiError(400, { type: 'invalid_request_error', code: 'invoice_not_open', message: 'You can only send open invoices.' });
        invoice.sent = true;
        emitEvent('invoice.sent', invoice);
        return invoice;
      }
      case 'GET invoices': {
        const status = query.status ? String(query.status) : null;
        return list([...table('invoice').values()].filter((i) => !status || i.status === status), '/v1/invoices');
      }
      case 'POST invoices/:id/void': {
        const invoice = get('invoice', objectId!);
        invoice.status = 'void';
        emitEvent('invoice.voided', invoice);
        return invoice;
      }
      case 'GET prices/:id':
        return get('price', objectId!);
      case 'POST subscriptions': {
        const customer = get('customer', String(form.customer ?? ''), 'customer');
        const items = (form.items as Array<{ price?: string; quantity?: string }> | undefined) ?? [];
        if (items.length === 0) throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_missing', param: 'items', message: 'Missing required param: items.' });
        const start = now();
        const data = items.map((item, index) => {
          const price = get('price', String(item.price ?? ''), `items[${index}][price]`);
          const interval = (price.recurring as { interval: string }).interval;
          return { id: id('si'), object: 'subscription_item', price, quantity: Number(item.quantity ?? 1), current_period_start: start, current_period_end: start + (interval === 'year' ? 365 : 30) * 86_400 };
        });
        const paymentMethod = String(form.default_payment_method ?? (customer.invoice_settings as { default_payment_method?: string }).default_payment_method ?? '');
        if (paymentMethod === 'pm_card_chargeDeclined') throw new ApiError(402, { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' });
        const sub = put({ id: id('sub'), object: 'subscription', customer: customer.id, status: 'active', items: list(data, '/v1/subscription_items'), currency: (data[0]!.price as Obj).currency, cancel_at_period_end: false, canceled_at: null, created: start, livemode, metadata: form.metadata ?? {} });
        emitEvent('customer.subscription.created', sub);
        return sub;
      }
      case 'GET subscriptions': {
        const status = query.status ? String(query.status) : null;
        return list([...table('subscription').values()].filter((s) => !status || s.status === status), '/v1/subscriptions');
      }
      case 'DELETE subscriptions/:id': {
        const sub = get('subscription', objectId!);
        if (sub.status === 'canceled') throw new ApiError(400, { type: 'invalid_request_error', code: 'resource_missing', message: `No such subscription: '${sub.id}' (it is already canceled).` });
        sub.status = 'canceled';
        sub.canceled_at = now();
        emitEvent('customer.subscription.deleted', sub);
        return sub;
      }
      case 'POST billing_portal/sessions':
      case 'POST billing_portal': {
        const customer = get('customer', String(form.customer ?? ''), 'customer');
        const session = put({ id: id('bps'), object: 'billing_portal.session', customer: customer.id, url: `https://billing.stripe.com/p/session/${randomBytes(8).toString('hex')}`, return_url: form.return_url ?? null, flow: form.flow_data ?? null, created: now(), livemode });
        return session;
      }
      case 'GET events': {
        const created = query.created as { gt?: string } | undefined;
        const after = created?.gt ? Number(created.gt) : 0;
        const limit = Number(query.limit ?? 10);
        const matching = events.filter((e) => Number(e.created) > after);
        return { object: 'list', data: matching.slice(0, limit), has_more: matching.length > limit, url: '/v1/events' };
      }
      default:
        throw new ApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` });
    }
  }

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_${randomBytes(6).toString('hex')}`, ...headers });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      const form = parseStripeForm(raw);
      const query = parseStripeForm(url.search.slice(1));
      const method = req.method ?? 'GET';
      // billing_portal/sessions is one resource with a slash in it.
      const path = url.pathname.replace('/v1/billing_portal/sessions', '/v1/billing_portal');
      requests.push({ method, path: url.pathname, headers: req.headers, form, query });

      const auth = req.headers.authorization ?? '';
      if (auth !== `Bearer ${secretKey}`) {
        const given = auth.replace(/^Bearer\s+/, '');
        return send(res, 401, { error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${given.slice(0, 8)}${'*'.repeat(8)}${given.slice(-4)}` } });
      }

      const fault = [...faults.entries()].find(([prefix, queue]) => url.pathname.startsWith(prefix) && queue.length > 0)?.[1].shift();
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'rate-limit') return send(res, 429, { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly.' } }, { 'Retry-After': String(fault.retryAfterSeconds) });
      if (fault?.kind === 'server-error') return send(res, fault.status, { error: { type: 'api_error', message: 'An unknown error occurred on our servers.' } });

      const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
      const fingerprint = createHash('sha256').update(`${method} ${url.pathname} ${raw}`).digest('hex');
      if (key && method === 'POST') {
        const seen = idempotency.get(key);
        if (seen && seen.fingerprint !== fingerprint) {
          return send(res, 400, { error: { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` } });
        }
        if (seen) return send(res, seen.status, seen.body, { 'Idempotent-Replayed': 'true' });
      }

      let status = 200;
      let body: unknown;
      let headers: Record<string, string> = {};
      try {
        body = route(method, path, form, query);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        status = err.status;
        body = { error: err.body };
        headers = err.headers;
      }
      // Stripe stores the result (errors included, except 5xx/429) under the key and replays it.
      if (key && method === 'POST') idempotency.set(key, { fingerprint, status, body });
      if (fault?.kind === 'drop-after-processing') {
        req.socket.destroy();
        return;
      }
      send(res, status, body, headers);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    protocol: 'http',
    url: `http://127.0.0.1:${port}`,
    secretKey,
    requests,
    fault(pathPrefix, ...list) {
      faults.set(pathPrefix, [...(faults.get(pathPrefix) ?? []), ...list]);
    },
    addCustomer(input) {
      const customer = put({ id: id('cus'), object: 'customer', name: input.name, email: input.email, invoice_settings: { default_payment_method: input.paymentMethod ?? 'pm_card_visa' }, livemode });
      return customer;
    },
    addPrice(input) {
      return put({ id: id('price'), object: 'price', unit_amount: input.unitAmount, currency: input.currency, recurring: { interval: input.interval }, product: input.product ?? 'prod_fake', active: true, livemode });
    },
    objects: (type) => [...table(type).values()],
    charges: () => [...table('payment_intent').values()].filter((pi) => pi.status === 'succeeded'),
    events: () => [...events],
    emitEvent,
    sign(payload, secret, timestamp = Math.floor(Date.now() / 1000)) {
      const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
      return `t=${timestamp},v1=${signature}`;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
