import type { Core } from '../core-types.js';
import { localModelOfChoice, slotOfChoice } from '../llm/model-choice.js';
import type { ModelPin } from './model-caller.js';

/**
 * The model a conversation's calls go to: its choice in the chat header (a slot, and for another
 * installed local model its id), or null to let the router decide ('auto', or a conversation that
 * no longer exists).
 */
export function slotOfConversation(core: Pick<Core, 'conversations' | 'settings'>, conversationId: string): ModelPin | null {
  if (!core.conversations.repo.exists(conversationId)) return null;
  const model = core.conversations.controls.settings(conversationId).model;
  const slot = slotOfChoice(model);
  // 'local' is the default model: if a conversation loaded another one, this one's next call loads the default back.
  return slot ? { slot, localModel: localModelOfChoice(model) ?? (model === 'local' ? core.settings.get().llm.localModel : null) } : null;
}
