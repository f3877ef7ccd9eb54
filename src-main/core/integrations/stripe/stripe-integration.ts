/**
 * Stripe: API key in the keychain ("stripe.secretKey", optional webhook signing secret
 * "stripe.webhookSecret"), settings under integrations.stripe. The test reads the account
 * (GET /v1/account, changes nothing); the mode (test or live) is shown at all times.
 */
import { StripeSettingsSchema } from '../../../../src-preload/schemas/integrations.js';
import { IntegrationError } from '../integration-errors.js';
import { defineIntegration } from '../integration.js';
import { timeoutAsResult } from '../../async/with-timeout.js';
import { readSecret } from '../read-secret.js';
import { openStripe, STRIPE_SECRET_KEY_ACCOUNT, STRIPE_WEBHOOK_SECRET_ACCOUNT } from './stripe-client.js';
import { keyMode } from './stripe-errors.js';

export const STRIPE_TOOL_NAMES = ['stripe.create_payment', 'stripe.send_invoice', 'stripe.refund', 'stripe.create_subscription', 'stripe.cancel_subscription', 'stripe.list_upcoming_charges', 'stripe.payment_method_link'] as const;

export const stripeIntegration = defineIntegration({
  id: 'stripe',
  displayName: 'Stripe',
  connection: 'api-key',
  secretAccounts: [
    { account: STRIPE_SECRET_KEY_ACCOUNT, label: 'Secret key', hint: 'Stripe Dashboard → Developers → API keys: sk_test_… for test mode, sk_live_… for live mode (a restricted rk_ key works too).', required: true, userWritable: true },
    { account: STRIPE_WEBHOOK_SECRET_ACCOUNT, label: 'Webhook signing secret (optional)', hint: 'Only when the local server receives Stripe webhooks: Stripe Dashboard → Developers → Webhooks → your endpoint → Signing secret (whsec_…).', required: false, userWritable: true },
  ],
  settingsSchema: StripeSettingsSchema,
  settingsOf: (settings) => settings.integrations.stripe,
  tools: STRIPE_TOOL_NAMES,
  async setupProblem({ secrets, settings }) {
    const secret = await readSecret(secrets, STRIPE_SECRET_KEY_ACCOUNT, 'Stripe secret key');
    if (!secret.ok) return secret.message;
    if (secret.value === null) return 'No Stripe secret key is set: paste it (Stripe Dashboard → Developers → API keys).';
    const mode = keyMode(secret.value);
    const selected = settings.integrations.stripe.mode;
    if (mode !== selected) return mode === 'unknown' ? 'The saved Stripe key does not look like a secret key (sk_test_…, sk_live_…, rk_test_… or rk_live_…): paste it again.' : `The saved key is a ${mode}-mode key but Stripe is set to ${selected} mode: switch the mode or paste a ${selected}-mode key.`;
    return null;
  },
  async test({ secrets, settings }) {
    const config = settings.integrations.stripe;
    try {
      const stripe = await openStripe(secrets, settings);
      const outcome = await timeoutAsResult(() => stripe.account(), config.timeoutSeconds * 1000 * 4);
      if (outcome === 'timeout') return { ok: false, message: `Stripe did not answer within ${config.timeoutSeconds} seconds. Check your connection and try again.` };
      return { ok: true, message: `Connected to Stripe account ${outcome.name} (${outcome.id}) in ${stripe.mode} mode.`, account: `${outcome.name} (${outcome.id})` };
    } catch (err) {
      return { ok: false, message: err instanceof IntegrationError || err instanceof Error && 'userMessage' in err ? String((err as { userMessage: string }).userMessage) : 'The Stripe test failed; see the log.' };
    }
  },
  async facts({ settings }) {
    const mode = settings.integrations.stripe.mode;
    return [{ label: 'Mode', value: mode === 'live' ? 'Live mode — real money' : 'Test mode — no real money moves', tone: mode === 'live' ? 'warning' : 'neutral' }];
  },
});
