/**
 * The knowledge passages a finished task's result cites (its Sources line), as the task's card and
 * details list them. Read from the task's stored state, where the task wrote them when it
 * finished (plan-program.ts); a task that used no passages, or whose state cannot be read, has none.
 */
import { z } from 'zod';
import { KnowledgeSourceSchema, type KnowledgeSource } from '../../../src-preload/schemas/knowledge.js';
import { NotFoundError } from '../errors.js';
import type { SqliteDatabase } from '../store/sqlite.js';

const StoredSourcesSchema = z.object({ sources: z.array(KnowledgeSourceSchema) });

export function taskSources(db: SqliteDatabase, taskId: string): KnowledgeSource[] {
  const row = db.prepare('SELECT state_json FROM tasks WHERE id = ?').get(taskId) as { state_json: string | null } | undefined;
  if (!row) throw new NotFoundError('Task', taskId);
  try {
    const parsed = StoredSourcesSchema.safeParse(JSON.parse(row.state_json ?? 'null'));
    return parsed.success ? parsed.data.sources : [];
  } catch {
    return [];
  }
}
