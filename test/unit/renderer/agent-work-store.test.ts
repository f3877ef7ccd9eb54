import { afterEach, describe, expect, it } from 'vitest';
import type { Script } from '../../../src-main/core/llm/scripted-provider.js';
import { createAgentWorkStore, mergeTasks, progressOf, tasksOf, type AgentWorkStore } from '../../../src-renderer/state/agent-work-store.js';
import { formatTimeLeft } from '../../../src-renderer/features/tasks/task-text.js';
import { createHarness, intentResponse, is, type Harness } from '../../integration/agent/support/agent-harness.js';
import { complexIntent, employeeCalls, employeeSays, offerLetterRevisedOnce, passReview, planRule } from '../../integration/agent/support/plan-scripts.js';
import { createInProcessApi, type InProcessApi } from './support/in-process-api.js';

let h: Harness;
let api: InProcessApi;
let store: AgentWorkStore;

afterEach(async () => h?.dispose());

const sendTo = (to: string): Script => ({
  rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to, body: 'Hello from Steward' } }) }],
});

/** A harness whose events reach a fresh store through the in-process API, as a host would deliver them. */
async function setUp(script: Script): Promise<void> {
  h = await createHarness({ script });
  api = createInProcessApi(h.core);
  store = createAgentWorkStore(api);
  api.onEvent((event) => store.getState().applyEvent(event));
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting until ${what}`);
}

/** Sends the message, opens its conversation in the store, and waits for the approval card. */
async function requestApproval(text = 'send the hello message') {
  const since = h.mark();
  const { conversationId } = await h.send(text);
  const requested = await h.waitFor(is('approval.requested'), { since });
  await store.getState().loadConversation(conversationId);
  return { conversationId, approval: requested.approval };
}

const approvalsOf = (conversationId: string) => store.getState().conversations[conversationId]?.approvals ?? [];

describe('agent work store', () => {
  it('loads a conversation’s pending approval with its complete arguments, and counts it for the badge', async () => {
    await setUp(sendTo('ann@example.com'));
    const { conversationId, approval } = await requestApproval();
    expect(approvalsOf(conversationId)).toEqual([
      expect.objectContaining({ id: approval.id, status: 'pending', tool: 'send_message', args: { to: 'ann@example.com', body: 'Hello from Steward' }, risk: 'external', costEstimateUsd: 0.01 }),
    ]);
    await store.getState().loadGlobal();
    expect(store.getState().pendingApprovals.map((a) => a.id)).toEqual([approval.id]);
    // The action's task is known too, in its conversation, waiting for the answer.
    expect(tasksOf(store.getState(), conversationId).map((t) => t.status)).toEqual(['waiting_approval']);
  });

  it('shows a new request live in an open conversation and on the badge, then approving clears it and the task succeeds', async () => {
    await setUp(sendTo('ann@example.com'));
    const first = await h.send('hello there');
    await h.waitFor(is('approval.requested'));
    await store.getState().loadConversation(first.conversationId);
    expect(store.getState().pendingApprovals).toHaveLength(1);

    const since = h.mark();
    await h.send('send it again', first.conversationId);
    const second = (await h.waitFor(is('approval.requested'), { since })).approval;
    expect(approvalsOf(first.conversationId).map((a) => a.id)).toContain(second.id);
    expect(store.getState().pendingApprovals.map((a) => a.id)).toContain(second.id);

    expect(await store.getState().respond(second.id, { decision: 'approve' })).toBe(true);
    expect(approvalsOf(first.conversationId).find((a) => a.id === second.id)).toMatchObject({ status: 'approved', decidedBy: 'renderer-test' });
    expect(store.getState().pendingApprovals.map((a) => a.id)).not.toContain(second.id);
    await until(() => store.getState().tasks[second.taskId!]?.status === 'succeeded', 'the approved task succeeds');
    expect(h.world.sent).toEqual([{ to: 'ann@example.com', body: 'Hello from Steward' }]);
  });

  it('modify: the core’s schema error stays on the card (still pending, edits kept); valid arguments run as modified', async () => {
    await setUp(sendTo('ann@example.com'));
    const { conversationId, approval } = await requestApproval();
    store.getState().setDraft(`args:${approval.id}`, '{"to":"not-an-address"}');

    expect(await store.getState().respond(approval.id, { decision: 'modify', args: { to: 'not-an-address', body: 'x' } })).toBe(false);
    const failed = store.getState().submissions[approval.id];
    expect(failed).toMatchObject({ status: 'error', code: 'invalid_input' });
    expect(failed?.error).toContain('Invalid email');
    expect(approvalsOf(conversationId)[0]?.status).toBe('pending');
    expect(store.getState().drafts[`args:${approval.id}`]).toBe('{"to":"not-an-address"}');

    expect(await store.getState().respond(approval.id, { decision: 'modify', args: { to: 'bob@example.org', body: 'Edited text' } })).toBe(true);
    expect(store.getState().submissions[approval.id]).toBeUndefined();
    expect(store.getState().drafts[`args:${approval.id}`]).toBeUndefined();
    expect(approvalsOf(conversationId)[0]).toMatchObject({ status: 'modified', finalArgs: { to: 'bob@example.org', body: 'Edited text' } });
    await until(() => h.world.sent.length > 0, 'the modified message is sent');
    expect(h.world.sent).toEqual([{ to: 'bob@example.org', body: 'Edited text' }]);
  });

  it('a respond lost on the way keeps the edits and offers the same answer again; the retry lands', async () => {
    await setUp(sendTo('ann@example.com'));
    const { conversationId, approval } = await requestApproval();
    const broken = createAgentWorkStore({ ...api, call: () => Promise.reject(new TypeError('Failed to fetch')) });
    broken.getState().setDraft(`args:${approval.id}`, '{"to":"bob@example.org"}');
    const input = { decision: 'modify' as const, args: { to: 'bob@example.org', body: 'Edited' } };
    expect(await broken.getState().respond(approval.id, input)).toBe(false);
    expect(broken.getState().submissions[approval.id]).toMatchObject({ status: 'error', retry: input });
    expect(broken.getState().submissions[approval.id]?.error).toContain('Failed to fetch');
    expect(broken.getState().drafts[`args:${approval.id}`]).toBe('{"to":"bob@example.org"}');

    // Retry through a working connection sends exactly what failed.
    expect(await store.getState().respond(approval.id, broken.getState().submissions[approval.id]!.retry!)).toBe(true);
    expect(approvalsOf(conversationId)[0]).toMatchObject({ status: 'modified', finalArgs: input.args });
  });

  it('reject: the card resolves as rejected and nothing is sent; a second answer is refused with the core’s notice', async () => {
    await setUp(sendTo('ann@example.com'));
    const { conversationId, approval } = await requestApproval();
    expect(await store.getState().respond(approval.id, { decision: 'reject' })).toBe(true);
    expect(approvalsOf(conversationId)[0]).toMatchObject({ status: 'rejected', decidedBy: 'renderer-test' });
    await until(() => store.getState().tasks[approval.taskId!]?.status === 'cancelled', 'the rejected task is cancelled');
    expect(h.world.sent).toEqual([]);

    expect(await store.getState().respond(approval.id, { decision: 'approve' })).toBe(false);
    expect(store.getState().submissions[approval.id]?.error).toMatch(/already/i);
    expect(approvalsOf(conversationId)[0]?.status).toBe('rejected');
  });

  it('an approval resolved elsewhere (another window) updates the card and the badge from the event', async () => {
    await setUp(sendTo('ann@example.com'));
    const { conversationId, approval } = await requestApproval();
    await store.getState().loadGlobal();
    await h.agent.respondApproval({ id: approval.id, decision: 'reject' }, 'quick-window');
    await until(() => approvalsOf(conversationId)[0]?.status === 'rejected', 'the card shows the rejection');
    expect(approvalsOf(conversationId)[0]?.decidedBy).toBe('quick-window');
    expect(store.getState().pendingApprovals).toEqual([]);
  });

  it('a question from the Manager appears as a pending clarification; answering it continues the task to the end', async () => {
    await setUp({
      rules: [
        complexIntent,
        { match: { role: 'manager' }, response: { type: 'json', value: { question: 'Which city is the restaurant in?', title: '', summary: '', steps: [] } }, times: 1 },
        planRule('City guide', [{ title: 'Write the guide', tool: 'write_note', expectedFiles: ['guide.txt'] }]),
        employeeCalls('write_note', { path: 'guide.txt', text: 'Lisbon guide' }),
        employeeSays('Guide written.'),
        passReview,
      ],
    });
    const { conversationId } = await h.send('write a city guide for our guests');
    await store.getState().loadConversation(conversationId);
    const clarifications = () => store.getState().conversations[conversationId]?.clarifications ?? [];
    expect(clarifications()).toEqual([expect.objectContaining({ role: 'manager', question: 'Which city is the restaurant in?', status: 'pending' })]);

    const id = clarifications()[0]!.id;
    store.getState().setDraft(`reply:${id}`, 'Lisbon');
    expect(await store.getState().answer(id, 'Lisbon')).toBe(true);
    expect(clarifications()[0]).toMatchObject({ status: 'answered', answer: 'Lisbon' });
    expect(store.getState().drafts[`reply:${id}`]).toBeUndefined();
    await until(() => tasksOf(store.getState(), conversationId).some((t) => t.status === 'succeeded'), 'the task finishes after the answer');
  });

  it('follows a multi-step task’s progress live, with the step label, and ends at 100%', async () => {
    await setUp({
      rules: [
        complexIntent,
        planRule('Report', [
          { title: 'Draft the report', tool: 'write_note', expectedFiles: ['a.txt'] },
          { title: 'Write the appendix', tool: 'write_note', expectedFiles: ['b.txt'] },
        ]),
        employeeCalls('write_note', { path: 'a.txt', text: 'A' }),
        employeeSays('Drafted.'),
        employeeCalls('write_note', { path: 'b.txt', text: 'B' }),
        employeeSays('Appendix done.'),
        passReview,
      ],
    });
    const seen: string[] = [];
    store.subscribe((state) => {
      for (const [id, p] of Object.entries(state.progress)) {
        const line = `${id}:${p.step}/${p.total}:${p.label}`;
        if (!seen.includes(line)) seen.push(line);
      }
    });
    const { conversationId } = await h.send('write the report with an appendix');
    await until(() => tasksOf(store.getState(), conversationId)[0]?.status === 'succeeded', 'the plan succeeds');
    const task = tasksOf(store.getState(), conversationId)[0]!;
    expect(seen).toEqual([`${task.id}:1/2:Draft the report`, `${task.id}:2/2:Write the appendix`]);
    expect(progressOf(task, store.getState().progress[task.id])).toMatchObject({ step: 2, total: 2, percent: 100, label: null, etaSeconds: null });
    // While step 2 of 2 ran, one step was done: half the bar.
    expect(progressOf({ ...task, status: 'running' }, { step: 2, total: 2, label: 'Write the appendix', etaSeconds: 12 })).toMatchObject({ percent: 50, label: 'Write the appendix', etaSeconds: 12 });
  });

  it('after a reconnect, reloads what happened while events were lost', async () => {
    await setUp(sendTo('ann@example.com'));
    const { conversationId, approval } = await requestApproval();
    api.setConnection('closed');
    await h.agent.respondApproval({ id: approval.id, decision: 'approve' }, 'other-window');
    await h.waitForTask(approval.taskId!, ['succeeded']);
    // Nothing arrived while the connection was down.
    expect(approvalsOf(conversationId)[0]?.status).toBe('pending');
    api.setConnection('open');
    await store.getState().reloadAll();
    expect(approvalsOf(conversationId)[0]).toMatchObject({ status: 'approved', decidedBy: 'other-window' });
    expect(store.getState().pendingApprovals).toEqual([]);
    expect(store.getState().tasks[approval.taskId!]?.status).toBe('succeeded');
  });

  it('cancelling a task from its card stops it and rejects its pending approval', async () => {
    await setUp(sendTo('ann@example.com'));
    const { conversationId, approval } = await requestApproval();
    expect(await store.getState().cancelTask(approval.taskId!)).toBe(true);
    expect(store.getState().tasks[approval.taskId!]?.status).toBe('cancelled');
    await until(() => approvalsOf(conversationId)[0]?.status === 'rejected', 'the approval is rejected with the task');
    expect(h.world.sent).toEqual([]);
  });

  it('keeps the iteration counter of a task the Supervisor sent back for a revision', async () => {
    await setUp({ rules: offerLetterRevisedOnce('Mention the start date.') });
    const { conversationId } = await h.send('draft an offer letter for Sam');
    await until(() => tasksOf(store.getState(), conversationId)[0]?.status === 'succeeded', 'the revised plan succeeds');
    const task = tasksOf(store.getState(), conversationId)[0]!;
    // Later status lines ("Reviewing…") do not lose the counter while the same task goes on.
    expect(store.getState().taskActivity[task.id]?.iteration).toEqual({ current: 2, total: 3, detail: 'refining based on feedback' });
  });
});

describe('time left on a task card', () => {
  it('reads as a person would say it', () => {
    expect(formatTimeLeft(null)).toBeNull();
    expect(formatTimeLeft(20)).toBe('less than a minute left');
    expect(formatTimeLeft(70)).toBe('about 1 min left');
    expect(formatTimeLeft(600)).toBe('about 10 min left');
    expect(formatTimeLeft(3900)).toBe('about 1 h 5 min left');
  });
});

describe('mergeTasks', () => {
  const base = { conversationId: 'c1', title: 'Report', totalSteps: 3, createdAt: '2026-11-24T10:00:00.000Z', summary: null };
  it('never lets a list fetched before a task finished bring back its running state', () => {
    const finished = { ...base, id: 't1', status: 'succeeded' as const, step: 3, updatedAt: '2026-11-24T10:05:00.000Z', summary: '3 steps done.' };
    const staleRunning = { ...base, id: 't1', status: 'running' as const, step: 2, updatedAt: '2026-11-24T10:04:00.000Z' };
    const known = mergeTasks({}, [finished]);
    expect(mergeTasks(known, [staleRunning]).t1).toEqual(finished);
    // Newer news still wins, and unknown tasks are added.
    const rerun = { ...finished, status: 'running' as const, updatedAt: '2026-11-24T10:06:00.000Z' };
    const other = { ...staleRunning, id: 't2' };
    expect(mergeTasks(known, [rerun, other])).toEqual({ t1: rerun, t2: other });
  });
});
