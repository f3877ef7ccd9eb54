import path from 'node:path';
import type { StewardDatabase } from '../store/database.js';
import { NotFoundError } from '../errors.js';

/**
 * The folder a task's tools work in, mirroring agent/tasks/task-jobs.ts: a planned task gets its
 * own folder under workspace/tasks/<id>, a single action works in the workspace itself. Without a
 * task id the profile's workspace is meant.
 */
export function taskWorkspaceDir(db: StewardDatabase, workspaceDir: string, taskId: string | undefined): string {
  if (!taskId) return workspaceDir;
  const row = db.raw.prepare('SELECT state_json FROM tasks WHERE id = ?').get(taskId) as { state_json: string | null } | undefined;
  if (!row) throw new NotFoundError('Task', taskId);
  let kind: unknown = null;
  try {
    kind = (JSON.parse(row.state_json ?? '{}') as { kind?: unknown }).kind;
  } catch {
    kind = null;
  }
  // The id is a database key, but it still becomes a folder name: keep it to one plain segment.
  return kind === 'plan' && /^[A-Za-z0-9_-]+$/.test(taskId) ? path.join(workspaceDir, 'tasks', taskId) : workspaceDir;
}
