import type { Conversation, Message } from '../../../src-preload/contract.js';
import { ConversationSettingsSchema, type ConversationSettings, type ConversationSettingsPatch, type ReplacedMessage } from '../../../src-preload/schemas/chat-controls.js';
import { NotFoundError } from '../errors.js';
import type { ConversationRepo } from './conversation-repo.js';
import type { SqliteDatabase } from './sqlite.js';

interface ReplacedRow {
  id: string;
  conversation_id: string;
  role: Message['role'];
  agent: Message['agent'];
  text: string;
  status: Message['status'];
  created_at: string;
  metrics_json: string | null;
  reason: ReplacedMessage['reason'];
  replaced_at: string;
}

/**
 * What the chat controls store per conversation: its settings (persona, sampling, model), pin and
 * folder, and the messages a regenerate or an edit replaced. Replaced messages are moved to their
 * own table with their provenance, never deleted: the thread, history and exports stop showing
 * them, and messages.replaced lists them back.
 */
export class ConversationControlsRepo {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly conversations: ConversationRepo,
    private readonly now: () => Date,
  ) {}

  settings(conversationId: string): ConversationSettings {
    const row = this.db.prepare('SELECT settings_json FROM conversations WHERE id = ?').get(conversationId) as { settings_json: string } | undefined;
    if (!row) throw new NotFoundError('Conversation', conversationId);
    // Settings written by an older or newer build: whatever no longer fits falls back to the defaults.
    const parsed = ConversationSettingsSchema.safeParse(safeJson(row.settings_json));
    return parsed.success ? parsed.data : ConversationSettingsSchema.parse({});
  }

  updateSettings(conversationId: string, patch: ConversationSettingsPatch): ConversationSettings {
    const next = ConversationSettingsSchema.parse({ ...this.settings(conversationId), ...patch });
    this.db.prepare('UPDATE conversations SET settings_json = ? WHERE id = ?').run(JSON.stringify(next), conversationId);
    return next;
  }

  pin(conversationId: string, pinned: boolean): Conversation {
    const changed = this.db.prepare('UPDATE conversations SET pinned_at = ? WHERE id = ?').run(pinned ? this.now().toISOString() : null, conversationId).changes;
    if (!changed) throw new NotFoundError('Conversation', conversationId);
    return this.conversations.get(conversationId);
  }

  setFolder(conversationId: string, folder: string | null): Conversation {
    const changed = this.db.prepare('UPDATE conversations SET folder = ? WHERE id = ?').run(folder, conversationId).changes;
    if (!changed) throw new NotFoundError('Conversation', conversationId);
    return this.conversations.get(conversationId);
  }

  /** The newest message the user wrote in a conversation, or null. */
  lastUserMessage(conversationId: string): Message | null {
    const row = this.db
      .prepare("SELECT id FROM messages WHERE conversation_id = ? AND role = 'user' ORDER BY created_at DESC, rowid DESC LIMIT 1")
      .get(conversationId) as { id: string } | undefined;
    return row ? this.conversations.getMessage(row.id) : null;
  }

  /**
   * Moves the messages after `messageId` (and the message itself when `inclusive`) aside, in one
   * transaction with their provenance. The cached summary of older turns is dropped, as it may
   * describe what was replaced. Returns the ids of the messages moved.
   */
  replaceAfter(messageId: string, options: { inclusive: boolean; reason: ReplacedMessage['reason'] }): string[] {
    const anchor = this.db.prepare('SELECT conversation_id, created_at, rowid AS r FROM messages WHERE id = ?').get(messageId) as
      | { conversation_id: string; created_at: string; r: number }
      | undefined;
    if (!anchor) throw new NotFoundError('Message', messageId);
    const where = `conversation_id = @c AND (created_at > @at OR (created_at = @at AND rowid ${options.inclusive ? '>=' : '>'} @r))`;
    const params = { c: anchor.conversation_id, at: anchor.created_at, r: anchor.r };
    return this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO replaced_messages (id, conversation_id, role, agent, text, status, created_at, metrics_json, provenance_detail, reason, replaced_at)
           SELECT m.id, m.conversation_id, m.role, m.agent, m.text, m.status, m.created_at, m.metrics_json,
                  (SELECT p.detail FROM message_provenance p WHERE p.message_id = m.id), @reason, @now
           FROM messages m WHERE ${where.replace(/\b(conversation_id|created_at|rowid)\b/g, 'm.$1')}`,
        )
        .run({ ...params, reason: options.reason, now: this.now().toISOString() });
      const moved = (this.db.prepare(`SELECT id FROM messages WHERE ${where}`).all(params) as { id: string }[]).map((r) => r.id);
      this.db.prepare(`DELETE FROM messages WHERE ${where}`).run(params);
      this.db.prepare('DELETE FROM conversation_summaries WHERE conversation_id = ?').run(anchor.conversation_id);
      return moved;
    })();
  }

  /** Messages replaced by a regenerate or an edit, oldest first. */
  replaced(conversationId: string): ReplacedMessage[] {
    if (!this.conversations.exists(conversationId)) throw new NotFoundError('Conversation', conversationId);
    const rows = this.db.prepare('SELECT * FROM replaced_messages WHERE conversation_id = ? ORDER BY replaced_at ASC, created_at ASC, rowid ASC').all(conversationId) as ReplacedRow[];
    return rows.map((row) => ({
      id: row.id,
      conversationId: row.conversation_id,
      role: row.role,
      agent: row.agent,
      text: row.text,
      status: row.status,
      createdAt: row.created_at,
      ...(row.metrics_json && { metrics: JSON.parse(row.metrics_json) as Message['metrics'] }),
      reason: row.reason,
      replacedAt: row.replaced_at,
    }));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
