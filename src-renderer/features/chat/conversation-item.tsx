import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Conversation } from '../../../src-preload/contract.js';
import { ApiError, fieldMessage } from '../../api/api-error.js';
import { useStores } from '../../app/stores-context.js';
import { formatFull, formatListTime } from '../../ui/format-time.js';
import { PencilIcon, TrashIcon } from '../../ui/icons.js';
import { FolderForm, PinButton } from './conversation-organise.js';

type Mode = { kind: 'view' } | { kind: 'rename'; error: string | null; saving: boolean } | { kind: 'confirm-delete'; error: string | null; deleting: boolean } | { kind: 'folder' };

/** One row of the conversation list, with inline rename and a confirm-before-delete step. */
export function ConversationItem({ conversation, active, onOpen, folders = [] }: { conversation: Conversation; active: boolean; onOpen: () => void; folders?: string[] }) {
  const { conversations } = useStores();
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [title, setTitle] = useState(conversation.title);
  const renameRef = useRef<HTMLInputElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  // Escape unmounts the field, which may fire a blur; the blur must not save what was cancelled.
  const cancelledRef = useRef(false);

  useEffect(() => {
    if (mode.kind === 'rename') {
      cancelledRef.current = false;
      renameRef.current?.select();
    }
    if (mode.kind === 'confirm-delete') cancelRef.current?.focus();
  }, [mode.kind]);

  const backToView = () => {
    setMode({ kind: 'view' });
    // Return focus to the row so keyboard users keep their place.
    requestAnimationFrame(() => openRef.current?.focus());
  };

  const saveRename = async (event?: FormEvent) => {
    event?.preventDefault();
    if (mode.kind !== 'rename' || mode.saving || cancelledRef.current) return;
    if (title === conversation.title) return backToView();
    setMode({ kind: 'rename', error: null, saving: true });
    try {
      await conversations.getState().rename(conversation.id, title);
      backToView();
    } catch (err) {
      setMode({ kind: 'rename', error: fieldMessage(ApiError.from(err), 'title', 'The title'), saving: false });
    }
  };

  const confirmDelete = async () => {
    setMode({ kind: 'confirm-delete', error: null, deleting: true });
    try {
      await conversations.getState().remove(conversation.id);
    } catch (err) {
      setMode({ kind: 'confirm-delete', error: ApiError.from(err).message, deleting: false });
    }
  };

  if (mode.kind === 'rename') {
    const errorId = `rename-error-${conversation.id}`;
    return (
      <li className="conversation-item conversation-item--editing">
        <form onSubmit={(event) => void saveRename(event)}>
          <input
            ref={renameRef}
            className="rename-input"
            aria-label="Conversation title"
            aria-invalid={mode.error ? true : undefined}
            aria-describedby={mode.error ? errorId : undefined}
            value={title}
            maxLength={200}
            disabled={mode.saving}
            onChange={(event) => setTitle(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                cancelledRef.current = true;
                setTitle(conversation.title);
                backToView();
              }
            }}
            onBlur={() => {
              if (!mode.error) void saveRename();
            }}
          />
          {mode.error && (
            <p className="item-error" id={errorId} role="alert">
              {mode.error}
            </p>
          )}
        </form>
      </li>
    );
  }

  if (mode.kind === 'folder') return <FolderForm conversation={conversation} folders={folders} onDone={backToView} />;

  if (mode.kind === 'confirm-delete') {
    return (
      <li className="conversation-item conversation-item--confirm" role="group" aria-label={`Delete “${conversation.title}”?`}>
        <p className="confirm-text">
          Delete <strong>{conversation.title}</strong>? Its messages are removed for good.
        </p>
        {mode.error && (
          <p className="item-error" role="alert">
            {mode.error}
          </p>
        )}
        <div className="confirm-actions">
          <button type="button" className="button button--danger" disabled={mode.deleting} onClick={() => void confirmDelete()}>
            {mode.deleting ? 'Deleting…' : 'Delete'}
          </button>
          <button type="button" className="button" ref={cancelRef} disabled={mode.deleting} onClick={backToView}>
            Cancel
          </button>
        </div>
      </li>
    );
  }

  return (
    <li className={`conversation-item${active ? ' conversation-item--active' : ''}`}>
      <button
        type="button"
        ref={openRef}
        className="conversation-link"
        aria-current={active ? 'page' : undefined}
        onClick={() => {
          conversations.getState().select(conversation.id);
          onOpen();
        }}
        onKeyDown={(event) => {
          if (event.key === 'F2') {
            setTitle(conversation.title);
            setMode({ kind: 'rename', error: null, saving: false });
          } else if (event.key === 'Delete') {
            setMode({ kind: 'confirm-delete', error: null, deleting: false });
          }
        }}
      >
        <span className="conversation-title">{conversation.title}</span>
        <span className="conversation-preview">{conversation.lastMessagePreview ?? 'No messages yet'}</span>
        <time className="conversation-time" dateTime={conversation.updatedAt} title={formatFull(conversation.updatedAt)}>
          {formatListTime(conversation.updatedAt)}
        </time>
      </button>
      <div className="conversation-actions">
        <PinButton conversation={conversation} />
        <button type="button" className="icon-button folder-button" aria-label={`Move “${conversation.title}” to a folder`} title="Move to a folder" onClick={() => setMode({ kind: 'folder' })}>
          ▤
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Rename “${conversation.title}”`}
          title="Rename (F2)"
          onClick={() => {
            setTitle(conversation.title);
            setMode({ kind: 'rename', error: null, saving: false });
          }}
        >
          <PencilIcon size={15} />
        </button>
        <button
          type="button"
          className="icon-button icon-button--danger"
          aria-label={`Delete “${conversation.title}”`}
          title="Delete (Del)"
          onClick={() => setMode({ kind: 'confirm-delete', error: null, deleting: false })}
        >
          <TrashIcon size={15} />
        </button>
      </div>
    </li>
  );
}
