/**
 * A skill's allowed tools hold at run time (issue 18): the model is obedient and scripted to reach
 * for a tool the skill does not allow; the task refuses it with a message naming the skill, the
 * tool never runs, the refusal is audited — and the skill's own tool still works.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { installSkills } from '../../../src-main/core/skills/install-skills.js';
import { createHarness, intentResponse, type Harness } from '../agent/support/agent-harness.js';
import { complexIntent, employeeCalls, employeeSays, passReview, planRule } from '../agent/support/plan-scripts.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

const report = {
  name: 'weekly_report',
  description: 'Send the weekly report',
  prompt: 'send the weekly report for {{period}} to the team',
  inputs: [{ name: 'period', description: 'which week', required: true }],
  allowedTools: ['send_message'],
};

const taskOf = (harness: Harness) => harness.core.db.raw.prepare('SELECT id, status, state_json FROM tasks ORDER BY created_at DESC LIMIT 1').get() as { id: string; status: string; state_json: string };

describe("a skill's allowed tools", () => {
  it('a plan run from the skill cannot use another tool: the step is refused naming the skill, nothing is written, the refusal is audited', async () => {
    h = await createHarness({
      script: {
        rules: [
          complexIntent,
          planRule('Weekly report', [{ title: 'Write the report file', tool: 'write_note' }]),
          employeeCalls('write_note', { path: 'report.txt', text: 'numbers' }),
          employeeSays('Wrote it.'),
          passReview,
        ],
      },
    });
    installSkills(h.core, h.agent.deps);
    await h.core.request('skills.save', report);

    await h.send('/weekly_report period="week 23"');
    const task = await h.waitForTask(taskOf(h).id, ['succeeded', 'failed', 'cancelled']);
    expect(task.status).toBe('failed');
    expect(JSON.parse(taskOf(h).state_json).skill).toEqual({ skill: 'weekly_report', allowedTools: ['send_message'] });

    const said = h.messages(task.conversationId!).map((m) => m.text).join('\n');
    expect(said).toContain('The skill “weekly_report” may only use “send_message”, so “write_note” was not run.');
    expect(h.world.executions).toEqual([]);
    const refused = h.core.audit.list().find((row) => row.action === 'tool:write_note');
    expect(refused).toMatchObject({ result: 'rejected', detail: expect.stringContaining('weekly_report') });
  });

  it('a quick action confirmed with "yes" keeps the limit, and the same request without the skill runs the tool', async () => {
    h = await createHarness({
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'write_note', parameters: { path: 'r.txt', text: 'x' }, confidence: 0.3 }) }] },
    });
    installSkills(h.core, h.agent.deps);
    await h.core.request('skills.save', { ...report, allowedTools: ['send_message', 'read_note'] });

    // Low confidence: Steward asks first; the "yes" must not lift the skill's limit.
    const asked = await h.send('/weekly_report period="week 23"');
    const conversationId = asked.conversationId;
    const yes = await h.send('yes', conversationId);
    const task = await h.waitForTask(taskOf(h).id, ['succeeded', 'failed', 'cancelled']);
    expect(task.status).toBe('failed');
    expect([...yes.replies, ...h.messages(conversationId)].map((m) => m.text).join('\n')).toContain(
      'The skill “weekly_report” may only use “send_message”, “read_note”, so “write_note” was not run. Nothing was changed. To let it use “write_note”, add the tool to the skill under Skills.',
    );
    expect(h.world.executions).toEqual([]);

    // Not a skill: the same tool runs (after the same question).
    await h.send('send the weekly report for week 23 to the team', conversationId);
    await h.send('yes', conversationId);
    await h.waitForTask(taskOf(h).id, ['succeeded', 'failed', 'cancelled']);
    expect(h.world.executions).toEqual(['write_note:r.txt']);
  });

  it('skills.run sends the skill as its slash command, so the chat shows what ran and the limit applies', async () => {
    h = await createHarness({
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to: 'team@example.com', body: 'Report' } }) }] },
    });
    installSkills(h.core, h.agent.deps);
    await h.core.request('skills.save', report);
    const sent = await h.core.request('skills.run', { name: 'weekly_report', inputs: { period: 'the "big" week' } });
    const message = h.messages(sent.conversationId).find((m) => m.id === sent.messageId)!;
    expect(message.text).toBe(`/weekly_report period='the "big" week'`);
    await expect(h.core.request('skills.run', { name: 'weekly_report', inputs: {} })).rejects.toMatchObject({ userMessage: expect.stringContaining('needs period="…"') });
  });
});
