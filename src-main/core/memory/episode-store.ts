/**
 * Episodes: every conversation turn, kept (in redacted form) so "what did we decide about the
 * marketing campaign?" can be answered from what was actually said.
 */
import { randomUUID } from 'node:crypto';
import type { MemoryEpisode } from '../../../src-preload/schemas/memory.js';
import type { SqliteDatabase, SqliteStatement } from '../store/sqlite.js';

export interface EpisodeRow {
  seq: number;
  id: string;
  conversation_id: string | null;
  message_id: string | null;
  role: 'user' | 'assistant';
  text: string;
  redactions: number;
  created_at: string;
  embedded: number;
  origin: string | null;
}

export function toEpisode(row: EpisodeRow): MemoryEpisode {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    role: row.role,
    text: row.text,
    redactions: row.redactions,
    createdAt: row.created_at,
    origin: row.origin ?? null,
  };
}

export class EpisodeStore {
  /** Statements of the per-turn path, prepared once: preparing cost more than running them. */
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  private stmt(sql: string): SqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Stores a turn already passed through the privacy filter. A message is stored once. */
  insert(input: { id?: string; conversationId: string | null; messageId: string | null; role: 'user' | 'assistant'; text: string; redactions: number; createdAt?: string; origin?: string | null }): EpisodeRow | null {
    if (input.messageId) {
      const existing = this.stmt('SELECT 1 FROM memory_episodes WHERE message_id = ?').get(input.messageId);
      if (existing) return null;
    }
    const row: Omit<EpisodeRow, 'seq'> = {
      id: input.id ?? randomUUID(),
      conversation_id: input.conversationId,
      message_id: input.messageId,
      role: input.role,
      text: input.text,
      redactions: input.redactions,
      created_at: input.createdAt ?? this.now().toISOString(),
      embedded: 0,
      origin: input.origin ?? null,
    };
    const { lastInsertRowid } = this.stmt('INSERT INTO memory_episodes (id, conversation_id, message_id, role, text, redactions, created_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      row.id,
      row.conversation_id,
      row.message_id,
      row.role,
      row.text,
      row.redactions,
      row.created_at,
      row.origin,
    );
    // The row is what was just written (no trigger changes it): built here rather than read back, on the ingest path.
    return { seq: Number(lastInsertRowid), ...row };
  }

  get(id: string): EpisodeRow | null {
    return (this.db.prepare('SELECT * FROM memory_episodes WHERE id = ?').get(id) as EpisodeRow | undefined) ?? null;
  }

  bySeqs(seqs: readonly number[]): EpisodeRow[] {
    if (seqs.length === 0) return [];
    return this.stmt('SELECT * FROM memory_episodes WHERE seq IN (SELECT value FROM json_each(?))').all(JSON.stringify(seqs)) as EpisodeRow[];
  }

  linkEntities(episodeId: string, entityIds: readonly string[]): void {
    if (entityIds.length === 0) return;
    const stmt = this.stmt('INSERT OR IGNORE INTO memory_episode_entities (episode_id, entity_id) VALUES (?, ?)');
    for (const id of new Set(entityIds)) stmt.run(episodeId, id);
  }

  entityIds(episodeId: string): string[] {
    return (this.db.prepare('SELECT entity_id FROM memory_episode_entities WHERE episode_id = ?').all(episodeId) as { entity_id: string }[]).map((r) => r.entity_id);
  }

  /** Episodes that mention an entity, newest first. */
  aboutEntity(entityId: string, limit: number): EpisodeRow[] {
    return this.db
      .prepare(
        `SELECT ep.* FROM memory_episodes ep JOIN memory_episode_entities ee ON ee.episode_id = ep.id WHERE ee.entity_id = ? ORDER BY ep.created_at DESC LIMIT ?`,
      )
      .all(entityId, limit) as EpisodeRow[];
  }

  /**
   * Removes a forgotten value from every episode that quoted it, so "forget" reaches the
   * conversation record memory keeps, not only the fact.
   */
  scrub(value: string): number {
    if (value.trim().length < 3) return 0;
    const rows = this.db.prepare("SELECT seq, text FROM memory_episodes WHERE instr(lower(text), lower(?)) > 0").all(value) as { seq: number; text: string }[];
    const update = this.db.prepare('UPDATE memory_episodes SET text = ?, embedded = 0 WHERE seq = ?');
    const pattern = new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    for (const r of rows) update.run(r.text.replace(pattern, '[forgotten]'), r.seq);
    return rows.length;
  }
}
