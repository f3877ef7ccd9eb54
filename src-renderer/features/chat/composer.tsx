import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { draftKey } from '../../state/composer-store.js';
import { AlertIcon, SendIcon } from '../../ui/icons.js';

/**
 * The message box. Enter sends, Shift+Enter adds a line; the draft lives in the composer store,
 * so it survives switching conversations, reconnects and failed sends.
 */
export function Composer({ conversationId, autoFocus }: { conversationId: string | null; autoFocus: boolean }) {
  const { composer } = useStores();
  const key = draftKey(conversationId);
  const draft = useStore(composer, (s) => s.drafts[key] ?? '');
  const error = useStore(composer, (s) => s.errors[key]);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const canSend = draft.trim().length > 0;

  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus, conversationId]);

  const send = () => {
    if (!canSend) return;
    void composer.getState().send(conversationId);
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while an input method is composing (Japanese, Chinese…) confirms the character instead.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  const errorId = `composer-error-${key}`;
  return (
    <form className="composer" onSubmit={onSubmit}>
      {error && (
        <p className="composer-error" id={errorId} role="alert">
          <AlertIcon size={15} />
          <span>{error.message}</span>
        </p>
      )}
      <div className={`composer-box${error ? ' composer-box--error' : ''}`}>
        <textarea
          ref={inputRef}
          className="composer-input"
          aria-label="Message Steward"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          placeholder="Message Steward…"
          rows={1}
          value={draft}
          onChange={(event) => composer.getState().setDraft(conversationId, event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="send-button" aria-label="Send message" title="Send (Enter)" disabled={!canSend}>
          <SendIcon size={18} />
        </button>
      </div>
      <p className="composer-hint">
        <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
      </p>
    </form>
  );
}
