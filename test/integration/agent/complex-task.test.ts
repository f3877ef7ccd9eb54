import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, is, type Harness } from './support/agent-harness.js';
import { complexIntent, employeeCalls, employeeSays, offerLetterRevisedOnce, passReview, planRule } from './support/plan-scripts.js';
import { dottedNoteTool, heldTool, standardTestTools } from './support/test-tools.js';

let h: Harness;
afterEach(async () => h?.dispose());

function taskIdOf(h: Harness): string {
  return h.events.filter(is('task.updated'))[0]!.task.id;
}

describe('complex task: Manager plans, Employee works, Supervisor reviews', () => {
  it('posts the plan before any work, reports progress with an ETA, and finishes with a summary and a notification', async () => {
    h = await createHarness({
      script: {
        rules: [
          complexIntent,
          planRule('Welcome pack', [
            { title: 'Write the welcome letter', tool: 'write_note', expectedFiles: ['welcome.txt'], estimateSeconds: 30 },
            { title: 'Write the checklist', tool: 'write_note', expectedFiles: ['checklist.txt'], estimateSeconds: 10 },
          ]),
          employeeCalls('write_note', { path: 'welcome.txt', text: 'Welcome to the team!' }),
          employeeSays('Wrote welcome.txt with a short welcome.'),
          employeeCalls('write_note', { path: 'checklist.txt', text: '1. Laptop\n2. Badge' }),
          employeeSays('Wrote checklist.txt.'),
          passReview,
        ],
      },
    });
    const { replies, conversationId } = await h.send('prepare a welcome pack for our new hire');
    const plan = replies.find((m) => m.agent === 'manager');
    expect(plan?.text).toContain('Plan: Welcome pack');
    expect(plan?.text).toMatch(/1\. Write the welcome letter · write_note \(~30 s\)/);
    const taskId = taskIdOf(h);
    const task = await h.waitForTask(taskId, ['succeeded', 'failed']);
    expect(task).toMatchObject({ status: 'succeeded', title: 'Welcome pack', step: 2, totalSteps: 2 });

    // Streamed, and before any step started.
    const planDone = h.events.findIndex((e) => e.type === 'message.completed' && e.message.id === plan!.id);
    const deltas = h.events.filter((e) => e.type === 'message.delta' && e.messageId === plan!.id);
    expect(deltas.length).toBeGreaterThan(1);
    const firstProgress = h.events.findIndex(is('task.progress'));
    expect(planDone).toBeGreaterThan(-1);
    expect(planDone).toBeLessThan(firstProgress);

    const progress = h.events.filter(is('task.progress'));
    expect(progress.map((p) => [p.step, p.total, p.label])).toEqual([
      [1, 2, 'Write the welcome letter'],
      [2, 2, 'Write the checklist'],
    ]);
    expect(progress[0]!.etaSeconds).toBe(40);
    expect(progress[1]!.etaSeconds).not.toBeNull();

    const roles = new Set(h.events.filter(is('agent.status')).map((e) => e.role));
    expect([...roles].sort()).toEqual(['employee', 'manager', 'supervisor']);

    const workspace = path.join(h.core.paths.workspaceDir, 'tasks', taskId);
    expect(readFileSync(path.join(workspace, 'welcome.txt'), 'utf8')).toBe('Welcome to the team!');
    const texts = h.messages(conversationId).map((m) => m.text);
    expect(texts.some((t) => t.startsWith('Finished: Welcome pack') && t.includes('welcome.txt'))).toBe(true);
    expect(h.notifications).toEqual([expect.objectContaining({ title: 'Done: Welcome pack', level: 'success' })]);
    // Every step's tool call went through the audit log.
    expect(h.core.audit.list().filter((a) => a.action === 'tool:write_note' && a.result === 'ok')).toHaveLength(2);
  });

  it('revise: the Supervisor’s feedback goes back to the Employee ("Iteration 2/3")', async () => {
    h = await createHarness({
      script: { rules: offerLetterRevisedOnce('Mention the start date (1 May).') },
    });
    const { conversationId } = await h.send('draft an offer letter for Sam');
    const task = await h.waitForTask(taskIdOf(h), ['succeeded', 'failed']);
    expect(task.status).toBe('succeeded');
    const texts = h.messages(conversationId).map((m) => m.text);
    expect(texts).toContain('Iteration 2/3: refining based on feedback');
    expect(texts).toContain('Step 1 needs another pass: no start date');
    const secondAttempt = h.provider.requests.filter((r) => r.role === 'employee' && r.kind === 'chat')[2]!;
    expect(secondAttempt.messages[1]!.content).toContain('Mention the start date (1 May).');
    expect(readFileSync(path.join(h.core.paths.workspaceDir, 'tasks', task.id, 'offer.txt'), 'utf8')).toContain('1 May');
  });

  it('deterministic checks run before the model review: a step that skipped its tool is revised without asking the Supervisor', async () => {
    h = await createHarness({
      script: {
        rules: [
          complexIntent,
          planRule('Notes', [{ title: 'Write the notes', tool: 'write_note', expectedFiles: ['notes.txt'] }]),
          employeeSays('I thought about the notes.'),
          employeeCalls('write_note', { path: 'notes.txt', text: 'the notes' }),
          employeeSays('Wrote notes.txt.'),
          passReview,
        ],
      },
    });
    const { conversationId } = await h.send('write up the meeting notes');
    const task = await h.waitForTask(taskIdOf(h), ['succeeded', 'failed']);
    expect(task.status).toBe('succeeded');
    expect(h.provider.requests.filter((r) => r.role === 'supervisor')).toHaveLength(1);
    const texts = h.messages(conversationId).map((m) => m.text).join('\n');
    expect(texts).toContain('Expected file "notes.txt" was not created');
    expect(texts).toContain('The step must use the tool "write_note"');
  });

  it('gives up after settings.agent.maxIterations and rolls back what it did', async () => {
    h = await createHarness({
      settings: { agent: { maxIterations: 2 } },
      script: {
        rules: [
          complexIntent,
          planRule('Poem', [{ title: 'Write the poem', tool: 'write_note', expectedFiles: ['poem.txt'] }]),
          employeeCalls('write_note', { path: 'poem.txt', text: 'roses' }),
          employeeSays('Wrote it.'),
          employeeCalls('write_note', { path: 'poem.txt', text: 'roses are red' }),
          employeeSays('Rewrote it.'),
          { match: { role: 'supervisor' }, response: { type: 'json', value: { verdict: 'revise', reasons: ['does not rhyme'], feedback: 'Make it rhyme.', question: null } } },
        ],
      },
    });
    const { conversationId } = await h.send('write a poem');
    const task = await h.waitForTask(taskIdOf(h), ['succeeded', 'failed']);
    expect(task.status).toBe('failed');
    expect(task.summary).toContain('still not right after 2 iterations (does not rhyme)');
    expect(existsSync(path.join(h.core.paths.workspaceDir, 'tasks', task.id, 'poem.txt'))).toBe(false);
    expect(h.messages(conversationId).at(-1)!.text).toContain('Rolled back');
    expect(h.notifications.at(-1)).toMatchObject({ title: 'Failed: Poem', level: 'error' });
  });

  it('a tool that throws: error in the chat, earlier steps rolled back in reverse order, audit rows for all of it', async () => {
    h = await createHarness({
      script: {
        rules: [
          complexIntent,
          planRule('Launch site', [
            { title: 'Write the home page', tool: 'write_note', expectedFiles: ['index.html'] },
            { title: 'Write the about page', tool: 'write_note', expectedFiles: ['about.html'] },
            { title: 'Publish', tool: 'publish_site' },
          ]),
          employeeCalls('write_note', { path: 'index.html', text: '<h1>Hi</h1>' }),
          employeeSays('Home page written.'),
          employeeCalls('write_note', { path: 'about.html', text: '<h1>About</h1>' }),
          employeeSays('About page written.'),
          employeeCalls('publish_site', { site: 'acme' }),
          passReview,
        ],
      },
    });
    const { conversationId } = await h.send('build and launch our site');
    const task = await h.waitForTask(taskIdOf(h), ['succeeded', 'failed']);
    expect(task.status).toBe('failed');
    const last = h.messages(conversationId).at(-1)!.text;
    expect(last).toContain('quota exceeded');
    expect(last).toContain('Rolled back: undid Wrote about.html; undid Wrote index.html.');
    expect(h.world.executions).toEqual(['write_note:index.html', 'write_note:about.html', 'publish_site:acme', 'rollback:write_note:about.html', 'rollback:write_note:index.html']);
    const dir = path.join(h.core.paths.workspaceDir, 'tasks', task.id);
    expect(existsSync(path.join(dir, 'index.html'))).toBe(false);
    const audit = h.core.audit.list().map((a) => [a.action, a.result]);
    expect(audit.slice(0, 3)).toEqual([
      ['tool.rollback:write_note', 'ok'],
      ['tool.rollback:write_note', 'ok'],
      ['tool:publish_site', 'error'],
    ]);
    expect(h.core.audit.verify().ok).toBe(true);
  });

  it('a tool that times out: the step fails with a clear message and earlier work is rolled back', async () => {
    h = await createHarness({
      script: {
        rules: [
          complexIntent,
          planRule('Monthly report', [
            { title: 'Write the cover', tool: 'write_note', expectedFiles: ['cover.txt'] },
            { title: 'Fetch the numbers', tool: 'fetch_report' },
          ]),
          employeeCalls('write_note', { path: 'cover.txt', text: 'Report' }),
          employeeSays('Cover written.'),
          employeeCalls('fetch_report', { name: 'sales' }),
          passReview,
        ],
      },
    });
    const { conversationId } = await h.send('make the monthly report');
    const task = await h.waitForTask(taskIdOf(h), ['succeeded', 'failed']);
    expect(task.status).toBe('failed');
    const last = h.messages(conversationId).at(-1)!.text;
    expect(last).toContain('did not finish within 150 ms and was stopped');
    expect(last).toContain('undid Wrote cover.txt');
    expect(h.core.audit.list().find((a) => a.action === 'tool:fetch_report')).toMatchObject({ result: 'error' });
  });

  it('the Employee can ask the user mid-task; the task pauses and resumes on the answer from the question card', async () => {
    h = await createHarness({
      script: {
        rules: [
          complexIntent,
          planRule('Menu card', [{ title: 'Write the menu card', tool: 'write_note', expectedFiles: ['menu.txt'] }]),
          employeeCalls('ask_user', { question: 'What restaurant name should I use?' }),
          { match: { role: 'employee', call: 'chat' }, response: (call) => ({ type: 'toolCalls', toolCalls: [{ name: 'write_note', arguments: { path: 'menu.txt', text: call.messages.at(-1)!.content } }] }), times: 1 },
          employeeSays('Menu card written.'),
          passReview,
        ],
      },
    });
    const { conversationId } = await h.send('make a menu card');
    const asked = await h.waitFor(is('clarification.requested'));
    expect(asked).toMatchObject({ role: 'employee', question: 'What restaurant name should I use?', conversationId });
    const taskId = asked.taskId!;
    expect((await h.waitForTask(taskId, ['waiting_clarification'])).status).toBe('waiting_clarification');
    expect(h.agent.listClarifications({ conversationId })).toHaveLength(1);

    const answered = await h.agent.answerClarification(asked.id, 'Luigi’s Trattoria', 'ui');
    expect(answered).toMatchObject({ applied: true, clarification: { status: 'answered', answer: 'Luigi’s Trattoria' } });
    const task = await h.waitForTask(taskId, ['succeeded', 'failed']);
    expect(task.status).toBe('succeeded');
    expect(readFileSync(path.join(h.core.paths.workspaceDir, 'tasks', taskId, 'menu.txt'), 'utf8')).toBe('The user answered: Luigi’s Trattoria');
    const texts = h.messages(conversationId).map((m) => m.text);
    expect(texts).toContain('Luigi’s Trattoria');
    const again = await h.agent.answerClarification(asked.id, 'Other name', 'ui');
    expect(again).toMatchObject({ applied: false, notice: expect.stringContaining('already answered') });
  });

  it('the Supervisor can ask the user too; the answer becomes feedback for the next iteration', async () => {
    h = await createHarness({
      script: {
        rules: [
          complexIntent,
          planRule('Invitation', [{ title: 'Write the invitation', tool: 'write_note', expectedFiles: ['invite.txt'] }]),
          employeeCalls('write_note', { path: 'invite.txt', text: 'Party at 7' }),
          employeeSays('Written.'),
          employeeCalls('write_note', { path: 'invite.txt', text: 'Party at 7, dress code: casual' }),
          employeeSays('Added the dress code.'),
          { match: { role: 'supervisor' }, response: { type: 'json', value: { verdict: 'pass', reasons: ['fine'], feedback: null, question: 'Is there a dress code?' } }, times: 1 },
          passReview,
        ],
      },
    });
    await h.send('write the party invitation');
    const asked = await h.waitFor(is('clarification.requested'));
    expect(asked).toMatchObject({ role: 'supervisor', question: 'Is there a dress code?' });
    await h.agent.answerClarification(asked.id, 'casual', 'ui');
    const task = await h.waitForTask(asked.taskId!, ['succeeded', 'failed']);
    expect(task.status).toBe('succeeded');
    const second = h.provider.requests.filter((r) => r.role === 'employee' && r.kind === 'chat')[2]!;
    expect(second.messages[1]!.content).toContain('The user answered “Is there a dress code?”: casual');
  });

  it('the Manager can ask before planning; the user’s next chat message answers it', async () => {
    h = await createHarness({
      script: {
        rules: [
          complexIntent,
          { match: { role: 'manager' }, response: { type: 'json', value: { question: 'Which city is the restaurant in?', title: '', summary: '', steps: [] } }, times: 1 },
          planRule('City guide', [{ title: 'Write the guide', tool: 'write_note', expectedFiles: ['guide.txt'] }]),
          employeeCalls('write_note', { path: 'guide.txt', text: 'Lisbon guide' }),
          employeeSays('Guide written.'),
          passReview,
        ],
      },
    });
    const first = await h.send('write a city guide for our guests');
    expect(first.replies.map((m) => m.text)).toContain('Which city is the restaurant in?');
    const second = await h.send('Lisbon', first.conversationId);
    expect(second.replies.find((m) => m.agent === 'manager')?.text).toContain('Plan: City guide');
    const planRequest = h.provider.requests.filter((r) => r.role === 'manager')[1]!;
    expect(planRequest.messages[1]!.content).toContain('A (from the user): Lisbon');
    const task = await h.waitForTask(taskIdOf(h), ['succeeded', 'failed']);
    expect(task.status).toBe('succeeded');
  });

  it('cancel: stops the task, rejects its pending approval, keeps what was done', async () => {
    h = await createHarness({
      script: {
        rules: [
          complexIntent,
          planRule('Newsletter', [
            { title: 'Write it', tool: 'write_note', expectedFiles: ['news.txt'] },
            { title: 'Send it', tool: 'send_message' },
          ]),
          employeeCalls('write_note', { path: 'news.txt', text: 'News' }),
          employeeSays('Written.'),
          employeeCalls('send_message', { to: 'list@example.com', body: 'News' }),
          passReview,
        ],
      },
    });
    const { conversationId } = await h.send('send the newsletter');
    const requested = await h.waitFor(is('approval.requested'));
    const taskId = requested.approval.taskId!;
    await h.waitForTask(taskId, ['waiting_approval']);
    const cancelled = await h.agent.cancelTask(taskId);
    expect(cancelled.status).toBe('cancelled');
    expect(h.agent.listApprovals({ taskId })[0]).toMatchObject({ status: 'rejected', decidedBy: 'system:cancelled' });
    expect(h.world.sent).toEqual([]);
    expect(existsSync(path.join(h.core.paths.workspaceDir, 'tasks', taskId, 'news.txt'))).toBe(true);
    expect(h.messages(conversationId).at(-1)!.text).toBe('Cancelled “Newsletter”. 1 completed action was kept.');
    await expect(h.agent.cancelTask(taskId)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('tools with dotted names ("notes.append") are offered to the model by a wire-safe name and mapped back', async () => {
    h = await createHarness({
      tools: (world) => [...standardTestTools(world), dottedNoteTool(world)],
      script: {
        rules: [complexIntent, planRule('Notes', [{ title: 'Add the line', tool: 'notes.append', expectedFiles: ['notes.md'] }]), employeeCalls('notes_append', { line: 'hello' }), employeeSays('Appended.'), passReview],
      },
    });
    await h.send('add hello to the notes');
    const task = await h.waitForTask(taskIdOf(h), ['succeeded', 'failed']);
    expect(task.status).toBe('succeeded');
    expect(h.provider.requests.find((r) => r.role === 'employee')!.tools!.map((t) => t.name)).toEqual(['notes_append', 'ask_user']);
    expect(h.world.executions).toEqual(['notes.append:hello']);
    expect(h.core.audit.list().find((a) => a.action === 'tool:notes.append')).toMatchObject({ result: 'ok' });
  });

  it('cancel while a tool is running aborts the tool', async () => {
    h = await createHarness({
      tools: (world) => [...standardTestTools(world), heldTool(world)],
      script: {
        rules: [
          complexIntent,
          planRule('Long job', [{ title: 'Run it', tool: 'long_job' }]),
          employeeCalls('long_job', { label: 'L' }),
          passReview,
        ],
      },
    });
    await h.send('run the long job');
    await waitUntil(() => h.world.executions.includes('long_job:L:start'));
    const taskId = taskIdOf(h);
    expect((await h.agent.cancelTask(taskId)).status).toBe('cancelled');
    expect(h.world.executions).not.toContain('long_job:L:end');
    expect(h.core.audit.list().find((a) => a.action === 'tool:long_job')).toMatchObject({ result: 'error', detail: 'The task was cancelled.' });
  });

  it('a plan that needs a tool which is not set up fails before any work, saying what to fix', async () => {
    h = await createHarness({
      secretValues: {},
      script: {
        rules: [
          complexIntent,
          planRule('Announce', [
            { title: 'Write it', tool: 'write_note', expectedFiles: ['a.txt'] },
            { title: 'Send it', tool: 'send_message' },
          ]),
        ],
      },
    });
    const { replies } = await h.send('announce the launch');
    expect(replies.at(-1)!.text).toContain('send_message: add the messaging key in Settings › Integrations.');
    expect(h.world.executions).toEqual([]);
    expect(h.provider.requests.some((r) => r.role === 'employee')).toBe(false);
    expect(h.events.filter(is('task.updated')).at(-1)!.task.status).toBe('failed');
  });

  it('deleting the conversation cancels a task that was waiting for an answer in it', async () => {
    h = await createHarness({
      script: {
        rules: [complexIntent, planRule('Menu', [{ title: 'Write the menu', tool: 'write_note' }]), employeeCalls('ask_user', { question: 'Which dishes?' }), passReview],
      },
    });
    const { conversationId } = await h.send('make a menu');
    const asked = await h.waitFor(is('clarification.requested'));
    await h.waitForTask(asked.taskId!, ['waiting_clarification']);
    await h.core.request('conversations.delete', { id: conversationId });
    expect((await h.waitForTask(asked.taskId!, ['cancelled'])).conversationId).toBeNull();
  });

  it('runs at most maxConcurrentTasks background tasks at once; the rest wait in the queue', async () => {
    h = await createHarness({
      settings: { agent: { maxConcurrentTasks: 1 } },
      tools: (world) => [...standardTestTools(world), heldTool(world)],
      script: {
        rules: [
          complexIntent,
          { match: { role: 'manager', lastUser: 'first' }, response: { type: 'json', value: { question: null, title: 'First job', summary: '', steps: [{ title: 'Run A', tool: 'long_job', instructions: 'run', expectedOutput: 'done', expectedFiles: [], estimateSeconds: 5 }] } } },
          { match: { role: 'manager', lastUser: 'second' }, response: { type: 'json', value: { question: null, title: 'Second job', summary: '', steps: [{ title: 'Run B', tool: 'long_job', instructions: 'run', expectedOutput: 'done', expectedFiles: [], estimateSeconds: 5 }] } } },
          { match: { role: 'employee', call: 'chat', lastUser: 'Run A' }, response: { type: 'toolCalls', toolCalls: [{ name: 'long_job', arguments: { label: 'A' } }] }, times: 1 },
          { match: { role: 'employee', call: 'chat', lastUser: 'Run B' }, response: { type: 'toolCalls', toolCalls: [{ name: 'long_job', arguments: { label: 'B' } }] }, times: 1 },
          { match: { role: 'employee', call: 'chat' }, response: { type: 'text', text: 'Done.' } },
          passReview,
        ],
      },
    });
    const world = h.world as typeof h.world & { releases?: (() => void)[] };
    await h.send('first job please');
    await h.waitFor((e) => e.type === 'task.updated' && e.task.title === 'First job' && e.task.status === 'running');
    await waitUntil(() => world.executions.includes('long_job:A:start'));
    await h.send('second job please');
    const second = h.events.filter(is('task.updated')).find((e) => e.task.title === 'Second job')!.task.id;
    expect((await h.waitForTask(second, ['queued'])).status).toBe('queued');
    expect(world.executions).toEqual(['long_job:A:start']);

    world.releases!.shift()!();
    await waitUntil(() => world.executions.includes('long_job:B:start'));
    expect(world.executions.slice(0, 3)).toEqual(['long_job:A:start', 'long_job:A:end', 'long_job:B:start']);
    world.releases!.shift()!();
    expect((await h.waitForTask(second, ['succeeded', 'failed'])).status).toBe('succeeded');
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}
