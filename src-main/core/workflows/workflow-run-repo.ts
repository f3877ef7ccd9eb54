/**
 * Workflow runs in SQLite, step by step. Every change is one committed statement (or one
 * transaction), made before anything that depends on it happens, so after a kill -9 the rows say
 * exactly how far the run got (DESIGN §4.3).
 */
import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { Provenance } from '../tools/provenance.js';
import type { Route, WorkflowDefinition } from './workflow-definition.js';

export type RunStatus = 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type StepStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'interrupted' | 'compensated';
export type StartedVia = 'ui' | 'chat' | 'schedule' | 'api';

export interface WorkflowRun {
  id: string;
  workflowId: string;
  version: number;
  title: string;
  definition: WorkflowDefinition;
  inputs: Record<string, unknown>;
  provenance: Provenance;
  startedBy: string | null;
  startedVia: StartedVia;
  status: RunStatus;
  detail: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface StepState {
  stepId: string;
  status: StepStatus;
  attempt: number;
  output: unknown;
  summary: string | null;
  error: string | null;
  waitingFor: string | null;
  wakeAt: string | null;
  decidedBy: string | null;
  comment: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface WorkflowRequest {
  id: string;
  runId: string;
  stepId: string;
  kind: 'approval' | 'question';
  route: Route;
  assignees: string[];
  text: string;
  status: 'pending' | 'approved' | 'rejected' | 'answered' | 'cancelled';
  decidedBy: string | null;
  comment: string | null;
  answer: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  stepId: string | null;
  actor: string;
  what: string;
  comment: string | null;
}

const json = (value: unknown): string => JSON.stringify(value ?? null);

export class WorkflowRunRepo {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  createRun(input: { definition: WorkflowDefinition; inputs: Record<string, unknown>; provenance: Provenance; startedBy: string | null; startedVia: StartedVia }): WorkflowRun {
    const id = randomUUID();
    const at = this.now().toISOString();
    this.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO workflow_runs (id, workflow_id, version, title, definition_json, inputs_json, provenance_json, started_by, started_via, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)`,
        )
        .run(id, input.definition.id, input.definition.version, input.definition.title, json(input.definition), json(input.inputs), json(input.provenance), input.startedBy, input.startedVia, at, at);
      const step = this.db.prepare("INSERT INTO workflow_steps (run_id, step_id, status) VALUES (?, ?, 'pending')");
      for (const s of input.definition.steps) step.run(id, s.id);
    });
    return this.getRun(id)!;
  }

  getRun(id: string): WorkflowRun | null {
    const row = this.db.prepare('SELECT * FROM workflow_runs WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row ? toRun(row) : null;
  }

  listRuns(options: { limit?: number; status?: RunStatus } = {}): WorkflowRun[] {
    const rows = this.db
      .prepare('SELECT * FROM workflow_runs WHERE (@status IS NULL OR status = @status) ORDER BY created_at DESC LIMIT @limit')
      .all({ status: options.status ?? null, limit: options.limit ?? 100 }) as Record<string, unknown>[];
    return rows.map(toRun);
  }

  unfinishedRunIds(): string[] {
    return (this.db.prepare("SELECT id FROM workflow_runs WHERE status IN ('running', 'waiting') ORDER BY created_at").all() as { id: string }[]).map((r) => r.id);
  }

  setRunStatus(id: string, status: RunStatus, detail: string | null): void {
    const at = this.now().toISOString();
    const finished = status === 'succeeded' || status === 'failed' || status === 'cancelled' ? at : null;
    this.db.prepare('UPDATE workflow_runs SET status = ?, detail = ?, updated_at = ?, finished_at = ? WHERE id = ?').run(status, detail, at, finished, id);
  }

  steps(runId: string): StepState[] {
    return (this.db.prepare('SELECT * FROM workflow_steps WHERE run_id = ? ORDER BY rowid').all(runId) as Record<string, unknown>[]).map(toStep);
  }

  step(runId: string, stepId: string): StepState {
    return toStep(this.db.prepare('SELECT * FROM workflow_steps WHERE run_id = ? AND step_id = ?').get(runId, stepId) as Record<string, unknown>);
  }

  updateStep(runId: string, stepId: string, patch: Partial<Omit<StepState, 'stepId'>>): void {
    const columns: Record<string, string> = {
      status: 'status',
      attempt: 'attempt',
      output: 'output_json',
      summary: 'summary',
      error: 'error',
      waitingFor: 'waiting_for',
      wakeAt: 'wake_at',
      decidedBy: 'decided_by',
      comment: 'comment',
      startedAt: 'started_at',
      finishedAt: 'finished_at',
    };
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      sets.push(`${columns[key]} = ?`);
      values.push(key === 'output' ? json(value) : value);
    }
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE workflow_steps SET ${sets.join(', ')} WHERE run_id = ? AND step_id = ?`).run(...values, runId, stepId);
    this.db.prepare('UPDATE workflow_runs SET updated_at = ? WHERE id = ?').run(this.now().toISOString(), runId);
  }

  addEvent(runId: string, entry: { stepId: string | null; actor: string; what: string; comment?: string | null }): void {
    this.db.prepare('INSERT INTO workflow_events (run_id, at, step_id, actor, what, comment) VALUES (?, ?, ?, ?, ?, ?)').run(runId, this.now().toISOString(), entry.stepId, entry.actor, entry.what, entry.comment ?? null);
  }

  timeline(runId: string): TimelineEntry[] {
    return (this.db.prepare('SELECT seq, at, step_id, actor, what, comment FROM workflow_events WHERE run_id = ? ORDER BY seq').all(runId) as Record<string, unknown>[]).map((r) => ({
      seq: r.seq as number,
      at: r.at as string,
      stepId: (r.step_id as string | null) ?? null,
      actor: r.actor as string,
      what: r.what as string,
      comment: (r.comment as string | null) ?? null,
    }));
  }

  createRequest(input: { runId: string; stepId: string; kind: 'approval' | 'question'; route: Route; assignees: string[]; text: string }): WorkflowRequest {
    const id = randomUUID();
    this.db
      .prepare("INSERT INTO workflow_requests (id, run_id, step_id, kind, route_json, assignees_json, text, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)")
      .run(id, input.runId, input.stepId, input.kind, json(input.route), json(input.assignees), input.text, this.now().toISOString());
    return this.request(id)!;
  }

  request(id: string): WorkflowRequest | null {
    const row = this.db.prepare('SELECT * FROM workflow_requests WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row ? toRequest(row) : null;
  }

  requestsOf(runId: string): WorkflowRequest[] {
    return (this.db.prepare('SELECT * FROM workflow_requests WHERE run_id = ? ORDER BY created_at').all(runId) as Record<string, unknown>[]).map(toRequest);
  }

  pendingRequestFor(runId: string, stepId: string): WorkflowRequest | null {
    const row = this.db.prepare("SELECT * FROM workflow_requests WHERE run_id = ? AND step_id = ? AND status = 'pending'").get(runId, stepId) as Record<string, unknown> | undefined;
    return row ? toRequest(row) : null;
  }

  pendingRequests(): WorkflowRequest[] {
    return (this.db.prepare("SELECT * FROM workflow_requests WHERE status = 'pending' ORDER BY created_at").all() as Record<string, unknown>[]).map(toRequest);
  }

  decideRequest(id: string, decision: { status: WorkflowRequest['status']; decidedBy: string; comment: string | null; answer: string | null }): boolean {
    const changed = this.db
      .prepare("UPDATE workflow_requests SET status = ?, decided_by = ?, comment = ?, answer = ?, decided_at = ? WHERE id = ? AND status = 'pending'")
      .run(decision.status, decision.decidedBy, decision.comment, decision.answer, this.now().toISOString(), id);
    return changed.changes === 1;
  }

  /**
   * A tool call the runner recorded for a step's attempt (its call key is ours), to learn how far
   * it got before a crash — with its approval card's status when it was waiting on one.
   */
  toolCallByKey(callKey: string): { status: string; result: unknown; error: string | null; approvalStatus: string | null } | null {
    const row = this.db
      .prepare(
        'SELECT c.status, c.result_json, c.error, a.status AS approval_status FROM tool_calls c LEFT JOIN approvals a ON a.id = c.approval_id WHERE c.task_id IS NULL AND c.call_key = ? ORDER BY c.created_at DESC LIMIT 1',
      )
      .get(callKey) as { status: string; result_json: string | null; error: string | null; approval_status: string | null } | undefined;
    return row ? { status: row.status, result: row.result_json ? (JSON.parse(row.result_json) as unknown) : null, error: row.error, approvalStatus: row.approval_status } : null;
  }
}

function toRun(row: Record<string, unknown>): WorkflowRun {
  return {
    id: row.id as string,
    workflowId: row.workflow_id as string,
    version: row.version as number,
    title: row.title as string,
    definition: JSON.parse(row.definition_json as string) as WorkflowDefinition,
    inputs: JSON.parse(row.inputs_json as string) as Record<string, unknown>,
    provenance: JSON.parse(row.provenance_json as string) as Provenance,
    startedBy: (row.started_by as string | null) ?? null,
    startedVia: row.started_via as StartedVia,
    status: row.status as RunStatus,
    detail: (row.detail as string | null) ?? null,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    finishedAt: (row.finished_at as string | null) ?? null,
  };
}

function toStep(row: Record<string, unknown>): StepState {
  return {
    stepId: row.step_id as string,
    status: row.status as StepStatus,
    attempt: row.attempt as number,
    output: row.output_json ? (JSON.parse(row.output_json as string) as unknown) : null,
    summary: (row.summary as string | null) ?? null,
    error: (row.error as string | null) ?? null,
    waitingFor: (row.waiting_for as string | null) ?? null,
    wakeAt: (row.wake_at as string | null) ?? null,
    decidedBy: (row.decided_by as string | null) ?? null,
    comment: (row.comment as string | null) ?? null,
    startedAt: (row.started_at as string | null) ?? null,
    finishedAt: (row.finished_at as string | null) ?? null,
  };
}

function toRequest(row: Record<string, unknown>): WorkflowRequest {
  return {
    id: row.id as string,
    runId: row.run_id as string,
    stepId: row.step_id as string,
    kind: row.kind as 'approval' | 'question',
    route: JSON.parse(row.route_json as string) as Route,
    assignees: JSON.parse(row.assignees_json as string) as string[],
    text: row.text as string,
    status: row.status as WorkflowRequest['status'],
    decidedBy: (row.decided_by as string | null) ?? null,
    comment: (row.comment as string | null) ?? null,
    answer: (row.answer as string | null) ?? null,
    createdAt: row.created_at as string,
    decidedAt: (row.decided_at as string | null) ?? null,
  };
}
