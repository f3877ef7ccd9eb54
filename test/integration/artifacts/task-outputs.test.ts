/**
 * A finished task's card shows only what that task produced (issue 17: the welcome.docx card
 * listed notes/approved.md from another conversation). A single-action task writes into the shared
 * workspace, so its outputs are the files its own succeeded tool calls reported; a plan task's
 * folder is all its own. Real core, real SQLite, real files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentTaskStore } from '../../../src-main/core/agent/tasks/agent-task-store.js';
import { newTaskState } from '../../../src-main/core/agent/tasks/task-state.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';

let t: TestCore;
const ctx = { actor: 'ui' };

function task(kind: 'plan' | 'action', request: string): string {
  const store = new AgentTaskStore(t.core.db, t.core.events, t.core.clock);
  return store.create({ conversationId: null, title: request, status: 'succeeded', state: newTaskState({ kind, request, provenance: { source: 'user', detail: null } }) }).id;
}

let seq = 0;
function recordCall(taskId: string, status: string, artifacts: string[]): void {
  seq += 1;
  t.core.db.raw
    .prepare('INSERT INTO tool_calls (id, task_id, conversation_id, call_key, tool, args_json, status, result_json, created_at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)')
    .run(`call-${seq}`, taskId, `c${seq}`, 'documents.docx', '{}', status, JSON.stringify({ output: null, summary: 'x', artifacts: artifacts.map((p) => ({ kind: 'document', path: p, mime: null, title: p })) }), new Date().toISOString());
}

beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => {
  await t.dispose();
});

describe("a task's outputs", () => {
  it('a single-action task lists only the files its own calls wrote, not the rest of the shared workspace', async () => {
    const workspace = t.core.paths.workspaceDir;
    mkdirSync(path.join(workspace, 'notes'), { recursive: true });
    mkdirSync(path.join(workspace, 'documents'), { recursive: true });
    writeFileSync(path.join(workspace, 'notes', 'approved.md'), 'from another conversation');
    writeFileSync(path.join(workspace, 'documents', 'welcome.docx'), 'PK fake');
    writeFileSync(path.join(workspace, 'documents', 'draft.docx'), 'PK fake');

    const welcome = task('action', 'Write a welcome letter to Dana as welcome.docx');
    recordCall(welcome, 'succeeded', ['documents/welcome.docx']);
    // A rejected call wrote nothing, whatever it would have written.
    recordCall(welcome, 'rejected', ['documents/draft.docx']);
    const notes = task('action', 'Save the approved note');
    recordCall(notes, 'succeeded', ['notes/approved.md']);

    const card = await t.core.call('artifacts.list', { taskId: welcome }, ctx);
    expect(card.files.map((f) => f.path)).toEqual(['documents/welcome.docx']);
    expect((await t.core.call('artifacts.list', { taskId: notes }, ctx)).files.map((f) => f.path)).toEqual(['notes/approved.md']);
    // The workspace itself (no task) still lists everything.
    expect((await t.core.call('artifacts.list', {}, ctx)).files.map((f) => f.path)).toEqual(['documents/draft.docx', 'documents/welcome.docx', 'notes/approved.md']);
  });

  it("a plan task lists everything in its own folder", async () => {
    const plan = task('plan', 'Write the report');
    const folder = path.join(t.core.paths.workspaceDir, 'tasks', plan);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'report.md'), '# Report');
    expect((await t.core.call('artifacts.list', { taskId: plan }, ctx)).files.map((f) => f.path)).toEqual(['report.md']);
  });
});
