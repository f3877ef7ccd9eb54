/**
 * Common-task learning: when the same kind of task has been done often enough, suggest making
 * it a one-click workflow; if the user accepts, save it. A declined suggestion is not repeated.
 */
import { randomUUID } from 'node:crypto';
import type { MemoryQuestion, MemoryWorkflow } from '../../../src-preload/schemas/memory.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import { redactSensitive } from './privacy-filter.js';
import type { QuestionStore, WorkflowPayload } from './question-store.js';

export interface TaskRecord {
  /** Machine kind of the task, e.g. "email.send" or "report.weekly". */
  kind: string;
  /** What was done, as a phrase: "send the weekly report to the team". */
  summary: string;
  /** Parameters of the latest run; become the workflow's defaults. */
  params?: Record<string, unknown>;
}

export interface WorkflowRow {
  id: string;
  signature: string;
  name: string;
  kind: string;
  summary: string;
  params_json: string;
  created_at: string;
  run_count: number;
  last_run_at: string | null;
}

/** Same kind + same wording once dates, numbers and filler are gone = the same task. */
export function taskSignature(kind: string, summary: string): string {
  const words = summary
    .toLowerCase()
    .replace(/\b\d{1,4}([-/.]\d{1,2}){0,2}\b/g, ' ')
    .replace(/\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday|january|february|march|april|may|june|july|august|september|october|november|december|q[1-4]|week \w+)\b/g, ' ')
    .replace(/\b(?:a|an|the|please|again|this|that|our|my|new|latest|on|at|in|by|for|of|every|each|next|last)\b/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  return `${kind.trim().toLowerCase()}|${words}`;
}

export class TaskPatterns {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly questions: QuestionStore,
    private readonly now: () => Date,
  ) {}

  /** Records a finished task; returns a new suggestion when this made it "often". */
  record(task: TaskRecord, threshold: number): MemoryQuestion | null {
    const summary = redactSensitive(task.summary.trim()).text.slice(0, 500);
    const params = JSON.parse(redactSensitive(JSON.stringify(task.params ?? {})).text) as Record<string, unknown>;
    const signature = taskSignature(task.kind, summary);
    return this.db.transaction(() => {
      this.db.prepare('INSERT INTO memory_task_runs (signature, kind, summary, params_json, at) VALUES (?, ?, ?, ?, ?)').run(signature, task.kind, summary, JSON.stringify(params), this.now().toISOString());
      const workflow = this.db.prepare('SELECT id FROM memory_workflows WHERE signature = ?').get(signature) as { id: string } | undefined;
      if (workflow) {
        this.db.prepare('UPDATE memory_workflows SET run_count = run_count + 1, last_run_at = ? WHERE id = ?').run(this.now().toISOString(), workflow.id);
        return null;
      }
      const n = (this.db.prepare('SELECT count(*) AS n FROM memory_task_runs WHERE signature = ?').get(signature) as { n: number }).n;
      if (n < threshold || this.questions.bySignature('workflow', signature)) return null;
      const payload: WorkflowPayload = { kind: task.kind, summary, occurrences: n, params };
      const phrase = summary.charAt(0).toLowerCase() + summary.slice(1);
      const row = this.questions.create({
        kind: 'workflow',
        text: `I notice you often ${phrase}. Should I make it a one-click action?`,
        signature,
        payload,
      });
      return this.questions.toQuestion(row);
    })();
  }

  /** Saves the suggested workflow (on "yes"). */
  accept(payload: WorkflowPayload, signature: string, name: string | undefined): MemoryWorkflow {
    const id = randomUUID();
    const title = name ?? payload.summary.charAt(0).toUpperCase() + payload.summary.slice(1);
    this.db
      .prepare('INSERT OR IGNORE INTO memory_workflows (id, signature, name, kind, summary, params_json, created_at, run_count, last_run_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL)')
      .run(id, signature, title, payload.kind, payload.summary, JSON.stringify(payload.params), this.now().toISOString());
    const row = this.db.prepare('SELECT * FROM memory_workflows WHERE signature = ?').get(signature) as WorkflowRow;
    return toWorkflow(row);
  }

  list(): MemoryWorkflow[] {
    return (this.db.prepare('SELECT * FROM memory_workflows ORDER BY name COLLATE NOCASE').all() as WorkflowRow[]).map(toWorkflow);
  }
}

export function toWorkflow(row: WorkflowRow): MemoryWorkflow {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    summary: row.summary,
    params: JSON.parse(row.params_json) as Record<string, unknown>,
    createdAt: row.created_at,
    runCount: row.run_count,
    lastRunAt: row.last_run_at,
  };
}
