/**
 * Knowledge passages in a task, through the real agent: the passages recalled when the Manager
 * plans are kept with the task and given to the Employee with its step, numbered and wrapped as
 * untrusted data from their file; the finished result links each [n] the work cites and lists it
 * under Sources — the same links a chat reply gets — and tasks.sources gives the task's card and
 * details those passages (none for a task that used none; a missing task is named).
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toErrorPayload } from '../../../src-main/core/errors.js';
import { memoryWithKnowledge } from '../../../src-main/core/knowledge/knowledge-context.js';
import { ScriptedProvider, type ScriptRule } from '../../../src-main/core/llm/scripted-provider.js';
import { tempDir } from '../../helpers/test-core.js';
import { createHarness, is, type Harness } from '../agent/support/agent-harness.js';
import { complexIntent, employeeSays, passReview, planRule } from '../agent/support/plan-scripts.js';

const POLL = { timeout: 20_000, interval: 100 };
let h: Harness;
let docs: string;

beforeEach(() => {
  docs = tempDir('steward-knowledge-task-');
  writeFileSync(path.join(docs, 'handbook.md'), '# Handbook\n\n## Parental leave\n\nEvery parent gets 20 weeks of paid parental leave.\n');
  writeFileSync(path.join(docs, 'holidays.md'), '# Holidays\n\nHoliday leave is 25 days a year, agreed with your manager.\n');
});
afterEach(async () => {
  await h?.dispose();
  rmSync(docs, { recursive: true, force: true });
});

async function withFolder(rules: ScriptRule[]): Promise<void> {
  h = await createHarness({ provider: new ScriptedProvider({ rules }), memoryFor: (core) => memoryWithKnowledge(core.memory, core.knowledge, core.log) });
  const folder = await h.core.request('knowledge.folders.add', { path: docs });
  await expect.poll(async () => (await h.core.request('knowledge.files.list', { folderId: folder.id, state: 'indexed' })).length, POLL).toBe(2);
}

async function finishedTask(request: string): Promise<{ taskId: string; conversationId: string }> {
  const { conversationId } = await h.send(request);
  const taskId = h.events.filter(is('task.updated'))[0]!.task.id;
  const task = await h.waitForTask(taskId, ['succeeded', 'failed'], 20_000);
  expect(task.status).toBe('succeeded');
  return { taskId, conversationId };
}

describe('knowledge in a task', () => {
  it('gives the Employee the passages the plan was made from, and the result cites and lists the one it used', async () => {
    await withFolder([complexIntent, planRule('Leave summary', [{ title: 'Summarise the parental leave policy', tool: null }]), employeeSays('Parents get 20 weeks of paid leave [1].'), passReview]);
    const { taskId, conversationId } = await finishedTask('Write a summary of our parental leave policy for the team');

    // The Employee's step brief holds the numbered passages, as untrusted data from their file.
    const brief = h.provider.requests.find((r) => r.role === 'employee')!.messages[1]!.content;
    const handbook = path.join(docs, 'handbook.md');
    expect(brief).toContain('cite the ones you use as [1], [2]');
    // The best match (all three words of the request that the folder holds) is [1].
    expect(brief).toContain('[1] handbook.md › Parental leave, lines 3–5');
    expect(brief).toContain(`source="file: the file ${handbook}">>\n## Parental leave\n\nEvery parent gets 20 weeks`);

    // The finished result: [n] links to the passage and Sources lists only the cited passage.
    const [passage] = await h.core.request('knowledge.search', { query: 'parental leave' });
    const href = `#/knowledge?passage=${passage!.id}`;
    const label = 'handbook.md › Parental leave, lines 3–5';
    const result = h.messages(conversationId).find((m) => m.text.startsWith('Finished: Leave summary'))!;
    expect(result.text).toContain(`Parents get 20 weeks of paid leave [[1]](${href}).`);
    // The step's report links it too.
    expect(h.messages(conversationId).find((m) => m.text.startsWith('Step 1/1 done'))!.text).toContain(`[[1]](${href})`);
    expect(result.text.endsWith(`\n\nSources: [1] [${label}](${href})`)).toBe(true);

    // The task's card and details list the same source, which opens at its passage.
    expect(await h.core.request('tasks.sources', { id: taskId })).toEqual([{ n: 1, passageId: passage!.id, label }]);
    const view = await h.core.request('knowledge.passage', { id: passage!.id });
    expect(view.lines.filter((l) => l.number >= 3 && l.number <= 5).map((l) => l.text)).toEqual(['## Parental leave', '', 'Every parent gets 20 weeks of paid parental leave.']);
  });

  it('lists every passage the work was given when the result cites none, and none for a task that used no knowledge', async () => {
    await withFolder([complexIntent, planRule('Leave note', [{ title: 'Write a note about leave', tool: null }]), employeeSays('A note about leave is written.'), employeeSays('A note about zebras is written.'), passReview]);
    const used = await finishedTask('Write a note about parental leave and holiday leave');
    const sources = await h.core.request('tasks.sources', { id: used.taskId });
    expect(sources.map((s) => s.label).sort()).toEqual(['handbook.md › Parental leave, lines 3–5', 'holidays.md › Holidays, lines 1–3']);
    const result = h.messages(used.conversationId).find((m) => m.text.startsWith('Finished: Leave note'))!;
    expect(result.text).toMatch(/\n\nSources: \[1\] \[.+\]\(#\/knowledge\?passage=\d+\) · \[2\] \[.+\]\(#\/knowledge\?passage=\d+\)$/);

    // Nothing in the folders matches: no passages, no Sources line, no sources.
    const since = h.events.length;
    await h.send('Write a note about the quarterly zebra count');
    const other = h.events.slice(since).filter(is('task.updated')).find((e) => e.task.id !== used.taskId)!.task.id;
    const done = await h.waitForTask(other, ['succeeded', 'failed'], 20_000);
    expect(done.status).toBe('succeeded');
    expect(await h.core.request('tasks.sources', { id: other })).toEqual([]);
    const brief = h.provider.requests.filter((r) => r.role === 'employee').at(-1)!.messages[1]!.content;
    expect(brief).not.toContain('knowledge folders');

    const missing = await h.core.request('tasks.sources', { id: 'no-such-task' }).then(() => null, (err: unknown) => toErrorPayload(err));
    expect(missing).toMatchObject({ code: 'not_found', message: expect.stringContaining('Task "no-such-task" was not found') });
  });
});
