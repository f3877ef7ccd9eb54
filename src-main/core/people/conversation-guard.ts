/**
 * The dispatcher's conversation check for one request: refuses a request that touches a
 * conversation the acting person may not (conversation-access.ts), and keeps a person's lists of
 * tasks and questions to their own conversations. conversations.list filters in its handler.
 */
import type { CallContext, Core } from '../core-types.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import { actingPerson } from './acting-person.js';
import { ensureConversationAccess, seesConversation, whoseRequest } from './conversation-access.js';
import { conversationOwners } from './conversation-owners.js';

type Rows = { conversationId: string | null }[];

/** Checks the request now; returns what the output goes through before it is answered. */
export function guardConversations(core: Core, db: SqliteDatabase, context: CallContext, request: { method: string; input: unknown; mutates: boolean }): <O>(output: O) => O {
  const viewer = context.personId ? actingPerson(core, context) : null;
  const owners = conversationOwners(db);
  const input = (request.input ?? {}) as Record<string, unknown>;
  const personName = (id: string) => core.people.repo.get(id)?.name ?? 'a removed profile';
  ensureConversationAccess(viewer, whoseRequest(owners, request.method, input), request, personName);
  if (!viewer || viewer.role === 'owner' || (request.method !== 'tasks.list' && request.method !== 'clarifications.list')) return (output) => output;
  return <O>(output: O): O => (output as Rows).filter((row) => row.conversationId !== null && seesConversation(viewer, owners.conversation(row.conversationId))) as O;
}
