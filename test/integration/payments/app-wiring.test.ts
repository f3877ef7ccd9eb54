/**
 * The app as started (createCore with its agent): the Stripe tools are installed as financial,
 * ask-always tools, and the Payments API answers over the real database.
 */
import { describe, expect, it } from 'vitest';
import { createTestCore } from '../../helpers/test-core.js';

describe('Steward as started', () => {
  it('installs the Stripe tools (financial, always asking) and serves the Payments API', async () => {
    const t = await createTestCore({ installAgent: true });
    try {
      const tools = await t.core.request('tools.list', {});
      const stripe = tools.filter((tool) => tool.name.startsWith('stripe.'));
      expect(stripe.map((tool) => tool.name).sort()).toEqual(['stripe.cancel_subscription', 'stripe.create_payment', 'stripe.create_subscription', 'stripe.list_upcoming_charges', 'stripe.payment_method_link', 'stripe.refund', 'stripe.send_invoice']);
      for (const tool of stripe.filter((x) => x.name !== 'stripe.list_upcoming_charges')) expect(tool, tool.name).toMatchObject({ sideEffect: 'financial', permission: 'ask', canAlwaysAllow: false });
      expect(await t.core.request('payments.list', {})).toMatchObject({ transactions: [], mode: 'test', today: { count: 0, maxCount: 10 } });
      await expect(t.core.request('payments.reconcile', {})).rejects.toMatchObject({ userMessage: expect.stringContaining('Stripe is not set up') });
    } finally {
      await t.dispose();
    }
  });
});
