import { useCallback, useLayoutEffect, useMemo, useRef, type UIEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { ApprovalRecord, Clarification, Message } from '../../../src-preload/contract.js';
import { useStores } from '../../app/stores-context.js';
import { tasksOf } from '../../state/agent-work-store.js';
import { pendingFor } from '../../state/messages-store.js';
import { formatDay } from '../../ui/format-time.js';
import { ArrowDownIcon, RetryIcon } from '../../ui/icons.js';
import { useStickToBottom } from '../../ui/use-stick-to-bottom.js';
import { ApprovalCard } from '../approvals/approval-card.js';
import { ClarificationCard } from '../clarifications/clarification-card.js';
import { TaskCard } from '../tasks/task-card.js';
import { AgentActivityLine } from './agent-activity-line.js';
import { MessageItem, PendingItem } from './message-item.js';
import { estimateRowHeight, threadRows, type ThreadRow } from './thread-rows.js';
import { useReadOnlyConversationOwner } from '../people/use-read-only-conversation.js';

/** Rows rendered beyond the visible ones, so a quick scroll never shows blank space. */
const OVERSCAN_ROWS = 6;
/** Scrolled this close to the top, the next older page is fetched. */
const LOAD_OLDER_WITHIN_PX = 400;

/**
 * The scrolling message log of one conversation (or of the not-yet-created one). Virtualised:
 * only the rows near the viewport are in the DOM, so a thread with a 200k-character reply or a
 * huge code block stays responsive.
 */
// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function MessageThread({ conversationId }: { conversationId: string | null }) {
  const { messages: messagesStore, work: workStore } = useStores();
  const thread = useStore(messagesStore, (s) => (conversationId ? s.threads[conversationId] : undefined));
  const pending = useStore(messagesStore, useShallow((s) => pendingFor(s, conversationId)));
  const activity = useStore(messagesStore, (s) => (conversationId ? s.activity[conversationId] : undefined));
  const approvals = useStore(workStore, (s) => (conversationId ? s.conversations[conversationId]?.approvals : undefined)) ?? NO_APPROVALS;
  const clarifications = useStore(workStore, (s) => (conversationId ? s.conversations[conversationId]?.clarifications : undefined)) ?? NO_CLARIFICATIONS;
  const tasks = useStore(workStore, useShallow((s) => (conversationId ? tasksOf(s, conversationId) : [])));
  const messages = thread?.messages ?? EMPTY;
  const rows = useMemo(() => threadRows(messages, pending, { approvals, clarifications, tasks }), [messages, pending, approvals, clarifications, tasks]);
  // A new identity whenever anything shown changes (the stores update immutably).
  const contentKey = useMemo(() => ({ messages, pending, activity, approvals, clarifications, tasks }), [messages, pending, activity, approvals, clarifications, tasks]);
  const { ref, contentRef, onScroll, atBottom, hasUnseen, scrollToBottom } = useStickToBottom(contentKey, pending.length);
  const streaming = messages.some((m) => m.status === 'streaming');
  // Another person's conversation, opened by the owner: no Edit or Regenerate (the server refuses them there).
  const author = useReadOnlyConversationOwner(conversationId);
  const controls = useMemo(() => messageControls(messages, streaming || pending.length > 0 || author !== null, author), [messages, streaming, pending.length, author]);

  // eslint-disable-next-line react-hooks/incompatible-library -- this build does not use the React Compiler.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => ref.current,
    estimateSize: (index) => estimateRowHeight(rows[index]),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: OVERSCAN_ROWS,
    // Start at the end: a conversation opens on its latest messages.
    initialOffset: () => Number.MAX_SAFE_INTEGER,
  });
  const items = virtualizer.getVirtualItems();

  // Older messages arrive above the ones being read: keep the reader's place by shifting the
  // scroll position by exactly the height that was added on top.
  const anchor = useRef<{ scrollHeight: number; scrollTop: number } | null>(null);
  const loadOlder = useCallback(() => {
    const el = ref.current;
    if (!conversationId || !el || !thread?.hasOlder || thread.older?.status === 'loading') return;
    anchor.current = { scrollHeight: el.scrollHeight, scrollTop: el.scrollTop };
    void messagesStore.getState().loadOlder(conversationId);
  }, [conversationId, messagesStore, ref, thread?.hasOlder, thread?.older?.status]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !anchor.current || thread?.older?.status === 'loading') return;
    el.scrollTop = anchor.current.scrollTop + (el.scrollHeight - anchor.current.scrollHeight);
    anchor.current = null;
  }, [messages, ref, thread?.older?.status]);
  const onThreadScroll = (event: UIEvent<HTMLDivElement>) => {
    onScroll(event);
    if (event.currentTarget.scrollTop < LOAD_OLDER_WITHIN_PX) loadOlder();
  };

  return (
    <div className="thread-wrap">
      <div className="thread-scroll" ref={ref} onScroll={onThreadScroll} tabIndex={0} aria-label="Message history">
        <div className="thread-content" ref={contentRef}>
          {thread?.hasOlder && (
            <div className="thread-older">
              {thread.older?.status === 'loading' ? (
                <p className="thread-status">Loading earlier messages…</p>
              ) : (
                <button type="button" className="button button--small" onClick={loadOlder}>
                  {thread.older?.status === 'error' ? `Couldn’t load earlier messages (${thread.older.error}). Try again` : 'Load earlier messages'}
                </button>
              )}
            </div>
          )}
          {thread?.status === 'loading' && messages.length === 0 && pending.length === 0 && <p className="thread-status">Loading messages…</p>}
          {thread?.status === 'error' && (
            <div className="inline-error" role="alert">
              <span>
                <strong>Couldn’t load this conversation.</strong> {thread.error}
              </span>
              <button type="button" className="button button--small" onClick={() => conversationId && void messagesStore.getState().load(conversationId, { force: true })}>
                <RetryIcon size={14} /> Retry
              </button>
            </div>
          )}
          <div
            className="thread"
            role="log"
            aria-live="polite"
            aria-relevant="additions"
            aria-label="Messages"
            aria-busy={streaming}
            style={{ height: virtualizer.getTotalSize() }}
          >
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <div key={item.key} className="thread-row" data-index={item.index} ref={virtualizer.measureElement} style={{ transform: `translateY(${item.start}px)` }}>
                  <Row row={row} controls={controls} />
                </div>
              );
            })}
          </div>
          {activity && <AgentActivityLine activity={activity} />}
        </div>
      </div>
      {/* An instant jump, not a smooth one: a smooth scroll passes through positions that read as
          "the reader scrolled up", and the virtualised rows it reveals change the height under it. */}
      {!atBottom && (
        <button type="button" className={`jump-latest${hasUnseen ? ' jump-latest--unseen' : ''}`} onClick={() => scrollToBottom()}>
          <ArrowDownIcon size={16} />
          {hasUnseen ? 'New messages' : 'Jump to latest'}
        </button>
      )}
    </div>
  );
}

const EMPTY: Message[] = [];
const NO_APPROVALS: ApprovalRecord[] = [];
const NO_CLARIFICATIONS: Clarification[] = [];

/**
 * Which messages offer Regenerate and Edit: the latest reply (when no user message follows it)
 * and the user's own messages, each with how many messages an edit would replace. Nothing while a
 * reply is being written — the core would refuse it anyway.
 */
function messageControls(messages: Message[], busy: boolean, author: string | null): MessageControls {
  if (busy) return { lastReplyId: null, laterCount: new Map(), author };
  const laterCount = new Map<string, number>();
  messages.forEach((m, i) => {
    if (m.role === 'user') laterCount.set(m.id, messages.length - i - 1);
  });
  const last = messages.at(-1);
  const hasUser = messages.some((m) => m.role === 'user');
  return { lastReplyId: last && last.role !== 'user' && hasUser ? last.id : null, laterCount, author };
}

interface MessageControls {
  lastReplyId: string | null;
  laterCount: Map<string, number>;
  /** Whose words the user messages are when the owner reads a person's conversation; null: the reader's own. */
  author: string | null;
}

function Row({ row, controls }: { row: ThreadRow; controls: MessageControls }) {
  if (row.kind === 'day') {
    return (
      <div className="day-separator" role="separator">
        <span>{formatDay(row.iso)}</span>
      </div>
    );
  }
  if (row.kind === 'pending') return <PendingItem pending={row.pending} />;
  if (row.kind === 'approval') return <ApprovalCard approval={row.approval} />;
  if (row.kind === 'clarification') return <ClarificationCard clarification={row.clarification} />;
  if (row.kind === 'task') return <TaskCard task={row.task} />;
  return (
    <MessageItem
      message={row.message}
      showHeader={row.showHeader}
      showMeta={row.showMeta}
      canRegenerate={row.message.id === controls.lastReplyId}
      laterCount={controls.laterCount.get(row.message.id)}
      {...(controls.author && { authorName: controls.author })}
    />
  );
}
