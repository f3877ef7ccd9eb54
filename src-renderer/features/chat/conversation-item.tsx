import { useRef, useState } from 'react';
import type { Conversation } from '../../../src-preload/contract.js';
import { useStores } from '../../app/stores-context.js';
import { formatFull, formatListTime } from '../../ui/format-time.js';
import { PencilIcon, TrashIcon } from '../../ui/icons.js';
import { ConfirmDeleteRow, RenameRow } from './conversation-item-forms.js';
import { FolderForm, PinButton } from './conversation-organise.js';
import { personSignedIn } from '../sign-in/person-session.js';

type Mode = 'view' | 'rename' | 'confirm-delete' | 'folder';

/** One row of the conversation list, with inline rename, a folder choice and a confirm-before-delete step. */
export function ConversationItem({ conversation, active, onOpen, folders = [] }: { conversation: Conversation; active: boolean; onOpen: () => void; folders?: string[] }) {
  const { conversations } = useStores();
  const [mode, setMode] = useState<Mode>('view');
  const openRef = useRef<HTMLButtonElement>(null);
  // Someone else's conversation, seen by the owner: read only — the server refuses renaming, pinning and filing it (deleting stays).
  const othersReadOnly = conversation.person !== undefined && !personSignedIn();

  const backToView = () => {
    setMode('view');
    // Return focus to the row so keyboard users keep their place.
    requestAnimationFrame(() => openRef.current?.focus());
  };

  if (mode === 'rename') return <RenameRow conversation={conversation} onDone={backToView} />;
  if (mode === 'folder') return <FolderForm conversation={conversation} folders={folders} onDone={backToView} />;
  if (mode === 'confirm-delete') return <ConfirmDeleteRow conversation={conversation} onCancel={backToView} />;

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
          if (event.key === 'F2' && !othersReadOnly) setMode('rename');
          else if (event.key === 'Delete') setMode('confirm-delete');
        }}
      >
        <span className="conversation-title">{conversation.title}</span>
        <span className="conversation-preview">{conversation.lastMessagePreview ?? 'No messages yet'}</span>
        {/* The owner sees people's conversations too: whose each is, and that the owner only reads it. */}
        {othersReadOnly && <span className="conversation-preview conversation-person">{conversation.person?.name}’s conversation · read only</span>}
        <time className="conversation-time" dateTime={conversation.updatedAt} title={formatFull(conversation.updatedAt)}>
          {formatListTime(conversation.updatedAt)}
        </time>
      </button>
      <div className="conversation-actions">
        {!othersReadOnly && (
          <>
            <PinButton conversation={conversation} />
            <button type="button" className="icon-button folder-button" aria-label={`Move “${conversation.title}” to a folder`} title="Move to a folder" onClick={() => setMode('folder')}>
              ▤
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Rename “${conversation.title}”`}
              title="Rename (F2)"
              onClick={() => setMode('rename')}
            >
              <PencilIcon size={15} />
            </button>
          </>
        )}
        <button
          type="button"
          className="icon-button icon-button--danger"
          aria-label={`Delete “${conversation.title}”`}
          title="Delete (Del)"
          onClick={() => setMode('confirm-delete')}
        >
          <TrashIcon size={15} />
        </button>
      </div>
    </li>
  );
}
