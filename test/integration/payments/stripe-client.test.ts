/**
 * The Stripe client's typed errors, from the real SDK against the local fake: auth failed, not
 * found, network unreachable, rate limited, server error, declined — each a StewardError with a
 * message that says what to do and never carries the key.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-preload/schemas/settings.js';
import { IntegrationAuthError, IntegrationNetworkError, IntegrationNotFoundError, IntegrationRateLimitedError, IntegrationServerError } from '../../../src-main/core/integrations/integration-errors.js';
import { StripeClient } from '../../../src-main/core/integrations/stripe/stripe-client.js';
import { PaymentDeclinedError } from '../../../src-main/core/integrations/stripe/stripe-errors.js';
import { startStripeFake, type StripeFake } from '../../fakes/stripe-fake.js';

let fake: StripeFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const config = (url: string) => ({ ...SettingsSchema.parse({}).integrations.stripe, apiBaseUrl: url, timeoutSeconds: 2 });
const noSleep = async () => undefined;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Stripe client errors', () => {
  it('maps auth, not found, rate limit, server and decline errors to typed errors without the key', async () => {
    fake = await startStripeFake();
    const wrongKey = 'sk_test_not_the_right_key_987654';
    const wrong = new StripeClient(wrongKey, config(fake.url), noSleep);
    const auth = await wrong.account().catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(IntegrationAuthError);
    expect((auth as IntegrationAuthError).userMessage).toContain('Stripe did not accept the credentials. Paste the secret key again under Integrations → Stripe');
    expect(JSON.stringify({ ...(auth as object), message: (auth as Error).message })).not.toContain(wrongKey);

    const client = new StripeClient(fake.secretKey, config(fake.url), noSleep);
    const missing = await client.customer('cus_doesnotexist').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(IntegrationNotFoundError);
    expect((missing as IntegrationNotFoundError).userMessage).toBe('Stripe has no customer cus_doesnotexist. Check the id and that it belongs to this account (and to the same test or live mode).');

    fake.fault('/v1/account', { kind: 'rate-limit', retryAfterSeconds: 60 });
    const limited = await client.account().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(IntegrationRateLimitedError);
    expect((limited as IntegrationRateLimitedError).retryAfterSeconds).toBe(60);

    fake.fault('/v1/account', { kind: 'server-error', status: 503 }, { kind: 'server-error', status: 503 }, { kind: 'server-error', status: 503 });
    const server = await client.account().catch((e: unknown) => e);
    expect(server).toBeInstanceOf(IntegrationServerError);
    expect((server as IntegrationServerError).userMessage).toContain('(HTTP 503)');

    const broke = fake.addCustomer({ name: 'Broke', email: 'b@example.com', paymentMethod: 'pm_card_chargeDeclined' });
    const declined = await client.createPayment({ customer: broke.id, paymentMethod: null, amountMinor: 500, currency: 'usd', description: 'x', idempotencyKey: 'k-declined', metadata: {} }).catch((e: unknown) => e);
    expect(declined).toBeInstanceOf(PaymentDeclinedError);
    expect(declined).toMatchObject({ declineCode: 'generic_decline', paymentIntentId: expect.stringMatching(/^pi_/) });
  });

  it('an unreachable Stripe is a network error naming where', async () => {
    const port = await closedPort();
    const client = new StripeClient('sk_test_x', config(`http://127.0.0.1:${port}`), noSleep);
    const err = await client.account().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationNetworkError);
    expect((err as IntegrationNetworkError).userMessage).toBe(`Could not reach Stripe at http://127.0.0.1:${port}. Check your internet connection and try again.`);
  });
});
