/**
 * The two-factor threshold is inclusive: a payment of exactly the threshold needs the
 * authenticator code, a cent less does not, and raising a payment to exactly the threshold while
 * approving it asks for the code too. Real core, real agent, a scripted model and a small
 * financial tool whose amount (what it moves) differs from its cost (what it charges).
 */
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import type { Approval } from '../../../src-preload/contract.js';
import type { Script } from '../../../src-main/core/llm/scripted-provider.js';
import { base32Decode, hotp, totpStep } from '../../../src-main/core/security/totp.js';
import { TOTP_SECRET_ACCOUNT } from '../../../src-main/core/security/two-factor/two-factor-service.js';
import { defineTool, type AnyTool } from '../../../src-main/core/tools/tool.js';
import { createHarness, intentResponse, is, type Harness } from '../agent/support/agent-harness.js';

const THRESHOLD_USD = 80;

interface Transfer {
  payee: string;
  amountUsd: number;
}

function transferTool(sent: Transfer[]): AnyTool {
  return defineTool({
    name: 'transfer_money',
    description: 'Send money to a supplier.',
    parameters: z.object({ payee: z.string().min(1), amountUsd: z.number().positive() }).strict(),
    sideEffect: 'financial',
    defaultPermission: 'ask',
    idempotent: false,
    amountUsd: (params) => params.amountUsd,
    // A flat fee: far below the threshold, so only the amount can be what asks for the code.
    estimateCost: () => 0.25,
    async execute(params) {
      sent.push(params);
      return { output: { sent: true }, summary: `Sent $${params.amountUsd} to ${params.payee}`, costUsd: 0.25 };
    },
  }) as AnyTool;
}

const script: Script = {
  rules: [
    { match: { role: 'intent', lastUser: 'exactly' }, response: intentResponse('simple_action', { tool: 'transfer_money', parameters: { payee: 'Acme Paper', amountUsd: THRESHOLD_USD } }) },
    { match: { role: 'intent', lastUser: 'just under' }, response: intentResponse('simple_action', { tool: 'transfer_money', parameters: { payee: 'Acme Paper', amountUsd: THRESHOLD_USD - 0.01 } }) },
  ],
};

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.dispose();
});

async function open(): Promise<{ h: Harness; sent: Transfer[] }> {
  const sent: Transfer[] = [];
  const h = await createHarness({ script, tools: () => [transferTool(sent)], settings: { approvals: { twoFactorThresholdUsd: THRESHOLD_USD } } });
  harnesses.push(h);
  return { h, sent };
}

async function currentCode(h: Harness): Promise<string> {
  const secret = await h.secrets.get(TOTP_SECRET_ACCOUNT);
  if (!secret) throw new Error('no two-factor secret in the keychain');
  return hotp(base32Decode(secret), totpStep(h.clock.now()));
}

async function enableTwoFactor(h: Harness): Promise<void> {
  await h.core.request('twoFactor.setup', {});
  await h.core.request('twoFactor.confirm', { code: await currentCode(h) });
  // The confirming code is spent; the next one comes from a later step.
  h.clock.advance(30_000);
}

async function requestTransfer(h: Harness, text: string): Promise<Approval> {
  const since = h.mark();
  await h.send(text);
  return (await h.waitFor(is('approval.requested'), { since })).approval;
}

async function refusal(promise: Promise<unknown>): Promise<{ userMessage: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { userMessage: string };
  }
  throw new Error('expected the approval to be refused');
}

const respond = (h: Harness, input: { id: string; decision: 'approve' | 'modify'; code?: string; args?: Record<string, unknown> }) =>
  h.core.request('approvals.respond', input, { actor: 'ui' });

describe('two-factor at exactly the threshold', () => {
  it('a payment of exactly the threshold needs the code: refused and left pending without it, sent with it', async () => {
    const { h, sent } = await open();
    expect(h.core.settings.get().approvals.twoFactorThresholdUsd).toBe(THRESHOLD_USD);
    await enableTwoFactor(h);
    const approval = await requestTransfer(h, 'pay Acme Paper exactly the threshold');
    expect(approval).toMatchObject({ tool: 'transfer_money', risk: 'financial', twoFactorRequired: true });

    const withoutCode = await refusal(respond(h, { id: approval.id, decision: 'approve' }));
    expect(withoutCode.userMessage).toContain('needs the code from your authenticator app');
    expect(h.agent.listApprovals({ status: 'pending' }).map((a) => a.id)).toEqual([approval.id]);
    expect(sent).toEqual([]);

    await respond(h, { id: approval.id, decision: 'approve', code: await currentCode(h) });
    await h.waitForTask(approval.taskId!, ['succeeded']);
    expect(sent).toEqual([{ payee: 'Acme Paper', amountUsd: THRESHOLD_USD }]);
  });

  it('a cent under the threshold needs no code', async () => {
    const { h, sent } = await open();
    await enableTwoFactor(h);
    const approval = await requestTransfer(h, 'pay Acme Paper just under the threshold');
    expect(approval.twoFactorRequired).toBe(false);
    await respond(h, { id: approval.id, decision: 'approve' });
    await h.waitForTask(approval.taskId!, ['succeeded']);
    expect(sent).toEqual([{ payee: 'Acme Paper', amountUsd: THRESHOLD_USD - 0.01 }]);
  });

  it('raising a payment to exactly the threshold while approving it needs the code', async () => {
    const { h, sent } = await open();
    await enableTwoFactor(h);
    const approval = await requestTransfer(h, 'pay Acme Paper just under the threshold');
    const raised = await refusal(respond(h, { id: approval.id, decision: 'modify', args: { payee: 'Acme Paper', amountUsd: THRESHOLD_USD } }));
    expect(raised.userMessage).toContain('needs the code from your authenticator app');
    expect(h.agent.listApprovals({ status: 'pending' }).map((a) => a.id)).toEqual([approval.id]);
    expect(sent).toEqual([]);
  });
});
