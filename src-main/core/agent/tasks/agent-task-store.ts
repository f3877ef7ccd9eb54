import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { TERMINAL_TASK_STATUSES, type Task, type TaskStatus } from '../../../../src-preload/contract.js';
import { NotFoundError, StewardError } from '../../errors.js';
import type { EventBus } from '../../events.js';
import type { Clock } from '../../ports.js';
import type { StewardDatabase } from '../../store/database.js';
import type { SqliteDatabase } from '../../store/sqlite.js';
import { UpdateSet } from '../../store/update-set.js';
import { parseOrThrow } from '../../validation.js';
import { StepStateSchema, TaskStateSchema, type PlanStep, type StepState, type TaskState } from './task-state.js';

export const ACTIVE_STATUSES: readonly TaskStatus[] = ['queued', 'running', 'waiting_approval', 'waiting_clarification'];
export const TERMINAL_STATUSES = TERMINAL_TASK_STATUSES;

export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'interrupted';

/** One step's columns, mapped once for the task runner (steps) and the task view (artifacts/task-steps.ts). */
export interface StepFields {
  taskId: string;
  idx: number;
  title: string;
  tool: string | null;
  status: StepStatus;
  iteration: number;
  estimateSeconds: number;
  durationSeconds: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** The step's saved state as stored (JSON text); each reader decides how to treat a damaged one. */
  stateJson: string;
}

export interface StepRecord extends Omit<StepFields, 'stateJson'> {
  state: StepState;
}

interface StepRow {
  task_id: string;
  idx: number;
  title: string;
  tool: string | null;
  status: StepStatus;
  iteration: number;
  estimate_seconds: number;
  duration_seconds: number | null;
  state_json: string;
  started_at: string | null;
  finished_at: string | null;
}

interface TaskRow {
  id: string;
  conversation_id: string | null;
  title: string;
  status: TaskStatus;
  step: number;
  total_steps: number;
  summary: string | null;
  created_at: string;
  updated_at: string;
}

function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    title: row.title,
    status: row.status,
    step: row.step,
    totalSteps: row.total_steps,
    summary: row.summary,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The folder a task's tools work in. Quick actions work in the shared workspace (files the user
 * refers to by name); a planned task gets its own folder under workspace/tasks/<id>.
 */
export function taskWorkspaceFolder(workspaceDir: string, taskId: string, kind: unknown): string {
  // The id is a database key, but it still becomes a folder name: keep it to one plain segment.
  return kind === 'plan' && /^[A-Za-z0-9_-]+$/.test(taskId) ? path.join(workspaceDir, 'tasks', taskId) : workspaceDir;
}

/** The steps of a task in order, their columns mapped; the state stays raw JSON for the caller to read. */
export function readStepFields(db: SqliteDatabase, taskId: string): StepFields[] {
  const rows = db.prepare('SELECT * FROM task_steps WHERE task_id = ? ORDER BY idx').all(taskId) as StepRow[];
  return rows.map((row) => ({
    taskId: row.task_id,
    idx: row.idx,
    title: row.title,
    tool: row.tool,
    status: row.status,
    iteration: row.iteration,
    estimateSeconds: row.estimate_seconds,
    durationSeconds: row.duration_seconds,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    stateJson: row.state_json,
  }));
}

export class TaskStateDamagedError extends StewardError {
  constructor(taskId: string) {
    super('internal', `The saved state of task ${taskId} could not be read, so it was stopped rather than continued on guesses. Start the task again.`);
  }
}

/**
 * The one store of tasks and their steps: the agent writes them, the task list and view read them.
 * Each change is committed before its task.updated event, so every host sees only what a restart
 * would also see.
 */
export class AgentTaskStore {
  constructor(
    private readonly db: StewardDatabase,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  create(input: { conversationId: string | null; title: string; status: TaskStatus; state: TaskState }): Task {
    const id = randomUUID();
    return this.commit(() => {
      const at = this.now();
      this.db.raw
        .prepare('INSERT INTO tasks (id, conversation_id, title, status, step, total_steps, state_json, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)')
        .run(id, input.conversationId, input.title.slice(0, 200), input.status, input.state.kind === 'action' ? 1 : 0, JSON.stringify(input.state), at, at);
      return id;
    });
  }

  get(id: string): Task {
    const row = this.db.raw.prepare('SELECT * FROM tasks WHERE id = ?').get(id) as TaskRow | undefined;
    if (!row) throw new NotFoundError('Task', id);
    return toTask(row);
  }

  list(options: { status?: TaskStatus; conversationId?: string; limit?: number } = {}): Task[] {
    const rows = this.db.raw
      .prepare(
        `SELECT * FROM tasks WHERE (@status IS NULL OR status = @status) AND (@conversationId IS NULL OR conversation_id = @conversationId)
         ORDER BY updated_at DESC, rowid DESC LIMIT @limit`,
      )
      .all({ status: options.status ?? null, conversationId: options.conversationId ?? null, limit: options.limit ?? 100 }) as TaskRow[];
    return rows.map(toTask);
  }

  state(id: string): TaskState {
    const row = this.db.raw.prepare('SELECT state_json FROM tasks WHERE id = ?').get(id) as { state_json: string | null } | undefined;
    try {
      return parseOrThrow(TaskStateSchema, JSON.parse(row?.state_json ?? 'null'), 'task state');
    } catch {
      throw new TaskStateDamagedError(id);
    }
  }

  update(id: string, patch: { status?: TaskStatus; title?: string; step?: number; totalSteps?: number; summary?: string | null; state?: TaskState }): Task {
    return this.commit(() => {
      const sets = ['updated_at = @at'];
      if (patch.status !== undefined) sets.push('status = @status');
      if (patch.title !== undefined) sets.push('title = @title');
      if (patch.step !== undefined) sets.push('step = @step');
      if (patch.totalSteps !== undefined) sets.push('total_steps = @totalSteps');
      if (patch.summary !== undefined) sets.push('summary = @summary');
      if (patch.state !== undefined) sets.push('state_json = @state');
      this.db.raw.prepare(`UPDATE tasks SET ${sets.join(', ')} WHERE id = @id`).run({
        id,
        at: this.now(),
        status: patch.status ?? null,
        title: patch.title?.slice(0, 200) ?? null,
        step: patch.step ?? null,
        totalSteps: patch.totalSteps ?? null,
        summary: patch.summary ?? null,
        state: patch.state ? JSON.stringify(patch.state) : null,
      });
      return id;
    });
  }

  /** Saves state without telling hosts (internal progress such as a transcript line). */
  saveState(id: string, state: TaskState): void {
    this.db.raw.prepare('UPDATE tasks SET state_json = ? WHERE id = ?').run(JSON.stringify(state), id);
  }

  active(): Task[] {
    const placeholders = ACTIVE_STATUSES.map(() => '?').join(', ');
    const ids = this.db.raw.prepare(`SELECT id FROM tasks WHERE status IN (${placeholders}) ORDER BY created_at, rowid`).all(...ACTIVE_STATUSES) as { id: string }[];
    return ids.map(({ id }) => this.get(id));
  }

  insertSteps(taskId: string, steps: readonly PlanStep[]): void {
    const insert = this.db.raw.prepare("INSERT INTO task_steps (task_id, idx, title, tool, status, estimate_seconds, state_json) VALUES (?, ?, ?, ?, 'pending', ?, ?)");
    this.db.transaction(() => {
      this.db.raw.prepare('DELETE FROM task_steps WHERE task_id = ?').run(taskId);
      steps.forEach((step, idx) => insert.run(taskId, idx, step.title, step.tool, step.estimateSeconds, JSON.stringify(StepStateSchema.parse({}))));
    });
  }

  /** The steps to run or resume: a damaged step state stops the task rather than letting it continue on guesses. */
  steps(taskId: string): StepRecord[] {
    return readStepFields(this.db.raw, taskId).map(({ stateJson, ...fields }) => {
      let state: StepState;
      try {
        state = StepStateSchema.parse(JSON.parse(stateJson));
      } catch {
        throw new TaskStateDamagedError(taskId);
      }
      return { ...fields, state };
    });
  }

  updateStep(taskId: string, idx: number, patch: { status?: StepStatus; iteration?: number; durationSeconds?: number; state?: StepState; started?: boolean; finished?: boolean }): void {
    const update = new UpdateSet()
      .put('status', patch.status)
      .put('iteration', patch.iteration)
      .put('duration_seconds', patch.durationSeconds)
      .put('state_json', patch.state === undefined ? undefined : JSON.stringify(patch.state));
    if (patch.started) update.assign('started_at = COALESCE(started_at, ?)', this.now());
    if (patch.finished) update.put('finished_at', this.now());
    if (update.empty) return;
    this.db.raw.prepare(`UPDATE task_steps SET ${update.sql} WHERE task_id = ? AND idx = ?`).run(...update.values, taskId, idx);
  }

  progress(event: { taskId: string; step: number; total: number; label: string; etaSeconds: number | null }): void {
    this.events.emit({ type: 'task.progress', ...event });
  }

  private commit(fn: () => string): Task {
    return this.events.deferWhile(() =>
      this.db.transaction(() => {
        const id = fn();
        const task = this.get(id);
        this.events.emit({ type: 'task.updated', task });
        return task;
      }),
    );
  }
}
