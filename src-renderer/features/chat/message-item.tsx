import { memo, useState } from 'react';
import type { Message } from '../../../src-preload/contract.js';
import { formatClock, formatFull } from '../../ui/format-time.js';
import { AlertIcon, InfoIcon } from '../../ui/icons.js';
import type { PendingMessage } from '../../state/messages-store.js';
import { AGENT_LABELS, AgentBadge, SpeakerAvatar } from './agent-badge.js';
import { NoticeText } from './notice-text.js';
import { CopyMessageButton } from './copy-message-button.js';
import { MarkdownView } from './markdown/markdown-view.js';
import { EditMessageForm, RegenerateButton } from './message-actions.js';
import { ReplyFooter } from './reply-footer.js';
import { MessageImages } from './message-images.js';

/**
 * While a reply streams, each delta re-renders it; past this length the live text is shown plain
 * (re-parsing a huge Markdown text on every delta would stall typing) and formatted once complete.
 */
export const LIVE_MARKDOWN_MAX_CHARS = 30_000;

interface MessageItemProps {
  message: Message;
  /** First message of a run by the same speaker: shows the avatar and name. */
  showHeader: boolean;
  /** Last message of a run: shows the time (every bubble still has it on hover). */
  showMeta: boolean;
  /** The conversation's latest reply, with nothing running: offers Regenerate. */
  canRegenerate?: boolean;
  /** For the user's own messages when nothing is running: how many messages follow (Edit says they will be replaced). */
  laterCount?: number;
  /** Who wrote the user messages when they are not the reader's own (the owner reading a person's conversation). */
  authorName?: string;
}

/**
 * One message. The user's own text is shown as typed (React escapes it); replies are Markdown
 * rendered without raw HTML (see MarkdownView). Memoised: a delta re-renders only its message.
 */
export const MessageItem = memo(function MessageItem({ message, showHeader, showMeta, canRegenerate, laterCount, authorName }: MessageItemProps) {
  const [editing, setEditing] = useState(false);
  if (message.role === 'system') return <SystemNotice message={message} canRegenerate={canRegenerate ?? false} />;
  if (message.role === 'user') {
    return (
      <div className={`message message--user${showHeader ? ' message--first' : ''}`} role="article" aria-label={authorName ? `${authorName} said` : 'You said'} data-message-id={message.id}>
        {editing && laterCount !== undefined ? (
          <EditMessageForm messageId={message.id} text={message.text} laterCount={laterCount} onDone={() => setEditing(false)} />
        ) : (
          <UserBubble message={message} />
        )}
        <MessageImages messageId={message.id} text={message.text} />
        <div className="message-actions">
          <CopyMessageButton text={message.text} />
          {laterCount !== undefined && !editing && (
            <button type="button" className="message-action" aria-label="Edit message" title="Change this message and get a new answer" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
        </div>
        {showMeta && (
          <time className="message-meta" dateTime={message.createdAt} title={formatFull(message.createdAt)}>
            {formatClock(message.createdAt)}
          </time>
        )}
      </div>
    );
  }
  const speaker = message.agent ? AGENT_LABELS[message.agent] : 'Steward';
  const streaming = message.status === 'streaming';
  return (
    <div
      className={`message message--assistant${showHeader ? ' message--first' : ''}`}
      role="article"
      aria-label={`${speaker} says`}
      data-message-id={message.id}
      data-agent={message.agent ?? 'steward'}
      aria-busy={streaming || undefined}
    >
      <div className="message-gutter">{showHeader && <SpeakerAvatar role={message.agent ?? 'steward'} />}</div>
      <div className="message-body">
        {showHeader && (
          <div className="message-header">
            {message.agent ? <AgentBadge role={message.agent} /> : <span className="speaker-name">{speaker}</span>}
          </div>
        )}
        <div className={`bubble bubble--assistant${message.status === 'error' ? ' bubble--error' : ''}`} title={formatFull(message.createdAt)}>
          {streaming && message.text === '' ? (
            <TypingDots label={`${speaker} is typing`} />
          ) : (
            <>
              {streaming && message.text.length > LIVE_MARKDOWN_MAX_CHARS ? <div className="plain-text">{message.text}</div> : <MarkdownView text={message.text} />}
              {streaming && <span className="caret" aria-hidden="true" />}
            </>
          )}
        </div>
        {!streaming && message.text && (
          <div className="message-actions">
            <CopyMessageButton text={message.text} />
            {canRegenerate && <RegenerateButton conversationId={message.conversationId} />}
          </div>
        )}
        {!streaming && message.metrics && <ReplyFooter metrics={message.metrics} />}
        {(showMeta || message.status === 'error') && (
          <div className="message-meta">
            {message.status === 'error' && (
              <span className="message-problem">
                <AlertIcon size={13} /> Reply interrupted
              </span>
            )}
            <time dateTime={message.createdAt} title={formatFull(message.createdAt)}>
              {formatClock(message.createdAt)}
            </time>
          </div>
        )}
      </div>
    </div>
  );
});

/** System messages are notices from Steward itself (e.g. "no assistant is configured"), not chat. */
function SystemNotice({ message, canRegenerate }: { message: Message; canRegenerate: boolean }) {
  const isError = message.status === 'error';
  return (
    <div className={`notice${isError ? ' notice--error' : ''}`} data-message-id={message.id} role="note" aria-label="Notice from Steward">
      <span className="notice-icon">{isError ? <AlertIcon size={16} /> : <InfoIcon size={16} />}</span>
      <div className="notice-body">
        <div className="notice-title">
          Steward notice
          <time dateTime={message.createdAt} title={formatFull(message.createdAt)}>
            {formatClock(message.createdAt)}
          </time>
        </div>
        <p className="notice-text">
          <NoticeText text={message.text} />
        </p>
        {canRegenerate && (
          <div className="message-actions">
            <RegenerateButton conversationId={message.conversationId} />
          </div>
        )}
      </div>
    </div>
  );
}

/** The user's message between pressing Enter and the server confirming it. */
export function PendingItem({ pending }: { pending: PendingMessage }) {
  return (
    <div className="message message--user message--pending" data-pending-id={pending.localId}>
      <div className="bubble bubble--user">{pending.text}</div>
      <span className="message-meta">Sending…</span>
    </div>
  );
}

/** Three bouncing dots; with a label they are announced, without one they are decoration. */
export function TypingDots({ label }: { label?: string }) {
  return (
    <span className="typing" {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}>
      <span />
      <span />
      <span />
    </span>
  );
}

/** The user's own text, shown as typed (React escapes it). */
function UserBubble({ message }: { message: Message }) {
  return (
    <div className="bubble bubble--user" title={formatFull(message.createdAt)}>
      {message.text}
    </div>
  );
}
