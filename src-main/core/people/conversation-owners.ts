/**
 * Whose a conversation, task or approval card is, read from the stored rows: the person whose chat
 * started the conversation, or null for the owner; undefined when there is no such row (the
 * request's own handler then says it was not found).
 */
import type { SqliteDatabase } from '../store/sqlite.js';

export type Whose = string | null | undefined;

export interface ConversationOwners {
  conversation(id: string): Whose;
  task(id: string): Whose;
  approval(id: string): Whose;
  message(id: string): Whose;
  clarification(id: string): Whose;
}

export function conversationOwners(db: SqliteDatabase): ConversationOwners {
  const person = (sql: string, id: string): Whose => {
    const row = db.prepare(sql).get(id) as { person_id: string | null } | undefined;
    return row ? row.person_id : undefined;
  };
  return {
    conversation: (id) => person('SELECT person_id FROM conversations WHERE id = ?', id),
    // A task or card without a conversation (a schedule's, a screen's) is the owner's.
    task: (id) => person('SELECT c.person_id FROM tasks t LEFT JOIN conversations c ON c.id = t.conversation_id WHERE t.id = ?', id),
    approval: (id) => person('SELECT c.person_id FROM approvals a LEFT JOIN conversations c ON c.id = a.conversation_id WHERE a.id = ?', id),
    message: (id) => person('SELECT c.person_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ?', id),
    clarification: (id) => person('SELECT c.person_id FROM clarifications q JOIN conversations c ON c.id = q.conversation_id WHERE q.id = ?', id),
  };
}
