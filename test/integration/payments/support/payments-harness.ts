/**
 * A real core and agent (scripted model) with the real Stripe tools, the real `stripe` SDK pointed
 * at the local Stripe fake, and the real transaction ledger. Each proposal is a named tool call
 * the obedient scripted model makes when the user types "run <name>".
 */
import type { Approval } from '../../../../src-preload/contract.js';
import type { Script, ScriptRule } from '../../../../src-main/core/llm/scripted-provider.js';
import { STRIPE_SECRET_KEY_ACCOUNT } from '../../../../src-main/core/integrations/stripe/stripe-client.js';
import { TransactionLedger } from '../../../../src-main/core/payments/transaction-ledger.js';
import { stripeTools, type StripeToolDeps } from '../../../../src-main/core/tools/builtin/stripe/index.js';
import type { AnyTool } from '../../../../src-main/core/tools/tool.js';
import { createHarness, intentResponse, is, type Harness } from '../../agent/support/agent-harness.js';
import type { ToolWorld } from '../../agent/support/test-tools.js';
import { startStripeFake, type StripeFake } from '../../../fakes/stripe-fake.js';

export interface Proposal {
  tool: string;
  parameters: Record<string, unknown>;
}

export interface PaymentsHarness extends Harness {
  fake: StripeFake;
  /** What the model proposes for "run <name>"; add entries during a test. */
  proposals: Record<string, Proposal>;
  ledger: TransactionLedger;
  /** Retry-After waits the client asked for, in ms (the test sleeps for none of them). */
  sleeps: number[];
  /** Sends "run <name>" and returns the approval it asks for. */
  propose(name: string, conversationId?: string): Promise<Approval>;
  /** Approves (with an optional 2FA code) and waits for the task to settle. */
  approve(approval: Approval, code?: string): Promise<{ status: string; summary: string }>;
  close(): Promise<void>;
}

export const BASE_SETTINGS = {
  // Stripe's fee is the cost booked against the spend budget; these tests are about payment limits.
  budgets: { dailyUsd: 10_000, perTaskUsd: 10_000 },
  approvals: { twoFactorThresholdUsd: 10_000 },
};

export async function openPayments(
  proposals: Record<string, Proposal>,
  options: { settings?: Record<string, unknown>; key?: string; fake?: StripeFake; timeoutSeconds?: number; extraTools?: (world: ToolWorld) => AnyTool[]; extraRules?: ScriptRule[] } = {},
): Promise<PaymentsHarness> {
  const fake = options.fake ?? (await startStripeFake());
  // One rule reads the (mutable) proposals at call time, so tests can add proposals that name ids Stripe returned.
  const script: Script = {
    rules: [
      ...(options.extraRules ?? []),
      {
        match: { role: 'intent' as const, lastUser: 'run \\S+$' },
        response: (call: { lastUserText: string }) => {
          const name = /run (\S+)$/.exec(call.lastUserText)?.[1] ?? '';
          const p = proposals[name];
          if (!p) throw new Error(`no proposal named ${name}`);
          return intentResponse('simple_action', { tool: p.tool, parameters: p.parameters });
        },
      },
      {
        // Asked to fix invalid arguments, the obedient model insists on what it proposed.
        match: { role: 'employee' as const, schemaName: 'tool arguments' },
        response: (call: { lastUserText: string }) => {
          const current = /Arguments so far: (.*)$/m.exec(call.lastUserText)?.[1] ?? '{}';
          return { type: 'json' as const, value: { parameters: JSON.parse(current) as Record<string, unknown>, question: null } };
        },
      },
    ],
  };
  const sleeps: number[] = [];
  const deps: StripeToolDeps = {
    ledger: null as unknown as TransactionLedger,
    settings: () => {
      throw new Error('harness not ready');
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
  const settings = options.settings ?? {};
  const h = await createHarness({
    script,
    tools: (world) => [...stripeTools(deps), ...(options.extraTools?.(world) ?? [])],
    secretValues: { [STRIPE_SECRET_KEY_ACCOUNT]: options.key ?? fake.secretKey },
    settings: {
      ...BASE_SETTINGS,
      ...settings,
      integrations: { stripe: { apiBaseUrl: fake.url, timeoutSeconds: options.timeoutSeconds ?? 5, ...(settings.integrations as { stripe?: object } | undefined)?.stripe } },
    },
  });
  const ledger = new TransactionLedger(h.core.db.raw, h.clock);
  deps.ledger = ledger;
  deps.settings = () => h.core.settings.get();

  const harness: PaymentsHarness = Object.assign(h, {
    fake,
    proposals,
    ledger,
    sleeps,
    async propose(name: string, conversationId?: string) {
      const since = h.mark();
      const sent = await h.send(`run ${name}`, conversationId);
      try {
        return (await h.waitFor(is('approval.requested'), { since, timeoutMs: 5000 })).approval;
      } catch {
        // Say what the user saw instead of an approval (a refusal, an error).
        const said = h.messages(sent.conversationId).slice(-2).map((m) => m.text).join(' | ');
        throw new Error(`"run ${name}" asked for no approval; the chat said: ${said}`);
      }
    },
    async approve(approval: Approval, code?: string) {
      await h.core.request('approvals.respond', { id: approval.id, decision: 'approve', ...(code && { code }) }, { actor: 'ui' });
      const task = await h.waitForTask(approval.taskId!, ['succeeded', 'failed', 'interrupted'], 20_000);
      const call = h.core.db.raw.prepare('SELECT status, result_json, error FROM tool_calls WHERE approval_id = ?').get(approval.id) as { status: string; result_json: string | null; error: string | null };
      const summary = call.result_json ? (JSON.parse(call.result_json) as { summary: string }).summary : (call.error ?? task.status);
      return { status: call.status, summary };
    },
    async close() {
      await h.dispose();
      await fake.close();
    },
  });
  return harness;
}

/** POSTs the fake received to a path prefix (what Stripe would have been asked to do). */
export function posts(fake: StripeFake, prefix: string) {
  return fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith(prefix));
}
