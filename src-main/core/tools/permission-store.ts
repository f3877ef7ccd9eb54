import type { SqliteDatabase } from '../store/sqlite.js';
import type { PermissionMode } from './tool.js';

/** The user's per-tool permission modes, persisted. A tool without a row uses its default. */
export class PermissionStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  get(tool: string): PermissionMode | null {
    const row = this.db.prepare('SELECT mode FROM tool_permissions WHERE tool = ?').get(tool) as { mode: PermissionMode } | undefined;
    return row?.mode ?? null;
  }

  set(tool: string, mode: PermissionMode): void {
    this.db
      .prepare('INSERT INTO tool_permissions (tool, mode, updated_at) VALUES (?, ?, ?) ON CONFLICT(tool) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at')
      .run(tool, mode, this.now().toISOString());
  }
}
