import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { useConversationExport } from './use-conversation-export.js';
import { ShortcutsSheet } from './shortcuts-sheet.js';
import { ConversationSettingsDialog } from './conversation-settings-dialog.js';
import { ModelSwitcher } from './model-switcher.js';
import { ReplacedMessagesDialog } from './replaced-messages-dialog.js';
import { ChatMoreMenu } from './chat-more-menu.js';
import './chat-controls.css';

/** The chat header's actions: the conversation's model and settings; under More, replaced messages, export (Markdown, JSON) and the shortcuts sheet. */
export function ChatHeaderActions({ conversationId }: { conversationId: string | null }) {
  const { conversations } = useStores();
  const conversation = useStore(conversations, (s) => s.conversations.find((c) => c.id === conversationId) ?? null);
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

  const { canExport, exportAs } = useConversationExport(conversationId);
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
      <ChatMoreMenu>
        {(close) => (
          <>
            {conversation && (
              <button type="button" className="button button--small" title="Messages that Regenerate or Edit replaced, kept for you" onClick={() => {
                  close();
                  setReplacedOpen(true);
                }}>
                Replaced messages
              </button>
            )}
            {canExport && (
              <>
                <button type="button" className="button button--small" onClick={() => {
                  close();
                  void exportAs('md');
                }}>
                  Export Markdown
                </button>
                <button type="button" className="button button--small" onClick={() => {
                  close();
                  void exportAs('json');
                }}>
                  Export JSON
                </button>
              </>
            )}
            <button type="button" className="button button--small" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (Ctrl+/)" onClick={() => {
                  close();
                  setHelp(true);
                }}>
              Shortcuts
            </button>
          </>
        )}
      </ChatMoreMenu>
      {conversation && replacedOpen && <ReplacedMessagesDialog conversationId={conversation.id} onClose={() => setReplacedOpen(false)} />}
      <ShortcutsSheet open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
