import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';

/**
 * Regenerate: answers the last message again. The old answer is moved aside by the core (kept,
 * listed under "Replaced messages"), so nothing is lost.
 */
export function RegenerateButton({ conversationId }: { conversationId: string }) {
  const api = useApi();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  return (
    <>
      <button
        type="button"
        className="message-action"
        aria-label="Regenerate reply"
        title="Answer your last message again (this reply is kept under Replaced messages)"
        disabled={state.busy}
        onClick={() => {
          setState({ busy: true, error: null });
          api.call('chat.regenerate', { conversationId }).then(
            () => setState({ busy: false, error: null }),
            (err: unknown) => setState({ busy: false, error: ApiError.from(err).message }),
          );
        }}
      >
        Regenerate
      </button>
      {state.error && (
        <span className="message-action-error" role="alert">
          {state.error}
        </span>
      )}
    </>
  );
}

/**
 * Editing a sent message: the new text replaces it and the answer is written again. What it
 * replaces is said before saving — this message and the ones after it are moved aside.
 */
export function EditMessageForm({ messageId, text, laterCount, onDone }: { messageId: string; text: string; laterCount: number; onDone: () => void }) {
  const api = useApi();
  const [draft, setDraft] = useState(text);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);

  const save = () => {
    if (state.busy) return;
    setState({ busy: true, error: null });
    api.call('chat.edit', { messageId, text: draft }).then(onDone, (err: unknown) => setState({ busy: false, error: ApiError.from(err).message }));
  };
  const replaced = laterCount === 0 ? 'Your message will be replaced by the new text' : `Your message and the ${laterCount === 1 ? 'reply' : `${laterCount} messages`} after it will be replaced`;
  return (
    <form
      className="edit-message"
      aria-label="Edit message"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <textarea
        ref={ref}
        className="edit-message-input"
        aria-label="New text of your message"
        value={draft}
        rows={Math.min(10, Math.max(2, draft.split('\n').length))}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onDone();
          } else if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            save();
          }
        }}
      />
      <p className="edit-message-note">{replaced} (kept under Replaced messages), and Steward answers again.</p>
      {state.error && (
        <p className="edit-message-error" role="alert">
          {state.error}
        </p>
      )}
      <div className="edit-message-buttons">
        <button type="button" className="button button--small" onClick={onDone} disabled={state.busy}>
          Cancel
        </button>
        <button type="submit" className="button button--small button--primary" disabled={state.busy}>
          Save and re-run
        </button>
      </div>
    </form>
  );
}
