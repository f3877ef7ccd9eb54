/**
 * The files one task produced. A plan task has its own folder, so everything in it is its output.
 * A single-action task writes into the shared workspace next to files from every other
 * conversation, so its card must show only what its own tool calls reported writing (their
 * artifacts), never the whole folder.
 */
import type { ArtifactList } from '../../../src-preload/schemas/artifacts.js';
import type { StewardDatabase } from '../store/database.js';
import { listWorkspaceFiles } from './list-files.js';
import { taskWorkspaceDir } from './task-workspace.js';

/** Paths (relative to the workspace) that the task's succeeded tool calls reported as artifacts. */
export function reportedArtifactPaths(db: StewardDatabase, taskId: string): Set<string> {
  const rows = db.raw.prepare("SELECT result_json FROM tool_calls WHERE task_id = ? AND result_json IS NOT NULL AND status = 'succeeded'").all(taskId) as { result_json: string }[];
  const paths = new Set<string>();
  for (const row of rows) {
    try {
      const result = JSON.parse(row.result_json) as { artifacts?: { path?: unknown }[] };
      for (const artifact of result.artifacts ?? []) if (typeof artifact.path === 'string') paths.add(artifact.path.replace(/\\/g, '/').replace(/^\.\//, ''));
    } catch {
      // A row that cannot be read reports nothing; the task's details still show its calls.
    }
  }
  return paths;
}

export async function listTaskOutputs(db: StewardDatabase, workspaceDir: string, taskId: string | undefined): Promise<ArtifactList> {
  const folder = taskWorkspaceDir(db, workspaceDir, taskId);
  const listed = await listWorkspaceFiles(workspaceDir, folder);
  if (!taskId || folder !== workspaceDir) return listed;
  const own = reportedArtifactPaths(db, taskId);
  return { ...listed, files: listed.files.filter((file) => own.has(file.path)) };
}
