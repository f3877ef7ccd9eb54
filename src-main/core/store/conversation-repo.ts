import { randomUUID } from 'node:crypto';
import type { Conversation, Message } from '../../../src-preload/contract.js';
import { NotFoundError } from '../errors.js';
import type { SqliteDatabase } from './sqlite.js';

interface ConversationRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
  message_count: number;
  last_text: string | null;
  pinned_at: string | null;
  folder: string | null;
  person_id: string | null;
  person_name: string | null;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  role: Message['role'];
  agent: Message['agent'];
  text: string;
  status: Message['status'];
  created_at: string;
  metrics_json: string | null;
}

const PREVIEW_CHARS = 120;
/** A page of the conversation list: enough for any sidebar, small enough to answer fast with thousands of conversations. */
export const DEFAULT_CONVERSATION_PAGE = 200;

/** Conversations and their messages. Pure data access: events and audit are the caller's job. */
export class ConversationRepo {
  private eraser: ((id: string) => boolean) | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    readonly now: () => Date,
  ) {}

  /**
   * Newest first, one page at a time: `before` is the id of the last conversation already shown,
   * so paging never skips or repeats one even when several share a timestamp.
   */
  list(query?: string, page: { limit?: number; before?: string; pinned?: boolean; personId?: string } = {}): Conversation[] {
    const like = query?.trim() ? `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const cursor = page.before ? this.conversationCursor(page.before) : null;
    const rows = this.db
      .prepare(
        `SELECT c.*, (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
                (SELECT m.text FROM messages m WHERE m.conversation_id = c.id ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1) AS last_text,
                p.name AS person_name
         FROM conversations c LEFT JOIN people p ON p.id = c.person_id
         WHERE (@like IS NULL OR c.title LIKE @like ESCAPE '\\'
            OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.text LIKE @like ESCAPE '\\'))
           AND (@at IS NULL OR c.updated_at < @at OR (c.updated_at = @at AND c.rowid < @r))
           AND (@pinned IS NULL OR (c.pinned_at IS NOT NULL) = @pinned)
           AND (@person IS NULL OR c.person_id = @person)
         ORDER BY c.updated_at DESC, c.rowid DESC
         LIMIT @limit`,
      )
      .all({ like, at: cursor?.at ?? null, r: cursor?.r ?? null, pinned: page.pinned === undefined ? null : page.pinned ? 1 : 0, person: page.personId ?? null, limit: page.limit ?? DEFAULT_CONVERSATION_PAGE }) as ConversationRow[];
    return rows.map(toConversation);
  }

  private conversationCursor(id: string): { at: string; r: number } {
    const row = this.db.prepare('SELECT updated_at AS at, rowid AS r FROM conversations WHERE id = ?').get(id) as { at: string; r: number } | undefined;
    if (!row) throw new NotFoundError('Conversation', id);
    return row;
  }

  get(id: string): Conversation {
    const row = this.db
      .prepare(
        `SELECT c.*, (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
                (SELECT m.text FROM messages m WHERE m.conversation_id = c.id ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1) AS last_text,
                p.name AS person_name
         FROM conversations c LEFT JOIN people p ON p.id = c.person_id WHERE c.id = ?`,
      )
      .get(id) as ConversationRow | undefined;
    if (!row) throw new NotFoundError('Conversation', id);
    return toConversation(row);
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM conversations WHERE id = ?').get(id) !== undefined;
  }

  /** personId: the person whose chat starts it; null (the default) is the owner. */
  create(title: string, personId: string | null = null): Conversation {
    const id = randomUUID();
    const at = this.now().toISOString();
    this.db.prepare('INSERT INTO conversations (id, title, created_at, updated_at, person_id) VALUES (?, ?, ?, ?, ?)').run(id, title, at, at, personId);
    return this.get(id);
  }

  /** Whose the conversation is: a person's id, null for the owner, undefined when there is no such conversation. */
  personOf(id: string): string | null | undefined {
    const row = this.db.prepare('SELECT person_id FROM conversations WHERE id = ?').get(id) as { person_id: string | null } | undefined;
    return row ? row.person_id : undefined;
  }

  rename(id: string, title: string): Conversation {
    const changed = this.db.prepare('UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?').run(title, this.now().toISOString(), id).changes;
    if (!changed) throw new NotFoundError('Conversation', id);
    return this.get(id);
  }

  delete(id: string): boolean {
    if (this.eraser) return this.eraser(id);
    return this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id).changes > 0;
  }

  /** Deletion that also erases the conversation from memory, tool calls and audit rows (see conversation-erasure.ts). */
  useEraser(eraser: (id: string) => boolean): void {
    this.eraser = eraser;
  }

  touch(id: string): void {
    this.db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run(this.now().toISOString(), id);
  }

  addMessage(input: Pick<Message, 'conversationId' | 'role' | 'agent' | 'text' | 'status'>): Message {
    if (!this.exists(input.conversationId)) throw new NotFoundError('Conversation', input.conversationId);
    const message: Message = { ...input, id: randomUUID(), createdAt: this.now().toISOString() };
    this.db
      .prepare('INSERT INTO messages (id, conversation_id, role, agent, text, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(message.id, message.conversationId, message.role, message.agent, message.text, message.status, message.createdAt);
    this.touch(input.conversationId);
    return message;
  }

  updateMessage(id: string, patch: { text: string; status: Message['status']; metrics?: Message['metrics'] }): Message {
    if (patch.metrics) this.db.prepare('UPDATE messages SET text = ?, status = ?, metrics_json = ? WHERE id = ?').run(patch.text, patch.status, JSON.stringify(patch.metrics), id);
    else this.db.prepare('UPDATE messages SET text = ?, status = ? WHERE id = ?').run(patch.text, patch.status, id);
    return this.getMessage(id);
  }

  getMessage(id: string): Message {
    const row = this.db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
    if (!row) throw new NotFoundError('Message', id);
    return toMessage(row);
  }

  /**
   * The newest `limit` messages, or with `beforeId` the ones just older than that message. The
   * cursor is (created_at, rowid), unique per message, so messages that share a millisecond are
   * never skipped between pages.
   */
  messages(conversationId: string, options: { limit?: number; beforeId?: string } = {}): Message[] {
    if (!this.exists(conversationId)) throw new NotFoundError('Conversation', conversationId);
    let cursor: { at: string; r: number } | null = null;
    if (options.beforeId) {
      cursor = this.db.prepare('SELECT created_at AS at, rowid AS r FROM messages WHERE id = ? AND conversation_id = ?').get(options.beforeId, conversationId) as
        | { at: string; r: number }
        | null;
      if (!cursor) throw new NotFoundError('Message', options.beforeId);
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM (
           SELECT *, rowid AS r FROM messages
           WHERE conversation_id = @conversationId AND (@at IS NULL OR created_at < @at OR (created_at = @at AND rowid < @r))
           ORDER BY created_at DESC, rowid DESC LIMIT @limit
         ) ORDER BY created_at ASC, r ASC`,
      )
      .all({ conversationId, at: cursor?.at ?? null, r: cursor?.r ?? null, limit: options.limit ?? 200 }) as MessageRow[];
    return rows.map(toMessage);
  }

  /** Streaming replies cut off by a crash or kill: marked, never silently left half-written. */
  markInterruptedStreams(): number {
    return this.db
      .prepare("UPDATE messages SET status = 'error', text = text || char(10) || '(Interrupted: Steward stopped before this reply finished.)' WHERE status = 'streaming'")
      .run().changes;
  }
}

function toConversation(row: ConversationRow): Conversation {
  const preview = row.last_text === null ? null : row.last_text.length > PREVIEW_CHARS ? `${row.last_text.slice(0, PREVIEW_CHARS)}…` : row.last_text;
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    messageCount: row.message_count,
    lastMessagePreview: preview,
    // Only when set, so conversations read before these existed look exactly as they did.
    ...(row.pinned_at !== null && { pinned: true }),
    ...(row.folder !== null && { folder: row.folder }),
    // A person's conversation says whose it is (the owner's own carry nothing, as before people existed).
    ...(row.person_id !== null && { person: { id: row.person_id, name: row.person_name ?? 'A removed profile' } }),
  };
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    role: row.role,
    agent: row.agent,
    text: row.text,
    status: row.status,
    createdAt: row.created_at,
    ...(row.metrics_json && { metrics: JSON.parse(row.metrics_json) as Message['metrics'] }),
  };
}
