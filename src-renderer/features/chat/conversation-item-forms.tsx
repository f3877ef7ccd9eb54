import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Conversation } from '../../../src-preload/contract.js';
import { ApiError, fieldMessage } from '../../api/api-error.js';
import { useStores } from '../../app/stores-context.js';

/** A conversation row while its title is being edited: Enter or leaving the field saves, Esc cancels. */
export function RenameRow({ conversation, onDone }: { conversation: Conversation; onDone: () => void }) {
  const { conversations } = useStores();
  const [title, setTitle] = useState(conversation.title);
  const [state, setState] = useState<{ error: string | null; saving: boolean }>({ error: null, saving: false });
  const inputRef = useRef<HTMLInputElement>(null);
  // Escape unmounts the field, which may fire a blur; the blur must not save what was cancelled.
  const cancelledRef = useRef(false);

  useEffect(() => {
    cancelledRef.current = false;
    inputRef.current?.select();
  }, []);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (state.saving || cancelledRef.current) return;
    if (title === conversation.title) return onDone();
    setState({ error: null, saving: true });
    try {
      await conversations.getState().rename(conversation.id, title);
      onDone();
    } catch (err) {
      setState({ error: fieldMessage(ApiError.from(err), 'title', 'The title'), saving: false });
    }
  };

  const errorId = `rename-error-${conversation.id}`;
  return (
    <li className="conversation-item conversation-item--editing">
      <form onSubmit={(event) => void save(event)}>
        <input
          ref={inputRef}
          className="rename-input"
          aria-label="Conversation title"
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? errorId : undefined}
          value={title}
          maxLength={200}
          disabled={state.saving}
          onChange={(event) => setTitle(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              cancelledRef.current = true;
              setTitle(conversation.title);
              onDone();
            }
          }}
          onBlur={() => {
            if (!state.error) void save();
          }}
        />
        {state.error && (
          <p className="item-error" id={errorId} role="alert">
            {state.error}
          </p>
        )}
      </form>
    </li>
  );
}

/** "Delete … ? Its messages are removed for good." with Delete and Cancel (focused first). */
export function ConfirmDeleteRow({ conversation, onCancel }: { conversation: Conversation; onCancel: () => void }) {
  const { conversations } = useStores();
  const [state, setState] = useState<{ error: string | null; deleting: boolean }>({ error: null, deleting: false });
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => cancelRef.current?.focus(), []);

  const confirm = async () => {
    setState({ error: null, deleting: true });
    try {
      await conversations.getState().remove(conversation.id);
    } catch (err) {
      setState({ error: ApiError.from(err).message, deleting: false });
    }
  };

  return (
    <li className="conversation-item conversation-item--confirm" role="group" aria-label={`Delete “${conversation.title}”?`}>
      <p className="confirm-text">
        Delete <strong>{conversation.title}</strong>? Its messages are removed for good.
      </p>
      {state.error && (
        <p className="item-error" role="alert">
          {state.error}
        </p>
      )}
      <div className="confirm-actions">
        <button type="button" className="button button--danger" disabled={state.deleting} onClick={() => void confirm()}>
          {state.deleting ? 'Deleting…' : 'Delete'}
        </button>
        <button type="button" className="button" ref={cancelRef} disabled={state.deleting} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </li>
  );
}
