import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactListSchema } from '../../../src-preload/schemas/artifacts.js';
import { AgentTaskStore } from '../../../src-main/core/agent/tasks/agent-task-store.js';
import { newTaskState } from '../../../src-main/core/agent/tasks/task-state.js';
import { MAX_LISTED_FILES } from '../../../src-main/core/artifacts/list-files.js';
import { artifactHandlers } from '../../../src-main/core/api/handlers/artifacts.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

let t: TestCore;
const ctx = { actor: 'ui' };
const list = (input: { taskId?: string }) => artifactHandlers['artifacts.list'].run(input, { core: t.core }, ctx);
const workspace = () => t.core.paths.workspaceDir;

function planTask(): string {
  const store = new AgentTaskStore(t.core.db, t.core.events, t.core.clock);
  const state = newTaskState({ kind: 'plan', request: 'Write the report', provenance: { source: 'user', detail: null } });
  return store.create({ conversationId: null, title: 'Report', status: 'running', state }).id;
}

beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => {
  await t.dispose();
});

describe('artifacts.list', () => {
  it("lists a task's files with size, time and preview kind, sorted, without Steward's private folder", async () => {
    const taskId = planTask();
    const folder = path.join(workspace(), 'tasks', taskId);
    mkdirSync(path.join(folder, 'docs'), { recursive: true });
    mkdirSync(path.join(folder, '.steward', 'backups'), { recursive: true });
    writeFileSync(path.join(folder, 'docs', 'report.docx'), 'PK fake');
    writeFileSync(path.join(folder, 'budget.xlsx'), 'PK fake');
    writeFileSync(path.join(folder, 'app.ts'), 'export const x = 1;\n');
    writeFileSync(path.join(folder, 'NOTES'), 'plain words without an extension');
    writeFileSync(path.join(folder, 'blob.bin'), Buffer.from([1, 0, 2, 0]));
    writeFileSync(path.join(folder, 'screenshots-home.png'), Buffer.from('89504e47', 'hex'));
    writeFileSync(path.join(folder, '.steward', 'backups', 'old.txt'), 'backup');
    // Files elsewhere in the workspace are not this task's outputs.
    writeFileSync(path.join(workspace(), 'unrelated.txt'), 'other');

    const result = ArtifactListSchema.parse(await list({ taskId }));
    expect(result.truncated).toBe(false);
    expect(result.files.map((f) => [f.path, f.preview])).toEqual([
      ['NOTES', 'text'],
      ['app.ts', 'text'],
      ['blob.bin', null],
      ['budget.xlsx', 'table'],
      ['docs/report.docx', 'html'],
      ['screenshots-home.png', 'image'],
    ]);
    const code = result.files.find((f) => f.path === 'app.ts')!;
    expect(code.size).toBe(20);
    expect(Number.isNaN(Date.parse(code.modifiedAt))).toBe(false);
  });

  it('lists a task that has written nothing as empty, and the whole workspace without a task id', async () => {
    expect(await list({ taskId: planTask() })).toEqual({ files: [], truncated: false });
    const all = await list({});
    expect(all.files.map((f) => f.path)).toContain('unrelated.txt');
  });

  it('never follows a link out of the workspace, as a folder or as a file', async () => {
    const outside = tempDir('steward-outside-');
    writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
    const taskId = planTask();
    const folder = path.join(workspace(), 'tasks', taskId);
    mkdirSync(folder, { recursive: true });
    symlinkSync(outside, path.join(folder, 'escape'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(folder, 'secret-link.txt'));
    writeFileSync(path.join(folder, 'own.txt'), 'mine');
    const result = await list({ taskId });
    expect(result.files.map((f) => f.path)).toEqual(['own.txt']);
  });

  it('stops at the cap and says so', async () => {
    const taskId = planTask();
    const folder = path.join(workspace(), 'tasks', taskId);
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < MAX_LISTED_FILES + 5; i++) writeFileSync(path.join(folder, `f${String(i).padStart(4, '0')}.txt`), 'x');
    const result = await list({ taskId });
    expect(result.truncated).toBe(true);
    expect(result.files).toHaveLength(MAX_LISTED_FILES);
    expect(result.files[0]!.path).toBe('f0000.txt');
  });

  it('is reachable through the dispatcher and refuses an unknown task or a bad id with a clear message', async () => {
    await expect(t.core.call('artifacts.list', { taskId: 'no-such-task' }, ctx)).rejects.toMatchObject({ code: 'not_found' });
    await expect(t.core.call('artifacts.list', { taskId: 7 }, ctx)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
