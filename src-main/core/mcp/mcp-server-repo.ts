/** The MCP servers the user added (config without secret values), in the profile's database. */
import type { SqliteDatabase } from '../store/sqlite.js';
import { McpServerConfigSchema, type McpServerEntry } from './mcp-server-config.js';

interface Row {
  name: string;
  config: string;
  enabled: number;
}

export class McpServerRepo {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  list(): McpServerEntry[] {
    const rows = this.db.prepare('SELECT name, config, enabled FROM mcp_servers ORDER BY name').all() as Row[];
    return rows.flatMap((row) => {
      const parsed = McpServerConfigSchema.safeParse(JSON.parse(row.config));
      // A row that no longer parses (hand-edited file) is skipped rather than breaking every server.
      return parsed.success ? [{ name: row.name, config: parsed.data, enabled: row.enabled === 1 }] : [];
    });
  }

  get(name: string): McpServerEntry | null {
    return this.list().find((entry) => entry.name === name) ?? null;
  }

  insert(entry: McpServerEntry): void {
    const at = this.now().toISOString();
    this.db.prepare('INSERT INTO mcp_servers (name, config, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(entry.name, JSON.stringify(entry.config), entry.enabled ? 1 : 0, at, at);
  }

  setEnabled(name: string, enabled: boolean): void {
    this.db.prepare('UPDATE mcp_servers SET enabled = ?, updated_at = ? WHERE name = ?').run(enabled ? 1 : 0, this.now().toISOString(), name);
  }

  delete(name: string): boolean {
    return this.db.prepare('DELETE FROM mcp_servers WHERE name = ?').run(name).changes > 0;
  }
}
