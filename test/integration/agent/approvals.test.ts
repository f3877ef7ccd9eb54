import { afterEach, describe, expect, it } from 'vitest';
import type { Script } from '../../../src-main/core/llm/scripted-provider.js';
import { createHarness, intentResponse, is, type Harness } from './support/agent-harness.js';
import { MESSAGE_ACCOUNT } from './support/test-tools.js';

let h: Harness;
afterEach(async () => h?.dispose());

const sendTo = (to: string): Script => ({
  rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to, body: 'Hello from Steward' } }) }],
});

async function requestSend(h: Harness, conversationId?: string) {
  const since = h.mark();
  const sent = await h.send('send the hello message', conversationId);
  const requested = await h.waitFor(is('approval.requested'), { since });
  return { ...sent, approval: requested.approval };
}

describe('approvals', () => {
  it('is committed before its event, with the full arguments, cost, risk and provenance', async () => {
    h = await createHarness({ script: sendTo('ann@example.com') });
    let storedWhenAnnounced: unknown = null;
    h.core.events.subscribe((event) => {
      if (event.type === 'approval.requested') storedWhenAnnounced = h.agent.listApprovals({ status: 'pending' })[0];
    });
    const { approval } = await requestSend(h);
    expect(storedWhenAnnounced).toMatchObject({ id: approval.id, status: 'pending' });
    expect(approval).toMatchObject({ args: { to: 'ann@example.com', body: 'Hello from Steward' }, risk: 'external', costEstimateUsd: 0.01, provenance: { source: 'user', detail: null } });
    expect(new Date(approval.expiresAt).getTime() - h.clock.now().getTime()).toBe(900_000);
  });

  it('reject: nothing runs, the chat says so, the audit row says rejected', async () => {
    h = await createHarness({ script: sendTo('ann@example.com') });
    const { approval, conversationId } = await requestSend(h);
    const result = await h.agent.respondApproval({ id: approval.id, decision: 'reject' }, 'ui');
    expect(result).toMatchObject({ applied: true, approval: { status: 'rejected', decidedBy: 'ui' } });
    const task = await h.waitForTask(approval.taskId!, ['cancelled']);
    expect(task.summary).toContain('You rejected "send_message"');
    expect(h.world.sent).toEqual([]);
    expect(h.messages(conversationId).map((m) => m.text)).toContain('Not done: You rejected "send_message", so it did not run.');
    expect(h.core.audit.list().find((a) => a.action === 'tool:send_message')).toMatchObject({ result: 'rejected', approver: 'ui' });
    expect(h.events.filter(is('approval.resolved'))).toEqual([{ type: 'approval.resolved', approvalId: approval.id, outcome: 'rejected', decidedBy: 'ui' }]);
  });

  it('modify: edited arguments are validated with the tool’s schema, and what runs is what the user approved', async () => {
    h = await createHarness({ script: sendTo('ann@example.com') });
    const { approval } = await requestSend(h);
    await expect(h.agent.respondApproval({ id: approval.id, decision: 'modify', args: { to: 'not-an-address', body: 'x' } }, 'ui')).rejects.toMatchObject({
      code: 'invalid_input',
      userMessage: expect.stringContaining('to: Invalid email'),
    });
    expect(h.agent.listApprovals({ status: 'pending' }).map((a) => a.id)).toEqual([approval.id]);
    const result = await h.agent.respondApproval({ id: approval.id, decision: 'modify', args: { to: 'bob@example.org', body: 'Edited text' } }, 'ui');
    expect(result.approval).toMatchObject({ status: 'modified', finalArgs: { to: 'bob@example.org', body: 'Edited text' } });
    await h.waitForTask(approval.taskId!, ['succeeded']);
    expect(h.world.sent).toEqual([{ to: 'bob@example.org', body: 'Edited text' }]);
    const audit = h.core.audit.list().find((a) => a.action === 'tool:send_message');
    expect(audit).toMatchObject({ result: 'ok', approver: 'user:ui' });
    expect(JSON.stringify(audit?.args)).toContain('bob@example.org');
  });

  it('timeout: no answer before approvalTimeoutSeconds means reject; a late answer is ignored with a notice', async () => {
    h = await createHarness({ script: sendTo('ann@example.com'), settings: { agent: { approvalTimeoutSeconds: 30 } } });
    const { approval } = await requestSend(h);
    h.clock.advance(29_000);
    expect(h.agent.deps.gate.expireDue()).toBe(0);
    h.clock.advance(2_000);
    expect(h.agent.deps.gate.expireDue()).toBe(1);
    const task = await h.waitForTask(approval.taskId!, ['cancelled']);
    expect(task.summary).toContain('timed out');
    expect(h.world.sent).toEqual([]);
    expect(h.events.filter(is('approval.resolved')).at(-1)).toMatchObject({ outcome: 'expired', decidedBy: 'system:timeout' });

    const late = await h.agent.respondApproval({ id: approval.id, decision: 'approve' }, 'ui');
    expect(late.applied).toBe(false);
    expect(late.notice).toContain('had already expired');
    expect(late.approval.status).toBe('expired');
    expect(h.world.sent).toEqual([]);
  });

  it('an answer to an already resolved approval is ignored with a notice and changes nothing', async () => {
    h = await createHarness({ script: sendTo('ann@example.com') });
    const { approval } = await requestSend(h);
    await h.agent.respondApproval({ id: approval.id, decision: 'reject' }, 'ui');
    const second = await h.agent.respondApproval({ id: approval.id, decision: 'approve' }, 'ui');
    expect(second).toMatchObject({ applied: false, approval: { status: 'rejected' }, notice: expect.stringContaining('was already rejected') });
    await h.waitForTask(approval.taskId!, ['cancelled']);
    expect(h.world.sent).toEqual([]);
  });

  it('an answer arriving after the expiry time but before the timer fired is still too late', async () => {
    h = await createHarness({ script: sendTo('ann@example.com'), settings: { agent: { approvalTimeoutSeconds: 10 } } });
    const { approval } = await requestSend(h);
    h.clock.advance(11_000);
    const late = await h.agent.respondApproval({ id: approval.id, decision: 'approve' }, 'ui');
    expect(late).toMatchObject({ applied: false, approval: { status: 'expired' } });
    await h.waitForTask(approval.taskId!, ['cancelled']);
    expect(h.world.sent).toEqual([]);
  });

  it('grants: "allow in this conversation" covers the same scope and credentials only', async () => {
    h = await createHarness({
      script: {
        rules: [
          { match: { role: 'intent', lastUser: 'colleague' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to: 'cy@example.com', body: 'Hi' } }) },
          { match: { role: 'intent', lastUser: 'outsider' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to: 'eve@elsewhere.net', body: 'Hi' } }) },
          { match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to: 'ann@example.com', body: 'Hi' } }) },
        ],
      },
    });
    const first = await requestSend(h);
    await h.agent.respondApproval({ id: first.approval.id, decision: 'approve', remember: 'conversation' }, 'ui');
    await h.waitForTask(first.approval.taskId!, ['succeeded']);

    // Same domain, same conversation: runs under the grant, no new approval.
    const since = h.mark();
    await h.send('message my colleague', first.conversationId);
    const granted = await h.waitFor((e) => e.type === 'task.updated' && e.task.status === 'succeeded', { since });
    expect(granted).toBeTruthy();
    expect(h.events.slice(since).some(is('approval.requested'))).toBe(false);
    expect(h.core.audit.list()[0]).toMatchObject({ action: 'tool:send_message', approver: expect.stringMatching(/^grant:/) });

    // Another domain asks again; so does another conversation.
    const outsider = h.mark();
    await h.send('message the outsider', first.conversationId);
    await h.waitFor(is('approval.requested'), { since: outsider });
    const elsewhere = await requestSend(h);
    expect(elsewhere.conversationId).not.toBe(first.conversationId);

    // New credentials: the old grant no longer covers the call.
    await h.secrets.set(MESSAGE_ACCOUNT, 'rotated-messaging-key-9876543210');
    const rotated = h.mark();
    await h.send('message my colleague', first.conversationId);
    await h.waitFor(is('approval.requested'), { since: rotated });
    expect(h.world.sent.map((s) => s.to)).toEqual(['ann@example.com', 'cy@example.com']);
  });

  it('deny wins: a tool set to "never" does not run, even with a permanent grant', async () => {
    h = await createHarness({ script: sendTo('ann@example.com') });
    const first = await requestSend(h);
    await h.agent.respondApproval({ id: first.approval.id, decision: 'approve', remember: 'always' }, 'ui');
    await h.waitForTask(first.approval.taskId!, ['succeeded']);
    // Setting "never" revokes grants; put one back by hand to prove deny still wins over it.
    await h.agent.setToolPermission('send_message', 'never');
    h.core.db.raw.prepare('UPDATE tool_grants SET revoked_at = NULL').run();
    const { replies } = await h.send('send the hello message again', first.conversationId);
    expect(replies.map((m) => m.text).join('\n')).toContain('is set to "never"');
    expect(h.world.sent).toHaveLength(1);
    expect(h.core.audit.list()[0]).toMatchObject({ action: 'tool:send_message', result: 'rejected', approver: 'policy:never' });
  });

  it('financial tools are never auto-approved: not by mode, not by a hand-edited database, not by a grant', async () => {
    h = await createHarness({
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'pay_invoice', parameters: { invoice: 'INV-7', amountUsd: 0.5 } }) }] },
    });
    const tools = await h.agent.listTools();
    expect(tools.find((t) => t.name === 'pay_invoice')).toMatchObject({ permission: 'ask', defaultPermission: 'ask', canAlwaysAllow: false });
    await expect(h.agent.setToolPermission('pay_invoice', 'always')).rejects.toMatchObject({ userMessage: expect.stringContaining('moves money') });
    h.core.db.raw.prepare("INSERT INTO tool_permissions (tool, mode, updated_at) VALUES ('pay_invoice', 'always', 'now')").run();

    const first = await requestSend(h);
    expect(first.approval).toMatchObject({ tool: 'pay_invoice', risk: 'financial', costEstimateUsd: 0.5 });
    const approved = await h.agent.respondApproval({ id: first.approval.id, decision: 'approve', remember: 'always' }, 'ui');
    expect(approved.notice).toContain('not remembered');
    await h.waitForTask(first.approval.taskId!, ['succeeded']);
    expect(h.core.db.raw.prepare("SELECT COUNT(*) AS n FROM tool_grants WHERE tool = 'pay_invoice'").get()).toEqual({ n: 0 });

    // A grant smuggled into the database does not help either.
    h.core.db.raw.prepare("INSERT INTO tool_grants (id, tool, scope, conversation_id, credential_fingerprint, created_at) VALUES ('g', 'pay_invoice', '*', NULL, 'none', 'now')").run();
    const second = await requestSend(h, first.conversationId);
    expect(second.approval.tool).toBe('pay_invoice');
    expect(h.world.payments).toHaveLength(1);
  });

  it('budgets are checked before anything is asked or run', async () => {
    h = await createHarness({ script: sendTo('ann@example.com'), settings: { budgets: { dailyUsd: 0.005 } } });
    const { replies } = await h.send('send the hello message');
    expect(replies.map((m) => m.text).join('\n')).toMatch(/over your daily budget of \$0\.01.*Settings › Budgets/);
    expect(h.events.some(is('approval.requested'))).toBe(false);
    expect(h.world.sent).toEqual([]);
    expect(h.core.audit.list()[0]).toMatchObject({ action: 'tool:send_message', result: 'rejected', approver: 'policy:budget' });
  });

  it('the per-task budget is checked too: a payment above it is refused before anyone is asked', async () => {
    h = await createHarness({
      settings: { budgets: { perTaskUsd: 1 } },
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'pay_invoice', parameters: { invoice: 'INV-9', amountUsd: 2 } }) }] },
    });
    const { replies } = await h.send('pay invoice INV-9');
    expect(replies.map((m) => m.text).join('\n')).toMatch(/over your per-task budget of \$1\.00/);
    expect(h.events.some(is('approval.requested'))).toBe(false);
    expect(h.world.payments).toEqual([]);
  });

  it('audit rows keep secrets out: secret-named and secret-looking arguments are redacted', async () => {
    const key = 'sk-live0123456789abcdefghijklmnop';
    h = await createHarness({
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'write_note', parameters: { path: 'keys.txt', text: `api key ${key}` } }) }] },
    });
    await h.send('save my key in keys.txt');
    const row = h.core.audit.list().find((a) => a.action === 'tool:write_note')!;
    expect(JSON.stringify(row)).not.toContain(key);
    expect(JSON.stringify(row.args)).toContain('[redacted]');
  });

  it('records the cost of what ran and tells every host', async () => {
    h = await createHarness({ script: sendTo('ann@example.com') });
    const { approval } = await requestSend(h);
    await h.agent.respondApproval({ id: approval.id, decision: 'approve' }, 'ui');
    await h.waitForTask(approval.taskId!, ['succeeded']);
    expect(h.events.filter(is('cost.updated')).at(-1)).toMatchObject({ sessionUsd: 0.01, todayUsd: 0.01, dailyBudgetUsd: 5 });
    expect(h.agent.deps.budget.spentForTask(approval.taskId!)).toBeCloseTo(0.01);
  });
});
