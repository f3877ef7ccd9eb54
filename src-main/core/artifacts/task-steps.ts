/**
 * The detail behind the task view: the plan, each step with its status, iterations, output and
 * the Supervisor's reviews, and the tool calls with their cost. Read straight from the agent's
 * tables (migration 0004) so the view works for finished, failed and interrupted tasks alike.
 */
import type { TaskSteps } from '../../../src-preload/schemas/artifacts.js';
import { NotFoundError } from '../errors.js';
import type { StewardDatabase } from '../store/database.js';
import { readStepFields } from '../agent/tasks/agent-task-store.js';

interface CallRow {
  tool: string;
  status: string;
  approver: string | null;
  cost_usd: number | null;
  error: string | null;
  created_at: string;
}

export function readTaskSteps(db: StewardDatabase, taskId: string): TaskSteps {
  const task = db.raw.prepare('SELECT state_json FROM tasks WHERE id = ?').get(taskId) as { state_json: string | null } | undefined;
  if (!task) throw new NotFoundError('Task', taskId);
  const state = parseObject(task.state_json);
  const plan = asRecord(state.plan);
  const hasAgentTables = db.raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'task_steps'").get() !== undefined;
  const steps = hasAgentTables ? readStepFields(db.raw, taskId) : [];
  const calls = hasAgentTables
    ? (db.raw.prepare('SELECT tool, status, approver, cost_usd, error, created_at FROM tool_calls WHERE task_id = ? ORDER BY created_at, rowid').all(taskId) as CallRow[])
    : [];
  return {
    taskId,
    request: typeof state.request === 'string' ? state.request : null,
    plan: plan && typeof plan.title === 'string' ? { title: plan.title, summary: typeof plan.summary === 'string' ? plan.summary : '' } : null,
    steps: steps.map((row) => {
      // A damaged step state shows as a step without detail rather than hiding the whole task.
      const stepState = parseObject(row.stateJson);
      return {
        index: row.idx,
        title: row.title,
        tool: row.tool,
        status: row.status,
        iteration: row.iteration,
        estimateSeconds: row.estimateSeconds,
        durationSeconds: row.durationSeconds,
        startedAt: row.startedAt,
        finishedAt: row.finishedAt,
        output: typeof stepState.output === 'string' ? stepState.output : null,
        reviews: (Array.isArray(stepState.reviews) ? stepState.reviews : []).flatMap((review) => {
          const r = asRecord(review);
          if (!r || typeof r.iteration !== 'number' || (r.verdict !== 'pass' && r.verdict !== 'revise' && r.verdict !== 'fail')) return [];
          return [{ iteration: r.iteration, verdict: r.verdict, reasons: Array.isArray(r.reasons) ? r.reasons.filter((x): x is string => typeof x === 'string') : [] }];
        }),
        feedback: Array.isArray(stepState.feedback) ? stepState.feedback.filter((x): x is string => typeof x === 'string') : [],
      };
    }),
    toolCalls: calls.map((call) => ({ tool: call.tool, status: call.status, approver: call.approver, costUsd: call.cost_usd, error: call.error, createdAt: call.created_at })),
  };
}

function parseObject(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    return asRecord(JSON.parse(json)) ?? {};
  } catch {
    return {};
  }
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
