import type { Task, TaskStatus } from '../../../src-preload/contract.js';
import { NotFoundError } from '../errors.js';
import type { SqliteDatabase } from './sqlite.js';

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

/** Read side of background tasks; the agent's job queue writes them. */
export class TaskRepo {
  constructor(private readonly db: SqliteDatabase) {}

  list(options: { status?: TaskStatus; conversationId?: string; limit?: number } = {}): Task[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM tasks WHERE (@status IS NULL OR status = @status) AND (@conversationId IS NULL OR conversation_id = @conversationId)
         ORDER BY updated_at DESC, rowid DESC LIMIT @limit`,
      )
      .all({ status: options.status ?? null, conversationId: options.conversationId ?? null, limit: options.limit ?? 100 }) as TaskRow[];
    return rows.map(toTask);
  }

  get(id: string): Task {
    const row = this.db.prepare('SELECT * FROM tasks WHERE id = ?').get(id) as TaskRow | undefined;
    if (!row) throw new NotFoundError('Task', id);
    return toTask(row);
  }
}

export function toTask(row: TaskRow): Task {
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
