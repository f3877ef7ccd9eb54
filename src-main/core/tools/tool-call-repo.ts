import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../store/sqlite.js';
import { UpdateSet } from '../store/update-set.js';
import type { Artifact } from './tool.js';

export type ToolCallStatus = 'proposed' | 'awaiting_approval' | 'running' | 'succeeded' | 'failed' | 'rejected' | 'interrupted' | 'rolled_back';

/** What is kept of a ToolResult: JSON-safe, so rollback works after a restart too. */
export interface StoredToolResult {
  output: unknown;
  summary: string;
  costUsd: number | null;
  artifacts: Artifact[];
  rollbackData: Record<string, unknown> | null;
  /** Lines the tool wrote with context.log (redacted). */
  logs?: string[];
}

export interface ToolCallRecord {
  id: string;
  taskId: string | null;
  conversationId: string | null;
  callKey: string;
  tool: string;
  args: Record<string, unknown>;
  status: ToolCallStatus;
  approvalId: string | null;
  approver: string | null;
  result: StoredToolResult | null;
  error: string | null;
  costUsd: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface Row {
  id: string;
  task_id: string | null;
  conversation_id: string | null;
  call_key: string;
  tool: string;
  args_json: string;
  status: ToolCallStatus;
  approval_id: string | null;
  approver: string | null;
  result_json: string | null;
  error: string | null;
  cost_usd: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** Every tool call with its state: the record that crash recovery and rollback work from. */
export class ToolCallRepo {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  create(input: { taskId: string | null; conversationId: string | null; callKey: string; tool: string; args: Record<string, unknown> }): ToolCallRecord {
    const id = randomUUID();
    this.db
      .prepare("INSERT INTO tool_calls (id, task_id, conversation_id, call_key, tool, args_json, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'proposed', ?)")
      .run(id, input.taskId, input.conversationId, input.callKey, input.tool, JSON.stringify(input.args), this.now().toISOString());
    return this.get(id);
  }

  get(id: string): ToolCallRecord {
    return toRecord(this.db.prepare('SELECT * FROM tool_calls WHERE id = ?').get(id) as Row);
  }

  findByKey(taskId: string, callKey: string): ToolCallRecord | null {
    const row = this.db.prepare('SELECT * FROM tool_calls WHERE task_id = ? AND call_key = ?').get(taskId, callKey) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  /**
   * A call made outside any task under a key that is unique by construction (a workflow step's
   * attempt, workflow:<run>:<step>:<n>): the newest one, so a restarted run picks it up.
   */
  findUnscopedByKey(callKey: string): ToolCallRecord | null {
    const row = this.db.prepare('SELECT * FROM tool_calls WHERE task_id IS NULL AND call_key = ? ORDER BY created_at DESC LIMIT 1').get(callKey) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  update(id: string, patch: Partial<{ status: ToolCallStatus; args: Record<string, unknown>; approvalId: string | null; approver: string | null; result: StoredToolResult | null; error: string | null; costUsd: number | null; started: boolean; finished: boolean }>): void {
    const update = new UpdateSet()
      .put('status', patch.status)
      .put('args_json', patch.args === undefined ? undefined : JSON.stringify(patch.args))
      .put('approval_id', patch.approvalId)
      .put('approver', patch.approver)
      .put('result_json', patch.result === undefined ? undefined : patch.result === null ? null : JSON.stringify(patch.result))
      .put('error', patch.error)
      .put('cost_usd', patch.costUsd);
    if (patch.started) update.put('started_at', this.now().toISOString());
    if (patch.finished) update.put('finished_at', this.now().toISOString());
    if (update.empty) return;
    this.db.prepare(`UPDATE tool_calls SET ${update.sql} WHERE id = ?`).run(...update.values, id);
  }

  /** Succeeded calls of a task, most recent first: the order rollback undoes them in. */
  succeededForTask(taskId: string): ToolCallRecord[] {
    return (this.db.prepare("SELECT * FROM tool_calls WHERE task_id = ? AND status = 'succeeded' ORDER BY finished_at DESC, rowid DESC").all(taskId) as Row[]).map(toRecord);
  }

  forTask(taskId: string): ToolCallRecord[] {
    return (this.db.prepare('SELECT * FROM tool_calls WHERE task_id = ? ORDER BY rowid').all(taskId) as Row[]).map(toRecord);
  }

  running(): ToolCallRecord[] {
    return (this.db.prepare("SELECT * FROM tool_calls WHERE status = 'running' ORDER BY rowid").all() as Row[]).map(toRecord);
  }
}

function toRecord(row: Row): ToolCallRecord {
  return {
    id: row.id,
    taskId: row.task_id,
    conversationId: row.conversation_id,
    callKey: row.call_key,
    tool: row.tool,
    args: JSON.parse(row.args_json) as Record<string, unknown>,
    status: row.status,
    approvalId: row.approval_id,
    approver: row.approver,
    result: row.result_json === null ? null : (JSON.parse(row.result_json) as StoredToolResult),
    error: row.error,
    costUsd: row.cost_usd,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
