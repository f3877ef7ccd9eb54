import { afterEach, describe, expect, it } from 'vitest';
import { installMcp } from '../../../src-main/core/mcp/install-mcp.js';
import type { McpManager } from '../../../src-main/core/mcp/mcp-manager.js';
import { installSchedules } from '../../../src-main/core/schedules/install-schedules.js';
import { installSkills } from '../../../src-main/core/skills/install-skills.js';
import { createHarness, intentResponse, is, type Harness } from '../agent/support/agent-harness.js';
import { everythingServer } from '../mcp/mcp-support.js';

let h: Harness | undefined;
let mcp: McpManager | undefined;
afterEach(async () => {
  await mcp?.close();
  await h?.dispose();
  h = undefined;
  mcp = undefined;
});

const weekly = {
  name: 'weekly_report',
  description: 'Send the weekly report',
  prompt: 'send the weekly report for {{period}} to the team',
  inputs: [{ name: 'period', description: 'which week', required: true }],
  allowedTools: ['send_message'],
};

describe('skills', () => {
  it('saved by hand, run from the chat as a slash command with inputs, shared as a file and imported back', async () => {
    h = await createHarness({
      script: { rules: [{ match: { role: 'intent', lastUser: 'weekly report for last week' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to: 'team@example.com', body: 'Report' } }) }] },
    });
    installSkills(h.core, h.agent.deps);
    const saved = await h.core.request('skills.save', weekly);
    expect(saved).toMatchObject({ name: 'weekly_report', command: '/weekly_report', source: 'manual' });

    const since = h.mark();
    await h.send('/weekly_report period="last week"');
    const requested = await h.waitFor(is('approval.requested'), { since });
    expect(requested.approval.tool).toBe('send_message');

    const missing = await h.send('/weekly_report');
    expect(missing.replies.at(-1)?.text).toContain('needs period="…"');

    const file = await h.core.request('skills.export', { name: 'weekly_report' });
    expect(file.fileName).toBe('weekly_report.steward-skill.json');
    await h.core.request('skills.delete', { name: 'weekly_report' });
    const imported = await h.core.request('skills.import', { text: file.text });
    expect(imported).toMatchObject({ name: 'weekly_report', source: 'file', prompt: weekly.prompt, allowedTools: ['send_message'] });
    expect((await h.send('/skills')).replies.at(-1)?.text).toContain('/weekly_report — Send the weekly report (period="…")');
  });

  it('saved from a finished task: its request becomes the prompt, the tools it used the allowed tools', async () => {
    h = await createHarness({ script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'write_note', parameters: { path: 'a.txt', text: 'hello' } }) }] } });
    installSkills(h.core, h.agent.deps);
    const since = h.mark();
    await h.send('write a note saying hello');
    const done = await h.waitFor((e) => e.type === 'task.updated' && e.task.status === 'succeeded', { since });
    const taskId = (done as { task: { id: string } }).task.id;
    const skill = await h.core.request('skills.saveFromTask', { taskId, name: 'hello_note' });
    expect(skill).toMatchObject({ prompt: 'write a note saying hello', allowedTools: ['write_note'], source: 'task' });
    // "Save this as a skill" from the chat.
    const conversationId = h.core.conversations.repo.list()[0]!.id;
    const saved = await h.send('/skill save hello_again Says hello', conversationId);
    expect(saved.replies.at(-1)?.text).toContain('Saved the skill /hello_again: “write a note saying hello” (tools: write_note)');
    expect((await h.core.request('skills.list', {})).map((s) => s.name)).toEqual(['hello_again', 'hello_note']);
  });

  it('bad input changes nothing: reserved names, placeholders without inputs, unknown tools, files that are not skills', async () => {
    h = await createHarness();
    installSkills(h.core, h.agent.deps);
    await expect(h.core.request('skills.save', { ...weekly, name: 'help' })).rejects.toMatchObject({ userMessage: expect.stringContaining('built-in command') });
    await expect(h.core.request('skills.save', { ...weekly, inputs: [] })).rejects.toMatchObject({ userMessage: expect.stringContaining('uses {{period}} but the skill has no such input') });
    await expect(h.core.request('skills.save', { ...weekly, allowedTools: ['no_such_tool'] })).rejects.toMatchObject({ userMessage: expect.stringContaining('not installed') });
    await expect(h.core.request('skills.import', { text: '{"name": "x"}' })).rejects.toMatchObject({ userMessage: expect.stringContaining('not a Steward skill') });
    await expect(h.core.request('skills.import', { text: 'nope' })).rejects.toMatchObject({ userMessage: expect.stringContaining('not valid JSON') });
    expect(await h.core.request('skills.list', {})).toEqual([]);
  });
});

describe('other slash commands from what the user added', () => {
  it('an MCP server’s prompt runs as a slash command; /schedule shows the schedule in words and saves it on yes', async () => {
    h = await createHarness({ script: { rules: [{ match: { role: 'intent' }, response: intentResponse('conversation') }], fallback: { type: 'text', text: 'Noted.' } } as never });
    mcp = installMcp(h.core, h.agent.deps);
    installSchedules(h.core, h.agent.deps, h.agent, { timers: false });
    await mcp.add({ name: 'everything', config: everythingServer() });
    const conversation = await h.core.request('conversations.create', {});
    await h.send('/everything.args_prompt city=Lisbon', conversation.id);
    const requests = h.provider.requests.map((c) => c.lastUserText);
    expect(requests.some((r) => r.includes('Lisbon'))).toBe(true);

    const proposal = await h.send('/schedule every Monday at 9 send the weekly report to the team', conversation.id);
    expect(proposal.replies.at(-1)?.text).toMatch(/I would run “Send the weekly report to the team” every Monday at 09:00/);
    expect(await h.core.request('schedules.list', {})).toEqual([]);
    const saved = await h.send('/schedule yes', conversation.id);
    expect(saved.replies.at(-1)?.text).toContain('Saved: “Send the weekly report to the team”');
    expect((await h.core.request('schedules.list', {}))[0]).toMatchObject({ cron: '0 9 * * 1', request: 'Send the weekly report to the team' });
  });
});
