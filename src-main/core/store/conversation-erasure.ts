import type { AuditLog } from './audit-log.js';
import type { SqliteDatabase } from './sqlite.js';

export interface ConversationErasure {
  deleted: boolean;
  messages: number;
  episodes: number;
  tasks: number;
  auditRowsErased: number;
}

/** Message texts shorter than this are too common ("ok", "thanks") to look for in audit rows. */
const MIN_TEXT_TO_MATCH = 12;

/**
 * Deleting a conversation deletes what it said everywhere Steward kept it: the messages, the
 * memory episodes made from them (their keyword index and vectors go with them, by trigger), the
 * finished tasks, tool calls and approvals it raised, and the arguments of audit rows that mention it
 * (left as tombstones so the chain still verifies). secure_delete overwrites the freed pages.
 * Learned facts stay: they are memory, managed (and forgotten) in the memory viewer.
 */
export function eraseConversation(db: SqliteDatabase, audit: AuditLog, conversationId: string): ConversationErasure {
  return db.transaction(() => {
    const texts = (db.prepare('SELECT text FROM messages WHERE conversation_id = ?').all(conversationId) as { text: string }[]).map((r) => r.text);
    const episodes = db.prepare('DELETE FROM memory_episodes WHERE conversation_id = ?').run(conversationId).changes;
    const finishedCalls = db.prepare("SELECT id FROM tool_calls WHERE conversation_id = ? AND status NOT IN ('proposed', 'awaiting_approval', 'running')").all(conversationId) as { id: string }[];
    db.prepare("DELETE FROM approvals WHERE conversation_id = ? AND status <> 'pending'").run(conversationId);
    const deleteCall = db.prepare('DELETE FROM tool_calls WHERE id = ?');
    for (const call of finishedCalls) deleteCall.run(call.id);
    // Finished tasks hold the request's text in their title, plan and step outputs (steps and
    // their tool calls go with them by cascade); a task still running is stopped by the caller
    // first and otherwise kept, detached, rather than pulled from under its worker.
    const finishedTasks = db.prepare("SELECT id FROM tasks WHERE conversation_id = ? AND status IN ('succeeded', 'failed', 'cancelled', 'interrupted')").all(conversationId) as { id: string }[];
    const deleteTask = db.prepare('DELETE FROM tasks WHERE id = ?');
    for (const task of finishedTasks) deleteTask.run(task.id);
    const deleted = db.prepare('DELETE FROM conversations WHERE id = ?').run(conversationId).changes > 0;
    const needles = [conversationId, ...finishedCalls.map((c) => c.id), ...finishedTasks.map((t) => t.id), ...texts.filter((t) => t.trim().length >= MIN_TEXT_TO_MATCH)];
    const { erased } = audit.erase(audit.rowsMentioning(needles));
    return { deleted, messages: texts.length, episodes, tasks: finishedTasks.length, auditRowsErased: erased };
  })();
}
