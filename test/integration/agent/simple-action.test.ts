import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, intentResponse, is, type Harness } from './support/agent-harness.js';

let h: Harness;
afterEach(async () => h?.dispose());

function lastTask(h: Harness) {
  const updates = h.events.filter(is('task.updated'));
  return updates.at(-1)!.task;
}

describe('simple action', () => {
  it('runs an allowed tool on the user’s words and answers with the result, audited', async () => {
    h = await createHarness({
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'write_note', parameters: { path: 'todo.txt', text: 'buy milk' } }) }] },
    });
    const { replies } = await h.send('save "buy milk" in todo.txt');
    expect(replies.map((m) => m.text).join('\n')).toContain('Done: Wrote todo.txt');
    expect(readFileSync(path.join(h.core.paths.workspaceDir, 'todo.txt'), 'utf8')).toBe('buy milk');
    const task = lastTask(h);
    expect(task.status).toBe('succeeded');
    const audit = h.core.audit.list().find((a) => a.action === 'tool:write_note');
    expect(audit).toMatchObject({ result: 'ok', approver: 'policy:always', detail: 'Wrote todo.txt' });
    expect(audit?.rollback).toContain('todo.txt');
  });

  it('asks for a missing argument instead of running the tool, then resumes on the answer in the chat', async () => {
    h = await createHarness({
      script: {
        rules: [
          { match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { body: 'The offer is ready' } }), times: 1 },
          // First extraction: still no recipient, and the model says what to ask.
          { match: { schemaName: 'tool arguments' }, response: { type: 'json', value: { parameters: {}, question: 'Who should I send it to?' } }, times: 1 },
          // After the answer: the recipient comes from the user's words.
          { match: { schemaName: 'tool arguments' }, response: { type: 'json', value: { parameters: { to: 'ann@example.com' }, question: null } } },
        ],
      },
    });
    const first = await h.send('send the offer message');
    expect(first.replies.map((m) => m.text)).toContain('Who should I send it to?');
    const asked = h.events.find(is('clarification.requested'));
    expect(asked).toMatchObject({ role: 'employee', question: 'Who should I send it to?' });
    expect(h.world.executions).toEqual([]);
    expect(lastTask(h).status).toBe('waiting_clarification');

    // The next message answers the one open question; the action continues to its approval.
    const since = h.mark();
    await h.send('ann@example.com', first.conversationId);
    const requested = await h.waitFor(is('approval.requested'), { since });
    expect(requested.approval).toMatchObject({ tool: 'send_message', args: { to: 'ann@example.com', body: 'The offer is ready' }, risk: 'external', costEstimateUsd: 0.01, provenance: { source: 'user' } });
    expect(h.world.sent).toEqual([]);

    await h.agent.respondApproval({ id: requested.approval.id, decision: 'approve' }, 'ui');
    const task = await h.waitForTask(requested.approval.taskId!, ['succeeded']);
    expect(task.summary).toBe('Sent to ann@example.com');
    expect(h.world.sent).toEqual([{ to: 'ann@example.com', body: 'The offer is ready' }]);
    expect(h.messages(first.conversationId).map((m) => m.text)).toContain('Done: Sent to ann@example.com');
    expect(h.core.audit.list().find((a) => a.action === 'tool:send_message')).toMatchObject({ result: 'ok', approver: 'user:ui', costUsd: 0.01 });
  });

  it('never runs the tool on parameters that fail validation: it asks what is wrong', async () => {
    h = await createHarness({
      script: {
        rules: [
          { match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to: 'ann at example', body: 'hi' } }) },
          { match: { schemaName: 'tool arguments' }, response: { type: 'json', value: { parameters: { to: 'still not an email' }, question: null } } },
        ],
      },
    });
    const { replies } = await h.send('message ann at example saying hi');
    const question = replies.map((m) => m.text).join('\n');
    expect(question).toMatch(/to \(recipient email address\) — Invalid email/);
    expect(h.world.executions).toEqual([]);
    expect(h.events.some(is('approval.requested'))).toBe(false);
    expect(lastTask(h).status).toBe('waiting_clarification');
  });

  it('reports a tool that is not set up, with the fix, without running it', async () => {
    h = await createHarness({
      secretValues: {},
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to: 'ann@example.com', body: 'hi' } }) }] },
    });
    const { replies } = await h.send('message ann@example.com saying hi');
    expect(replies.map((m) => m.text).join('\n')).toContain('add the messaging key in Settings › Integrations');
    expect(h.world.executions).toEqual([]);
    expect(existsSync(h.core.paths.workspaceDir) ? h.world.sent : []).toEqual([]);
  });
});
