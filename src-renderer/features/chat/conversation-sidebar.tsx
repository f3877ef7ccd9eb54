import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useStores } from '../../app/stores-context.js';
import { visibleConversations } from '../../state/conversations-store.js';
import { CloseIcon, PlusIcon, SearchIcon, StewardMark } from '../../ui/icons.js';
import { ConnectionStatus } from './connection-status.js';
import { ConversationItem } from './conversation-item.js';
import { sidebarGroups } from './conversation-organise.js';
import './conversation-organise.css';

/** Wait this long after the last keystroke before asking the server to search. */
const SEARCH_DEBOUNCE_MS = 200;

// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function ConversationSidebar({ onNavigate }: { onNavigate: () => void }) {
  const { conversations } = useStores();
  const { activeId, query, searching, status, error } = useStore(
    conversations,
    useShallow((s) => ({ activeId: s.activeId, query: s.query, searching: s.searching, status: s.status, error: s.error })),
  );
  const list = useStore(conversations, (s) => visibleConversations(s));
  const folderNames = [...new Set(list.map((c) => c.folder).filter((f): f is string => Boolean(f)))].sort();
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!query.trim()) return;
    const timer = setTimeout(() => void conversations.getState().search(), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, conversations]);

  const startNew = () => {
    conversations.getState().select(null);
    onNavigate();
  };

  return (
    <aside className="sidebar" aria-label="Conversations">
      <div className="sidebar-header">
        <div className="brand">
          <StewardMark size={26} />
          <span className="brand-name">Steward</span>
        </div>
        <button type="button" className="new-chat-button" aria-label="New conversation" onClick={startNew} title="New conversation (Ctrl+Shift+O)">
          <PlusIcon size={16} />
          <span>New</span>
        </button>
      </div>

      <div className="search-field">
        <SearchIcon size={16} className="search-field__icon" />
        <input
          ref={searchRef}
          type="search"
          aria-label="Search conversations"
          placeholder="Search conversations"
          value={query}
          onChange={(event) => conversations.getState().setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') conversations.getState().setQuery('');
          }}
        />
        {query && (
          <button
            type="button"
            className="icon-button search-field__clear"
            aria-label="Clear search"
            onClick={() => {
              conversations.getState().setQuery('');
              searchRef.current?.focus();
            }}
          >
            <CloseIcon size={14} />
          </button>
        )}
      </div>

      <nav className="conversation-nav" aria-label="Conversation list" aria-busy={searching || status === 'loading'}>
        {status === 'error' && list.length === 0 ? (
          <p className="sidebar-message sidebar-message--error" role="alert">
            {error}{' '}
            <button type="button" className="link-button" onClick={() => void conversations.getState().load()}>
              Try again
            </button>
          </p>
        ) : list.length === 0 ? (
          <p className="sidebar-message">
            {query.trim() ? (searching ? 'Searching…' : `No conversations match “${query.trim()}”.`) : status === 'ready' ? 'No conversations yet. Your chats will appear here.' : ''}
          </p>
        ) : (
          <>
            {sidebarGroups(list).map((group) => (
              <section key={`${group.kind}:${group.heading ?? ''}`} className={`conversation-group conversation-group--${group.kind}`} aria-label={group.heading ?? 'Conversations'}>
                {group.heading && <h2 className="conversation-group-heading">{group.heading}</h2>}
                <ul className="conversation-list">
                  {group.conversations.map((conversation) => (
                    <ConversationItem key={conversation.id} conversation={conversation} active={conversation.id === activeId} onOpen={onNavigate} folders={folderNames} />
                  ))}
                </ul>
              </section>
            ))}
            {!query.trim() && <OlderConversations />}
          </>
        )}
      </nav>

      <ConnectionStatus />
    </aside>
  );
}

/** The list comes a page at a time; older conversations are one click away. */
function OlderConversations() {
  const { conversations } = useStores();
  const { hasMore, loadingMore } = useStore(conversations, useShallow((s) => ({ hasMore: s.hasMore, loadingMore: s.loadingMore })));
  if (!hasMore) return null;
  return (
    <button type="button" className="link-button sidebar-more" disabled={loadingMore} onClick={() => void conversations.getState().loadMore()}>
      {loadingMore ? 'Loading older conversations…' : 'Show older conversations'}
    </button>
  );
}
