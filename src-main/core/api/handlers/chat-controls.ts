/** Request handlers of the chat controls (regenerate, edit, conversation settings, model choice, pin, folders). Spread into handlers.ts. */
import type { z } from 'zod';
import type { Conversation } from '../../../../src-preload/contract.js';
import type { CHAT_CONTROL_METHODS } from '../../../../src-preload/schemas/chat-controls.js';
import type { Core } from '../../core-types.js';
import { actingPersonId } from '../../people/acting-person.js';
import { handlersUsing } from '../handler.js';
import { chatModelOptions } from '../../llm/chat-model-options.js';
import { cloudProviderOfChoice, localModelOfChoice } from '../../llm/model-choice.js';
import { providerKeyAccount } from '../../llm/openai/cloud-key-account.js';

type In<M extends keyof typeof CHAT_CONTROL_METHODS> = z.output<(typeof CHAT_CONTROL_METHODS)[M]['input']>;
const { sync, async } = handlersUsing<'core'>();

export const chatControlHandlers = {
  'chat.regenerate': sync((input: In<'chat.regenerate'>, { core }, context) => {
    const { conversationId, message, replaced } = core.conversations.regenerate(input.conversationId, actingPersonId(core, context));
    return { conversationId, message, replaced };
  }),
  'chat.edit': sync((input: In<'chat.edit'>, { core }, context) => {
    const { conversationId, message, replaced } = core.conversations.edit(input.messageId, input.text, actingPersonId(core, context));
    return { conversationId, message, replaced };
  }),
  'chat.models': async((_input: In<'chat.models'>, { core }) =>
    chatModelOptions({
      status: core.llm.status(),
      llm: core.settings.get().llm,
      modelsDir: core.paths.modelsDir,
      keySet: async (id) => (await core.secrets.get(providerKeyAccount(id))) !== null,
    }),
  ),
  // Async: another local model is loaded before the choice is saved, so one that fails to load leaves the conversation as it was.
  'chat.useModel': async(async (input: In<'chat.useModel'>, { core }) => {
    core.conversations.controls.settings(input.conversationId);
    const local = localModelOfChoice(input.model);
    const cloudProvider = cloudProviderOfChoice(input.model);
    // A provider chosen by name must be able to answer now: refused with what to fix, nothing changes.
    if (cloudProvider) await core.llm.checkChosenCloud(cloudProvider);
    if (local) {
      await core.llm.loadChosenModel(local, (text) => core.events.emit({ type: 'agent.status', conversationId: input.conversationId, taskId: null, role: 'manager', text }));
    }
    return core.conversations.controls.updateSettings(input.conversationId, { model: input.model });
  }),
  'conversations.settings.get': sync((input: In<'conversations.settings.get'>, { core }) => core.conversations.controls.settings(input.id)),
  'conversations.settings.update': sync((input: In<'conversations.settings.update'>, { core }) => core.conversations.controls.updateSettings(input.id, input.patch)),
  'conversations.pin': sync((input: In<'conversations.pin'>, { core }) => announce(core, core.conversations.controls.pin(input.id, input.pinned))),
  'conversations.setFolder': sync((input: In<'conversations.setFolder'>, { core }) => announce(core, core.conversations.controls.setFolder(input.id, input.folder))),
  'messages.replaced': sync((input: In<'messages.replaced'>, { core }) => core.conversations.controls.replaced(input.conversationId)),
};

/** Pin and folder changes reach every open sidebar (the same event a rename sends). */
function announce(core: Core, conversation: Conversation): Conversation {
  core.events.emit({ type: 'conversation.updated', conversation });
  return conversation;
}
