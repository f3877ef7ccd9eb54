import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { downloadText } from '../../app/form-controls.js';
import { useStores } from '../../app/stores-context.js';
import { conversationJson, conversationMarkdown, exportFileName } from './conversation-export.js';
import { ShortcutsSheet } from './shortcuts-sheet.js';
import { ConversationSettingsDialog } from './conversation-settings-dialog.js';
import { ModelSwitcher } from './model-switcher.js';
import { ReplacedMessagesDialog } from './replaced-messages-dialog.js';
import './chat-controls.css';

/** The chat header's actions: the conversation's model and settings, export (Markdown, JSON) and the shortcuts sheet. */
export function ChatHeaderActions({ conversationId }: { conversationId: string | null }) {
  const { conversations, messages } = useStores();
  const conversation = useStore(conversations, (s) => s.conversations.find((c) => c.id === conversationId) ?? null);
  const thread = useStore(messages, (s) => (conversationId ? s.threads[conversationId] : undefined));
  const [help, setHelp] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [replacedOpen, setReplacedOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === '/') {
        event.preventDefault();
        setHelp(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const list = thread?.messages ?? [];
  const canExport = conversation !== null && list.length > 0;
  /** The whole conversation, older pages included, then saved as a file. */
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
  return (
    <div className="chat-header-actions">
      {conversation && <ModelSwitcher key={conversation.id} conversationId={conversation.id} />}
      {conversation && (
        <button
          type="button"
          className="button button--small"
          aria-label="Conversation settings"
          title="Persona and style (temperature, top-p, max tokens) of this conversation"
          onClick={() => setSettingsOpen(true)}
        >
          Persona &amp; style
        </button>
      )}
      {conversation && settingsOpen && <ConversationSettingsDialog conversationId={conversation.id} open onClose={() => setSettingsOpen(false)} />}
      {conversation && (
        <button type="button" className="button button--small" title="Messages that Regenerate or Edit replaced, kept for you" onClick={() => setReplacedOpen(true)}>
          Replaced messages
        </button>
      )}
      {conversation && replacedOpen && <ReplacedMessagesDialog conversationId={conversation.id} onClose={() => setReplacedOpen(false)} />}
      {canExport && (
        <>
          <button type="button" className="button button--small" onClick={() => void exportAs('md')}>
            Export Markdown
          </button>
          <button type="button" className="button button--small" onClick={() => void exportAs('json')}>
            Export JSON
          </button>
        </>
      )}
      <button type="button" className="button button--small" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (Ctrl+/)" onClick={() => setHelp(true)}>
        Shortcuts
      </button>
      <ShortcutsSheet open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
