import type { Core } from '../core-types.js';

/**
 * The provider a conversation's model calls go to: its choice in the chat header, or null to let
 * the router decide ('auto', or a conversation that no longer exists).
 */
export function slotOfConversation(core: Pick<Core, 'conversations'>, conversationId: string): 'local' | 'cloud' | null {
  if (!core.conversations.repo.exists(conversationId)) return null;
  const model = core.conversations.controls.settings(conversationId).model;
  return model === 'auto' ? null : model;
}
