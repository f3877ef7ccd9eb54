/** Request handlers of the chat controls (regenerate, edit, conversation settings, model choice, pin, folders). Spread into handlers.ts. */
import type { z } from 'zod';
import type { Conversation } from '../../../../src-preload/contract.js';
import type { CHAT_CONTROL_METHODS, ModelOption } from '../../../../src-preload/schemas/chat-controls.js';
import type { Core } from '../../core-types.js';
import { actingPersonId } from '../../people/acting-person.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof CHAT_CONTROL_METHODS> = z.output<(typeof CHAT_CONTROL_METHODS)[M]['input']>;
const { sync } = handlersUsing<'core'>();

export const chatControlHandlers = {
  'chat.regenerate': sync((input: In<'chat.regenerate'>, { core }, context) => {
    const { conversationId, message, replaced } = core.conversations.regenerate(input.conversationId, actingPersonId(core, context));
    return { conversationId, message, replaced };
  }),
  'chat.edit': sync((input: In<'chat.edit'>, { core }, context) => {
    const { conversationId, message, replaced } = core.conversations.edit(input.messageId, input.text, actingPersonId(core, context));
    return { conversationId, message, replaced };
  }),
  'chat.models': sync((_input: In<'chat.models'>, { core }) => modelOptions(core)),
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

/** What the chat header's model switcher offers: the router's choice, the local model, the cloud model — each with why it cannot answer now. */
export function modelOptions(core: Pick<Core, 'llm'>): ModelOption[] {
  const status = core.llm.status();
  const local = status.local;
  const cloud = status.cloud;
  return [
    { id: 'auto', label: 'Automatic (Steward picks)', available: local.configured || cloud.enabled, reason: local.configured || cloud.enabled ? null : 'No model is set up yet: install one on the Models screen.' },
    {
      id: 'local',
      label: local.model ? `${local.model} (on this computer)` : 'Local model',
      available: local.configured,
      reason: local.configured ? null : 'No local model is installed: install one on the Models screen.',
    },
    {
      id: 'cloud',
      label: cloud.enabled ? `${cloud.model} (cloud)` : 'Cloud model',
      available: cloud.enabled,
      reason: cloud.enabled ? null : 'No cloud model is connected: connect one under Integrations › Cloud model.',
    },
  ];
}
