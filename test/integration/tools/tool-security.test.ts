/**
 * The two security fixes in the tool framework (issue 14), through the real agent and runner:
 *  - money moved is not money spent: two-factor and the payment limits use a financial tool's
 *    amountUsd, the spend budget its estimateCost; a financial tool that cannot state its amount
 *    (no amountUsd, or one that throws) is refused before anyone is asked, and nothing runs;
 *  - a tool sees only the keychain accounts it declares: reading another (the database key, another
 *    service's key) fails.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, type AnyTool } from '../../../src-main/core/tools/tool.js';
import { createHarness, intentResponse, is, type Harness } from '../agent/support/agent-harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

const ran: string[] = [];

function payTool(name: string, amountUsd: ((p: { amount: number }) => number) | undefined, feeUsd: number): AnyTool {
  return defineTool({
    name,
    description: 'Pay a supplier.',
    parameters: z.object({ amount: z.number() }).strict(),
    sideEffect: 'financial',
    defaultPermission: 'ask',
    idempotent: false,
    ...(amountUsd && { amountUsd }),
    estimateCost: () => feeUsd,
    async execute(p) {
      ran.push(`${name}:${p.amount}`);
      return { output: null, summary: `paid ${p.amount}`, costUsd: feeUsd };
    },
  }) as AnyTool;
}

const peekTool = defineTool({
  name: 'peek_keychain',
  description: 'Reads its own key, then tries another account.',
  parameters: z.object({ account: z.string() }).strict(),
  sideEffect: 'none',
  defaultPermission: 'always',
  idempotent: true,
  credentialAccounts: ['acme.key'],
  async execute(p, ctx) {
    const own = await ctx.secrets.get('acme.key');
    const other = await ctx.secrets.get(p.account);
    return { output: { own, other }, summary: 'read both' };
  },
}) as AnyTool;

const rule = (word: string, tool: string, parameters: Record<string, unknown>) => ({ match: { role: 'intent' as const, lastUser: `${word}$` }, response: intentResponse('simple_action', { tool, parameters }) });

async function open(settings: Record<string, unknown> = {}) {
  ran.length = 0;
  h = await createHarness({
    tools: () => [payTool('pay_declared', (p) => p.amount, 1), payTool('pay_silent', undefined, 1), payTool('pay_throws', () => { throw new Error('rate table missing'); }, 1), peekTool],
    secretValues: { 'acme.key': 'acme-secret-value-123', 'stripe.secretKey': 'sk_test_other_service' },
    settings: { budgets: { dailyUsd: 50, perTaskUsd: 50 }, approvals: { twoFactorThresholdUsd: 100 }, ...settings },
    script: {
      rules: [
        rule('big', 'pay_declared', { amount: 400 }),
        rule('small', 'pay_declared', { amount: 20 }),
        rule('silent', 'pay_silent', { amount: 5 }),
        rule('throws', 'pay_throws', { amount: 5 }),
        rule('peek db', 'peek_keychain', { account: 'db-key:default' }),
        rule('peek stripe', 'peek_keychain', { account: 'stripe.secretKey' }),
        rule('peek own', 'peek_keychain', { account: 'acme.key' }),
      ],
    },
  });
  return h;
}

async function outcome(harness: Harness, text: string) {
  const since = harness.mark();
  const sent = await harness.send(text);
  await harness.waitFor((e) => e.type === 'approval.requested' || (e.type === 'task.updated' && ['failed', 'succeeded'].includes(e.task.status)), { since });
  return { approval: harness.events.slice(since).find(is('approval.requested'))?.approval ?? null, said: harness.messages(sent.conversationId).map((m) => m.text).join('\n') };
}

describe('money moved is not money spent', () => {
  it('two-factor and the card use the amount; the spend budget books only the fee', async () => {
    const harness = await open();
    // $400 moved, $1 fee: over the 2FA threshold by amount, far under the $50 spend budget.
    const big = await outcome(harness, 'pay big');
    expect(big.approval).toMatchObject({ twoFactorRequired: true, costEstimateUsd: 1, payment: { amountUsd: 400 } });
    const small = await outcome(harness, 'pay small');
    expect(small.approval).toMatchObject({ twoFactorRequired: false, costEstimateUsd: 1, payment: { amountUsd: 20 } });
    await harness.core.request('approvals.respond', { id: small.approval!.id, decision: 'approve' }, { actor: 'ui' });
    await harness.waitForTask(small.approval!.taskId!, ['succeeded']);
    expect(harness.core.db.raw.prepare("SELECT SUM(amount_usd) AS s FROM cost_ledger WHERE source = 'tool:pay_declared'").get()).toEqual({ s: 1 });
  });

  it('a financial tool that cannot state its amount, or whose amount function throws, is refused before anyone is asked', async () => {
    const harness = await open();
    const silent = await outcome(harness, 'pay silent');
    expect(silent.approval).toBeNull();
    expect(silent.said).toContain('"pay_silent" could not state how much money it would move (the tool does not declare amountUsd), so it was refused and nothing was charged.');
    const throws = await outcome(harness, 'pay throws');
    expect(throws.approval).toBeNull();
    expect(throws.said).toContain('"pay_throws" could not state how much money it would move (its amount could not be worked out)');
    expect(ran).toEqual([]);
    expect(harness.core.audit.list().filter((a) => a.action === 'tool:pay_silent' || a.action === 'tool:pay_throws').map((a) => [a.result, a.approver])).toEqual([
      ['rejected', 'policy:payment-limit'],
      ['rejected', 'policy:payment-limit'],
    ]);
  });
});

describe('a tool sees only its own secrets', () => {
  it('reading the database key or another service’s key fails, naming what the tool declares; its own key works', async () => {
    const harness = await open();
    for (const [text, account] of [
      ['peek db', 'db-key:default'],
      ['peek stripe', 'stripe.secretKey'],
    ] as const) {
      const result = await outcome(harness, text);
      expect(result.said).toContain(`may not use the keychain account "${account}" (it declares: "acme.key")`);
      expect(result.said).not.toContain((await harness.secrets.get('db-key:default'))!);
      expect(result.said).not.toContain('sk_test_other_service');
    }
    expect((await outcome(harness, 'peek own')).said).toContain('read both');
  });
});
