/**
 * Conversations are per person. A signed-in person sees and touches only the conversations their
 * own chat started (and the tasks, questions and cards in them). The owner sees everyone's —
 * a person's labelled with whose it is (Conversation.person) — but only reads them: the owner may
 * stop a reply or task running there or delete it (the owner answers for what is stored), never write in
 * it, rename, pin or re-file it. Pure code over stored rows, checked in the dispatcher before any
 * handler runs (DESIGN §4.1).
 */
import { StewardError } from '../errors.js';
import type { ConversationOwners, Whose } from './conversation-owners.js';
import type { Person } from './person.js';

export class ConversationNotYoursError extends StewardError {
  constructor(viewerName: string) {
    super('unauthorized', `This conversation is not ${viewerName}’s: a signed-in person sees and changes only the conversations their own chat started. Open one of yours from the sidebar or start a new one. Nothing was changed.`);
  }
}

export class ConversationReadOnlyError extends StewardError {
  constructor(personName: string) {
    super('unauthorized', `This is ${personName}’s conversation: the owner may read it, stop a reply or delete it, but not write in it or change it. Start a conversation of your own for this. Nothing was changed.`);
  }
}

/** What the owner may do in someone else's conversation besides reading it. */
const OWNER_MAY_CHANGE = new Set(['chat.stop', 'tasks.cancel', 'conversations.delete']);

/** Whose the conversation this request touches is; undefined when it touches none (or names one that does not exist). */
export function whoseRequest(owners: ConversationOwners, method: string, input: Record<string, unknown>): Whose {
  const id = typeof input.id === 'string' ? input.id : undefined;
  if (typeof input.conversationId === 'string') return owners.conversation(input.conversationId);
  if (method === 'chat.edit' && typeof input.messageId === 'string') return owners.message(input.messageId);
  if (!id) return undefined;
  if (method.startsWith('conversations.')) return owners.conversation(id);
  if (method === 'tasks.get' || method === 'tasks.cancel' || method === 'tasks.sources') return owners.task(id);
  if (method === 'clarifications.answer') return owners.clarification(id);
  return undefined;
}

/**
 * Refuses a request that touches a conversation the viewer may not: viewer null is the owner.
 * personName names the person whose conversation it is (for the owner's refusal).
 */
export function ensureConversationAccess(
  viewer: Pick<Person, 'id' | 'name' | 'role'> | null,
  whose: Whose,
  request: { method: string; mutates: boolean },
  personName: (id: string) => string,
): void {
  if (whose === undefined) return;
  if (viewer && viewer.role !== 'owner') {
    if (whose !== viewer.id) throw new ConversationNotYoursError(viewer.name);
    return;
  }
  if (whose !== null && request.mutates && !OWNER_MAY_CHANGE.has(request.method)) throw new ConversationReadOnlyError(personName(whose));
}

/** Whether a viewer sees rows of a conversation owned by `whose` (lists, the event stream). */
export function seesConversation(viewer: Pick<Person, 'id' | 'role'> | null, whose: Whose): boolean {
  if (!viewer || viewer.role === 'owner') return true;
  return whose === viewer.id;
}
