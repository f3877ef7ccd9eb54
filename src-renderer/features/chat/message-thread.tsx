import { Fragment, useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Message } from '../../../src-preload/contract.js';
import { useStores } from '../../app/stores-context.js';
import { pendingFor } from '../../state/messages-store.js';
import { formatDay, sameDay } from '../../ui/format-time.js';
import { ArrowDownIcon } from '../../ui/icons.js';
import { useStickToBottom } from '../../ui/use-stick-to-bottom.js';
import { AgentActivityLine } from './agent-activity-line.js';
import { MessageItem, PendingItem } from './message-item.js';

/** Consecutive messages from one speaker within this gap share one avatar and name. */
const GROUP_GAP_MS = 5 * 60_000;

/** The scrolling message log of one conversation (or of the not-yet-created one). */
export function MessageThread({ conversationId }: { conversationId: string | null }) {
  const { messages: messagesStore } = useStores();
  const thread = useStore(messagesStore, (s) => (conversationId ? s.threads[conversationId] : undefined));
  const pending = useStore(messagesStore, useShallow((s) => pendingFor(s, conversationId)));
  const activity = useStore(messagesStore, (s) => (conversationId ? s.activity[conversationId] : undefined));
  const messages = thread?.messages ?? EMPTY;
  // A new identity whenever anything shown changes (the stores update immutably).
  const contentKey = useMemo(() => ({ messages, pending, activity }), [messages, pending, activity]);
  const { ref, onScroll, atBottom, hasUnseen, scrollToBottom } = useStickToBottom(contentKey, pending.length);
  const streaming = messages.some((m) => m.status === 'streaming');

  return (
    <div className="thread-wrap">
      <div className="thread-scroll" ref={ref} onScroll={onScroll} tabIndex={0} aria-label="Message history">
        {thread?.status === 'loading' && messages.length === 0 && pending.length === 0 && <p className="thread-status">Loading messages…</p>}
        {thread?.status === 'error' && (
          <p className="thread-status thread-status--error" role="alert">
            {thread.error}{' '}
            <button type="button" className="link-button" onClick={() => conversationId && void messagesStore.getState().load(conversationId, { force: true })}>
              Try again
            </button>
          </p>
        )}
        <div className="thread" role="log" aria-live="polite" aria-relevant="additions" aria-label="Messages" aria-busy={streaming}>
          {messages.map((message, index) => {
            const previous = messages[index - 1];
            const next = messages[index + 1];
            const newDay = !previous || !sameDay(previous.createdAt, message.createdAt);
            // The pending message that follows a user's own run continues it.
            const endsRun = next ? startsGroup(message, next) || !sameDay(message.createdAt, next.createdAt) : !(message.role === 'user' && pending.length > 0);
            return (
              <Fragment key={message.id}>
                {newDay && <DaySeparator iso={message.createdAt} />}
                <MessageItem message={message} showHeader={newDay || startsGroup(previous, message)} showMeta={endsRun} />
              </Fragment>
            );
          })}
          {pending.map((p) => (
            <PendingItem key={p.localId} pending={p} />
          ))}
        </div>
        {activity && <AgentActivityLine activity={activity} />}
      </div>
      {!atBottom && (
        <button type="button" className={`jump-latest${hasUnseen ? ' jump-latest--unseen' : ''}`} onClick={() => scrollToBottom(true)}>
          <ArrowDownIcon size={16} />
          {hasUnseen ? 'New messages' : 'Jump to latest'}
        </button>
      )}
    </div>
  );
}

const EMPTY: Message[] = [];

function DaySeparator({ iso }: { iso: string }) {
  return (
    <div className="day-separator" role="separator">
      <span>{formatDay(iso)}</span>
    </div>
  );
}

function startsGroup(previous: Message | undefined, message: Message): boolean {
  if (!previous) return true;
  if (previous.role !== message.role || previous.agent !== message.agent) return true;
  return Date.parse(message.createdAt) - Date.parse(previous.createdAt) > GROUP_GAP_MS;
}
