/**
 * Cost prediction on the plan: before a task starts, the Manager's plan says what it will likely
 * cost, from what the same tools cost before and what the same payments moved (the ledger), and
 * names the steps it cannot predict yet.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { intentResponse } from '../agent/support/agent-harness.js';
import { planRule } from '../agent/support/plan-scripts.js';
import { startStripeFake } from '../../fakes/stripe-fake.js';
import { openPayments, type PaymentsHarness } from './support/payments-harness.js';

let h: PaymentsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('cost prediction', () => {
  it('shows the expected fees and payments on the plan, from past runs, before any work starts', async () => {
    const fake = await startStripeFake();
    const dana = fake.addCustomer({ name: 'Dana', email: 'dana@example.com' }).id;
    h = await openPayments(
      {
        a: { tool: 'stripe.create_payment', parameters: { customer: dana, amount: 120, currency: 'usd', purpose: 'March' } },
        b: { tool: 'stripe.create_payment', parameters: { customer: dana, amount: 80, currency: 'usd', purpose: 'April' } },
      },
      {
        fake,
        extraRules: [
          { match: { role: 'intent', lastUser: 'monthly billing' }, response: intentResponse('complex_task', { confidence: 0.9 }) },
          planRule('Monthly billing', [
            { title: 'Charge Dana', tool: 'stripe.create_payment' },
            { title: 'Invoice the new client', tool: 'stripe.send_invoice' },
          ]),
        ],
      },
    );
    await h.approve(await h.propose('a'));
    await h.approve(await h.propose('b'));
    const chargesBefore = fake.charges().length;

    const since = h.mark();
    const sent = await h.send('do the monthly billing');
    await h.waitFor((e) => e.type === 'message.completed' && e.message.text.includes('Plan: Monthly billing'), { since });
    const plan = h.messages(sent.conversationId).find((m) => m.text.includes('Plan: Monthly billing'))!.text;
    // Median of past fees ($3.78, $2.62) and of past payments ($120, $80).
    expect(plan).toContain('Estimated cost: about $3.20 in fees and usage; payments about $100.00 (from past runs of the same actions); not known yet for stripe.send_invoice — you will see each amount on its approval card.');
    expect(fake.charges()).toHaveLength(chargesBefore);
  });
});
