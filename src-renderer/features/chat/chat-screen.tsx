import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useStores } from '../../app/stores-context.js';
import { useConversationRouteSync } from '../../app/use-route.js';
import { pendingFor } from '../../state/messages-store.js';
import { ConnectionBanner } from '../../ui/connection-banner.js';
import { MenuIcon } from '../../ui/icons.js';
import { CostWidget } from '../cost/cost-widget.js';
import { ActiveTaskPanel } from '../tasks/active-task-panel.js';
import { ReadOnlyConversationNote } from '../people/read-only-conversation-note.js';
import { useReadOnlyConversationOwner } from '../people/use-read-only-conversation.js';
import { ChatHeaderActions } from './chat-header-actions.js';
import { Composer } from './composer.js';
import { ConversationSidebar } from './conversation-sidebar.js';
import { EmptyState } from './empty-state.js';
import { useAssistantReady } from './use-assistant-ready.js';
import { MessageThread } from './message-thread.js';
import './chat.css';

/** The main window: conversation list on the left, the open conversation and composer on the right. */
export function ChatScreen() {
  const { conversations, messages } = useStores();
  useConversationRouteSync();
  const activeId = useStore(conversations, (s) => s.activeId);
  const active = useStore(conversations, (s) => s.conversations.find((c) => c.id === s.activeId) ?? null);
  const threadEmpty = useStore(
    messages,
    useShallow((s) => {
      const thread = activeId ? s.threads[activeId] : undefined;
      const loaded = !activeId || (thread !== undefined && thread.status !== 'loading');
      return loaded && (thread?.messages.length ?? 0) === 0 && pendingFor(s, activeId).length === 0;
    }),
  );
  const assistantConfigured = useAssistantReady();
  const readOnlyFor = useReadOnlyConversationOwner(activeId);
  const [sidebarOpen, setSidebarOpen] = useState(false);

  // Ctrl/Cmd+Shift+O starts a new conversation, as in most chat apps.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        conversations.getState().select(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [conversations]);

  const title = active?.title ?? (activeId ? '' : 'New conversation');
  useEffect(() => {
    document.title = title ? `${title} — Steward` : 'Steward';
  }, [title]);

  return (
    <div className={`app-shell${sidebarOpen ? ' app-shell--sidebar-open' : ''}`}>
      <ConversationSidebar onNavigate={() => setSidebarOpen(false)} />
      <div className="sidebar-scrim" aria-hidden="true" onClick={() => setSidebarOpen(false)} />
      <main className="chat-main">
        <header className="chat-header">
          <button type="button" className="icon-button sidebar-toggle" aria-label="Show conversations" onClick={() => setSidebarOpen(true)}>
            <MenuIcon />
          </button>
          <h1 className="chat-title">{title}</h1>
          {!assistantConfigured && (
            <span className="pill pill--warning" title="Messages are saved; replies arrive once a model is installed or connected.">
              No assistant configured
            </span>
          )}
          <ChatHeaderActions conversationId={activeId} />
          <CostWidget />
        </header>
        <ConnectionBanner />
        {threadEmpty ? <EmptyState conversationId={activeId} /> : <MessageThread key={activeId ?? 'new'} conversationId={activeId} />}
        <ActiveTaskPanel />
        {/* Another person's conversation, opened by the owner: read only (the server refuses the owner's messages there). */}
        {activeId && readOnlyFor ? <ReadOnlyConversationNote conversationId={activeId} personName={readOnlyFor} /> : <Composer conversationId={activeId} autoFocus />}
      </main>
    </div>
  );
}
