import type { StewardDatabase } from '../store/database.js';
import { NotFoundError } from '../errors.js';
import { taskWorkspaceFolder } from '../agent/tasks/agent-task-store.js';

/**
 * The folder a task's tools worked in (the rule is taskWorkspaceFolder's, the one the agent runs
 * tasks by). Without a task id the profile's workspace is meant.
 */
export function taskWorkspaceDir(db: StewardDatabase, workspaceDir: string, taskId: string | undefined): string {
  if (!taskId) return workspaceDir;
  const row = db.raw.prepare('SELECT state_json FROM tasks WHERE id = ?').get(taskId) as { state_json: string | null } | undefined;
  if (!row) throw new NotFoundError('Task', taskId);
  let kind: unknown = null;
  try {
    kind = (JSON.parse(row.state_json ?? '{}') as { kind?: unknown }).kind;
  } catch {
    // A damaged state is shown as a quick action's: the shared workspace.
    kind = null;
  }
  return taskWorkspaceFolder(workspaceDir, taskId, kind);
}
