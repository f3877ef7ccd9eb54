/**
 * Whose a conversation, task or approval card is, read from the stored rows: the person whose chat
 * started the conversation, or null for the owner; undefined when there is no such row (the
 * request's own handler then says it was not found).
 */
import type { SqliteDatabase } from '../store/sqlite.js';

export type Whose = string | null | undefined;

/** The person a task's stored state names (null when none, or when the state is damaged). */
const TASK_PERSON = "CASE WHEN json_valid(t.state_json) THEN json_extract(t.state_json, '$.personId') END";

export interface ConversationOwners {
  conversation(id: string): Whose;
  task(id: string): Whose;
  approval(id: string): Whose;
  message(id: string): Whose;
  clarification(id: string): Whose;
}

export function conversationOwners(db: SqliteDatabase): ConversationOwners {
  // A person's event stream asks once per event (each streamed piece of text too): prepare each
  // query once per owners object, not on every call.
  const statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  const person = (sql: string, id: string): Whose => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    const row = statement.get(id) as { person_id: string | null } | undefined;
    return row ? row.person_id : undefined;
  };
  return {
    conversation: (id) => person('SELECT person_id FROM conversations WHERE id = ?', id),
    // A task or card outside a conversation is the person's whose work its task does (the task
    // keeps who that was, as approval-access.ts reads it), else the owner's (a schedule's, a screen's).
    task: (id) => person(`SELECT COALESCE(c.person_id, ${TASK_PERSON}) AS person_id FROM tasks t LEFT JOIN conversations c ON c.id = t.conversation_id WHERE t.id = ?`, id),
    approval: (id) =>
      person(
        `SELECT COALESCE(c.person_id, ${TASK_PERSON}) AS person_id FROM approvals a
         LEFT JOIN tasks t ON t.id = a.task_id LEFT JOIN conversations c ON c.id = COALESCE(a.conversation_id, t.conversation_id) WHERE a.id = ?`,
        id,
      ),
    message: (id) => person('SELECT c.person_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ?', id),
    clarification: (id) => person('SELECT c.person_id FROM clarifications q JOIN conversations c ON c.id = q.conversation_id WHERE q.id = ?', id),
  };
}
