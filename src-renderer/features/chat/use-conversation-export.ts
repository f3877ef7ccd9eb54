import { useStore } from 'zustand';
import { downloadText } from '../../ui/form-controls.js';
import { useStores } from '../../app/stores-context.js';
import { conversationJson, conversationMarkdown, exportFileName } from './conversation-export.js';

/** Export of one conversation as Markdown or JSON: the whole of it, older pages included. */
export function useConversationExport(conversationId: string | null): { canExport: boolean; exportAs: (format: 'md' | 'json') => Promise<void> } {
  const { conversations, messages } = useStores();
  const conversation = useStore(conversations, (s) => s.conversations.find((c) => c.id === conversationId) ?? null);
  const thread = useStore(messages, (s) => (conversationId ? s.threads[conversationId] : undefined));
  const list = thread?.messages ?? [];
  const canExport = conversation !== null && list.length > 0;
  const exportAs = async (format: 'md' | 'json') => {
    if (!conversation) return;
    for (let pages = 0; pages < 1000 && messages.getState().threads[conversation.id]?.hasOlder; pages++) {
      const before = messages.getState().threads[conversation.id]?.messages.length ?? 0;
      await messages.getState().loadOlder(conversation.id);
      if ((messages.getState().threads[conversation.id]?.messages.length ?? 0) === before) break;
    }
    const all = messages.getState().threads[conversation.id]?.messages ?? list;
    if (format === 'md') downloadText(exportFileName(conversation.title, 'md'), conversationMarkdown(conversation, all), 'text/markdown');
    else downloadText(exportFileName(conversation.title, 'json'), conversationJson(conversation, all), 'application/json');
  };
  return { canExport, exportAs };
}
