import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/core-types.js';
import { receiveStripeWebhook } from '../core/payments/stripe-webhook.js';
import { sendJson } from './http-errors.js';

/** Stripe events are small; anything larger is not from Stripe. */
const MAX_WEBHOOK_BYTES = 512 * 1024;

/**
 * POST /webhooks/stripe. No bearer token (Stripe cannot send one): the Stripe-Signature header,
 * verified over the exact raw bytes, is the guard, and only when webhooks are turned on.
 */
export async function stripeWebhookRoute(core: Core, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_WEBHOOK_BYTES) return sendJson(res, 413, { received: false, error: 'The webhook body is too large.' });
    chunks.push(chunk as Buffer);
  }
  const signature = req.headers['stripe-signature'];
  const answer = await receiveStripeWebhook(core, Buffer.concat(chunks).toString('utf8'), Array.isArray(signature) ? signature[0] : signature);
  sendJson(res, answer.status, answer.body);
}
