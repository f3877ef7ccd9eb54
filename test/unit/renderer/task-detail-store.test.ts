import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentTaskStore } from '../../../src-main/core/agent/tasks/agent-task-store.js';
import { newTaskState } from '../../../src-main/core/agent/tasks/task-state.js';
import { createTaskDetailStore, isTaskActive, iterationLabel, taskCost, type TaskDetailStore } from '../../../src-renderer/state/task-detail-store.js';
import type { TestCore } from '../../helpers/test-core.js';
import { useFreshCore } from './support/fresh-core.js';
import type { InProcessApi } from './support/in-process-api.js';

let t: TestCore;
let api: InProcessApi;
let tasks: AgentTaskStore;

useFreshCore((core, inProcess) => {
  t = core;
  api = inProcess;
  tasks = new AgentTaskStore(t.core.db, t.core.events, t.core.clock);
});

function plannedTask(): string {
  const state = newTaskState({ kind: 'plan', request: 'Prepare the quarterly report', provenance: { source: 'user', detail: null } });
  state.plan = { title: 'Quarterly report', summary: 'Write it, then the budget', steps: [] };
  const task = tasks.create({ conversationId: null, title: 'Quarterly report', status: 'running', state });
  tasks.insertSteps(task.id, [
    { title: 'Write the report', tool: 'documents.docx', instructions: 'write', expectedOutput: 'a report', expectedFiles: ['report.docx'], estimateSeconds: 30 },
    { title: 'Build the budget', tool: 'documents.xlsx', instructions: 'sheet', expectedOutput: 'a sheet', expectedFiles: ['budget.xlsx'], estimateSeconds: 20 },
  ]);
  return task.id;
}

/** Resolves when the store has settled on something other than loading. */
async function loaded(store: TaskDetailStore): Promise<void> {
  await store.getState().load();
}

function connect(store: TaskDetailStore): () => void {
  return api.onEvent((event) => store.getState().applyEvent(event));
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('task detail store', () => {
  it('loads the task, its plan and steps, and the files in its folder', async () => {
    const id = plannedTask();
    const folder = path.join(t.core.paths.workspaceDir, 'tasks', id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'report.docx'), 'PK');
    const store = createTaskDetailStore(api, id);
    expect(store.getState().status).toBe('loading');
    await loaded(store);
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.task).toMatchObject({ id, title: 'Quarterly report', status: 'running' });
    expect(s.detail).toMatchObject({ request: 'Prepare the quarterly report', plan: { title: 'Quarterly report', summary: 'Write it, then the budget' } });
    expect(s.detail?.steps.map((step) => [step.title, step.status])).toEqual([
      ['Write the report', 'pending'],
      ['Build the budget', 'pending'],
    ]);
    expect(s.files?.files.map((f) => [f.path, f.preview])).toEqual([['report.docx', 'html']]);
    expect(s.pendingApprovals).toEqual([]);
  });

  it('says a task does not exist (not a generic error) and keeps Retry meaningful', async () => {
    const store = createTaskDetailStore(api, 'no-such-task');
    await loaded(store);
    expect(store.getState()).toMatchObject({ status: 'not-found', task: null });
    expect(store.getState().error).toMatch(/not found/i);
  });

  it('shows a failed request as an error and recovers on retry', async () => {
    const id = plannedTask();
    api.setConnection('closed');
    const broken = createTaskDetailStore({ ...api, call: () => Promise.reject(new Error('socket closed')) }, id);
    await loaded(broken);
    expect(broken.getState().status).toBe('error');
    expect(broken.getState().error).toMatch(/socket closed/);
    api.setConnection('open');
    const store = createTaskDetailStore(api, id);
    await loaded(store);
    expect(store.getState().status).toBe('ready');
  });

  it('follows the live task: progress, step status and files appear without reloading the view', async () => {
    const id = plannedTask();
    const store = createTaskDetailStore(api, id);
    await loaded(store);
    const stop = connect(store);
    try {
      tasks.updateStep(id, 0, { status: 'running', started: true });
      tasks.progress({ taskId: id, step: 1, total: 2, label: 'Write the report', etaSeconds: 40 });
      expect(store.getState().progress).toEqual({ step: 1, total: 2, label: 'Write the report', etaSeconds: 40 });
      await until(() => store.getState().detail?.steps[0]?.status === 'running');

      const folder = path.join(t.core.paths.workspaceDir, 'tasks', id);
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'budget.xlsx'), 'PK');
      tasks.update(id, { status: 'succeeded', step: 2, totalSteps: 2 });
      await until(() => store.getState().task?.status === 'succeeded');
      // A finished task has no progress line, and its files are listed.
      expect(store.getState().progress).toBeNull();
      await until(() => store.getState().files?.files.some((f) => f.path === 'budget.xlsx') === true);
    } finally {
      stop();
    }
  });

  it("ignores other tasks' events", async () => {
    const id = plannedTask();
    const other = plannedTask();
    const store = createTaskDetailStore(api, id);
    await loaded(store);
    const stop = connect(store);
    tasks.progress({ taskId: other, step: 2, total: 2, label: 'Build the budget', etaSeconds: 5 });
    tasks.update(other, { status: 'failed' });
    stop();
    expect(store.getState().progress).toBeNull();
    expect(store.getState().task?.status).toBe('running');
  });

  it('cancels the task through tasks.cancel and shows the cancelled state', async () => {
    const id = plannedTask();
    const store = createTaskDetailStore(api, id);
    await loaded(store);
    await store.getState().cancel();
    expect(store.getState().cancelError).toBeNull();
    expect(store.getState().task?.status).toBe('cancelled');
    expect(isTaskActive(store.getState().task)).toBe(false);
    expect(api.calls).toContain('tasks.cancel');
  });
});

describe('task cost and iterations', () => {
  it('adds up tool call costs per service, counting unpriced calls as free', () => {
    const call = (tool: string, costUsd: number | null) => ({ tool, status: 'succeeded', approver: null, costUsd, error: null, createdAt: '2026-01-01T00:00:00Z' });
    const cost = taskCost([call('email.send', 0.01), call('documents.docx', null), call('email.send', 0.02), call('stripe.charge', 0.5)]);
    expect(cost.totalUsd).toBeCloseTo(0.53, 6);
    expect(cost.byService.map((l) => [l.service, Number(l.usd.toFixed(4)), l.calls])).toEqual([
      ['stripe', 0.5, 1],
      ['email', 0.03, 2],
      ['documents', 0, 1],
    ]);
    expect(taskCost([])).toEqual({ totalUsd: 0, byService: [] });
  });

  it('words a second try the way the chat announces it', () => {
    expect(iterationLabel(0, 3)).toBeNull();
    expect(iterationLabel(1, 3)).toBe('Iteration 2/3: refining based on feedback');
    expect(iterationLabel(2, 3)).toBe('Iteration 3/3: refining based on feedback');
  });
});
