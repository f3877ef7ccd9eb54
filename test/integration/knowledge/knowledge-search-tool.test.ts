/**
 * knowledge.search as a step's tool, through the real agent: the Employee searches the user's
 * documents during a task; the passages come back numbered and wrapped as untrusted text from
 * their file, join the task's citations, and the finished result links and lists the one it used
 * — also when the plan itself recalled none. A search that finds nothing says so.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryWithKnowledge } from '../../../src-main/core/knowledge/knowledge-context.js';
import { ScriptedProvider, type ScriptRule } from '../../../src-main/core/llm/scripted-provider.js';
import { createKnowledgeSearchTool } from '../../../src-main/core/tools/builtin/knowledge/knowledge-search.js';
import { summarise } from '../../../src-main/core/tools/tool-runner.js';
import { tempDir } from '../../helpers/test-core.js';
import { createHarness, is, type Harness } from '../agent/support/agent-harness.js';
import { complexIntent, employeeCalls, employeeSays, passReview, planRule } from '../agent/support/plan-scripts.js';
import { standardTestTools } from '../agent/support/test-tools.js';

const POLL = { timeout: 20_000, interval: 100 };
let h: Harness;
let docs: string;

beforeEach(() => {
  docs = tempDir('steward-knowledge-tool-');
  writeFileSync(path.join(docs, 'handbook.md'), '# Handbook\n\n## Parental leave\n\nEvery parent gets 20 weeks of paid parental leave.\n');
});
afterEach(async () => {
  await h?.dispose();
  rmSync(docs, { recursive: true, force: true });
});

async function run(rules: ScriptRule[], request: string): Promise<{ taskId: string; conversationId: string }> {
  h = await createHarness({
    provider: new ScriptedProvider({ rules }),
    tools: (world) => [...standardTestTools(world), createKnowledgeSearchTool((query, limit) => h.core.knowledge.search(query, limit))],
    memoryFor: (core) => memoryWithKnowledge(core.memory, core.knowledge, core.log),
  });
  const folder = await h.core.request('knowledge.folders.add', { path: docs });
  await expect.poll(async () => (await h.core.request('knowledge.files.list', { folderId: folder.id, state: 'indexed' })).length, POLL).toBe(1);
  const { conversationId } = await h.send(request);
  const taskId = h.events.filter(is('task.updated'))[0]!.task.id;
  expect((await h.waitForTask(taskId, ['succeeded', 'failed'], 20_000)).status).toBe('succeeded');
  return { taskId, conversationId };
}

const searchPlan = planRule('Family briefing', [{ title: 'Look up the leave rules', tool: 'knowledge.search' }]);

describe('knowledge.search in a task step', () => {
  it('numbers what it finds for citation, and the result links and lists the passage it used', async () => {
    const { taskId, conversationId } = await run(
      [complexIntent, searchPlan, employeeCalls('knowledge_search', { query: 'parental leave' }), employeeSays('Parents get 20 weeks of paid leave [1].'), passReview],
      'Prepare a briefing about family policies',
    );
    // The plan was made from nothing in the folders: the citation comes from the step's search.
    expect(h.provider.requests.find((r) => r.role === 'manager')!.messages[0]!.content).not.toContain('Passages from the user');
    const toolResult = h.provider.requests.filter((r) => r.role === 'employee').at(-1)!.messages.find((m) => m.role === 'tool')!.content;
    const handbook = path.join(docs, 'handbook.md');
    expect(toolResult).toContain('[1] handbook.md › Parental leave, lines 3–5');
    expect(toolResult).toContain(`source="file: the file ${handbook}">>\n## Parental leave\n\nEvery parent gets 20 weeks`);

    const [passage] = await h.core.request('knowledge.search', { query: 'parental leave' });
    const href = `#/knowledge?passage=${passage!.id}`;
    const result = h.messages(conversationId).find((m) => m.text.startsWith('Finished: Family briefing'))!;
    expect(result.text).toContain(`Parents get 20 weeks of paid leave [[1]](${href}).`);
    expect(result.text.endsWith(`\n\nSources: [1] [handbook.md › Parental leave, lines 3–5](${href})`)).toBe(true);
    expect(await h.core.request('tasks.sources', { id: taskId })).toEqual([{ n: 1, passageId: passage!.id, label: 'handbook.md › Parental leave, lines 3–5' }]);
    expect(h.core.audit.list().some((a) => a.action === 'tool:knowledge.search' && a.result === 'ok')).toBe(true);
  });

  it('reads as words on cards and in Settings, and refuses an empty query, naming it', () => {
    const tool = createKnowledgeSearchTool(async () => []);
    expect([tool.title, tool.userDescription, tool.sideEffect, tool.defaultPermission]).toEqual(['Search your documents', 'Finds passages in your knowledge folders (Knowledge screen).', 'none', 'always']);
    expect(summarise(tool, { query: 'parental leave' })).toBe('Search your documents for “parental leave”');
    const empty = tool.parameters.safeParse({ query: '  ' });
    expect(empty.success ? null : empty.error.issues[0]).toMatchObject({ path: ['query'], message: 'is empty — give the words to look for' });
  });

  it('a search that finds nothing says so, and the result has no sources', async () => {
    const { taskId } = await run(
      [complexIntent, searchPlan, employeeCalls('knowledge_search', { query: 'zebra migration' }), employeeSays('Nothing in the documents covers it.'), passReview],
      'Prepare a briefing about family policies',
    );
    const toolResult = h.provider.requests.filter((r) => r.role === 'employee').at(-1)!.messages.find((m) => m.role === 'tool')!.content;
    expect(toolResult).toBe('No passage in the user’s knowledge folders matches “zebra migration”.');
    expect(await h.core.request('tasks.sources', { id: taskId })).toEqual([]);
  });
});
