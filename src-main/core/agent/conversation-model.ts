import type { Core } from '../core-types.js';
import { cloudProviderOfChoice, localModelOfChoice, slotOfChoice } from '../llm/model-choice.js';
import type { ModelPin } from './model-caller.js';

/**
 * The model a conversation's calls go to: its choice in the chat header (a slot, for another
 * installed local model its id, for a cloud provider chosen by name its id), or null to let the
 * router decide ('auto', or a conversation that no longer exists).
 */
export function slotOfConversation(core: Pick<Core, 'conversations' | 'settings'>, conversationId: string): ModelPin | null {
  if (!core.conversations.repo.exists(conversationId)) return null;
  const model = core.conversations.controls.settings(conversationId).model;
  const slot = slotOfChoice(model);
  if (!slot) return null;
  const llm = core.settings.get().llm;
  const cloudProvider = cloudProviderOfChoice(model);
  // A provider removed since it was chosen: Steward picks instead (never an error on every message), and says so.
  if (cloudProvider && !llm.cloudProviders.some((p) => p.id === cloudProvider)) {
    return { slot: null, localModel: null, cloudProvider: null, note: removedProviderNote(cloudProvider) };
  }
  // 'local' is the default model: if a conversation loaded another one, this one's next call loads the default back.
  return { slot, localModel: localModelOfChoice(model) ?? (model === 'local' ? llm.localModel : null), cloudProvider };
}

/** Said in the conversation when its chosen cloud provider is gone; the chat header says the same. */
export function removedProviderNote(providerId: string): string {
  return `The cloud provider “${providerId}” chosen for this conversation was removed under Models › Cloud providers, so Steward picks the model until you choose another in the chat header.`;
}
