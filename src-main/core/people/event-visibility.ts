/**
 * Which events a signed-in person's event stream carries: those of their own conversations, tasks,
 * questions and approval cards, and the app-wide state every screen shows (settings, the model's
 * status, downloads, memory changed). Another person's or the owner's messages, tasks and cards,
 * the owner's spending and notifications and memory's questions to the owner never reach them.
 * The owner's stream carries everything, as before people existed. Unknown event types stay out
 * of a person's stream until they are named here (fail closed).
 */
import type { StewardEvent } from '../../../src-preload/contract.js';
import type { Person } from './person.js';
import { seesConversation } from './conversation-access.js';
import type { ConversationOwners, Whose } from './conversation-owners.js';

const EVERYONE_SEES = new Set<StewardEvent['type']>(['settings.changed', 'llm.status', 'model.download', 'memory.changed', 'conversation.deleted']);

/** Whose the conversation an event is about is; null for the owner's; undefined when it is about none. */
function whoseEvent(event: StewardEvent, owners: ConversationOwners): Whose {
  switch (event.type) {
    case 'message.created':
    case 'message.completed':
      return owners.conversation(event.message.conversationId);
    case 'conversation.updated':
      return event.conversation.person?.id ?? null;
    case 'message.delta':
    case 'messages.replaced':
    case 'agent.status':
    case 'clarification.requested':
    case 'clarification.resolved':
      return owners.conversation(event.conversationId);
    case 'task.updated':
      return owners.task(event.task.id);
    case 'task.progress':
      return owners.task(event.taskId);
    case 'approval.requested':
      return owners.approval(event.approval.id);
    case 'approval.resolved':
      return owners.approval(event.approvalId);
    default:
      return undefined;
  }
}

/** viewer null is the owner; a person's session that ended (signed out, switched off) is given nothing by the caller. */
export function eventVisibleTo(viewer: Pick<Person, 'id' | 'role'> | null, event: StewardEvent, owners: ConversationOwners): boolean {
  if (!viewer || viewer.role === 'owner') return true;
  if (EVERYONE_SEES.has(event.type)) return true;
  const whose = whoseEvent(event, owners);
  return whose !== undefined && seesConversation(viewer, whose);
}
