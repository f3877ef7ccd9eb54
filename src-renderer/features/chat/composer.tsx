import { useEffect, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { draftKey } from '../../state/composer-store.js';
import { AlertIcon, RetryIcon, SendIcon } from '../../ui/icons.js';
import { QuickActionsBar } from '../quick-actions/quick-actions-bar.js';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';
import { keepWaitingFiles, readPickedFiles, waitingFiles, type PickedFile } from './attachments.js';
import { AttachButton, AttachedFiles } from './composer-attachments.js';
import { PlaceLinkText } from './place-link-text.js';
import './composer-attachments.css';

/**
 * The message box. Enter sends, Shift+Enter adds a line; the draft lives in the composer store,
 * so it survives switching conversations, reconnects and failed sends.
 */
/**
 * Failures worth trying again as they are: the connection or the server hiccuped. A message the
 * server refused (too long, empty) needs editing instead, so it gets no Retry button.
 */
const NEEDS_EDITING = new Set(['invalid_input', 'not_found', 'unauthorized', 'conflict']);

interface PickedState {
  for: string | null;
  files: PickedFile[];
  error: string | null;
  sending: boolean;
}

// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function Composer({ conversationId, autoFocus }: { conversationId: string | null; autoFocus: boolean }) {
  const { composer, messages, conversations } = useStores();
  const api = useApi();
  // Files waiting to be sent, for the conversation they were picked in (kept while another screen is open).
  const [picked, setPickedState] = useState<PickedState>(() => ({ for: conversationId, files: waitingFiles(draftKey(conversationId)), error: null, sending: false }));
  const setPicked = (next: PickedState) => {
    keepWaitingFiles(draftKey(next.for), next.files);
    setPickedState(next);
  };
  const attached = picked.for === conversationId ? picked : { for: conversationId, files: waitingFiles(draftKey(conversationId)), error: null, sending: false };
  // A reply is being written (or the assistant is working): offer Stop next to Send.
  const busy = useStore(
    messages,
    (s) => conversationId !== null && (s.activity[conversationId] !== undefined || (s.threads[conversationId]?.messages.some((m) => m.status === 'streaming') ?? false)),
  );
  const key = draftKey(conversationId);
  const draft = useStore(composer, (s) => s.drafts[key] ?? '');
  const error = useStore(composer, (s) => s.errors[key]);
  const focusRequest = useStore(composer, (s) => s.focusRequest);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const canSend = draft.trim().length > 0 || attached.files.length > 0;

  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus, conversationId]);

  // A quick action filled the box: put the cursor at the end of its words.
  useEffect(() => {
    const input = inputRef.current;
    if (focusRequest === 0 || !input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, [focusRequest]);

  const addFiles = (files: PickedFile[]) => setPicked({ ...attached, files: [...attached.files, ...files], error: null });

  /** A message with files: sent with chat.sendFiles; a refused file keeps everything in the box with the reason. */
  const sendWithFiles = () => {
    if (attached.sending) return;
    setPicked({ ...attached, sending: true, error: null });
    const input = { text: draft, files: attached.files.map((f) => ({ name: f.name, dataBase64: f.dataBase64 })), ...(conversationId && { conversationId }) };
    api.call('chat.sendFiles', input).then(
      (result) => {
        setPicked({ for: conversationId, files: [], error: null, sending: false });
        composer.getState().setDraft(conversationId, '');
        if (!conversationId) conversations.getState().select(result.conversationId);
        void messages.getState().load(result.conversationId, { force: true });
      },
      (err: unknown) => setPicked({ ...attached, sending: false, error: ApiError.from(err).message }),
    );
  };

  const send = () => {
    if (!canSend) return;
    if (attached.files.length > 0) sendWithFiles();
    else void composer.getState().send(conversationId);
    inputRef.current?.focus();
  };

  const onDrop = (event: DragEvent<HTMLFormElement>) => {
    if (event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    void readPickedFiles([...event.dataTransfer.files]).then(addFiles);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while an input method is composing (Japanese, Chinese…) confirms the character instead.
    if (event.key === 'Escape' && busy && conversationId) {
      event.preventDefault();
      void messages.getState().stop(conversationId);
      return;
    }
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
    <form
      className="composer"
      onSubmit={onSubmit}
      aria-label="Write a message"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={onDrop}
    >
      <QuickActionsBar conversationId={conversationId} />
      {attached.error && (
        <p className="composer-error" role="alert">
          <AlertIcon size={15} />
          {/* A refused file's reason names where to fix it (Models › Image input …): those places are links. */}
          <span>
            <PlaceLinkText text={attached.error} />
          </span>
        </p>
      )}
      <AttachedFiles files={attached.files} onRemove={(id) => setPicked({ ...attached, files: attached.files.filter((f) => f.id !== id), error: null })} />
      {error && (
        <p className="composer-error" id={errorId} role="alert">
          <AlertIcon size={15} />
          <span>{error.message}</span>
          {!NEEDS_EDITING.has(error.code) && (
            <button type="button" className="button button--small composer-retry" onClick={send}>
              <RetryIcon size={14} /> Retry
            </button>
          )}
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
        <AttachButton onPicked={addFiles} />
        {busy && conversationId && (
          <button type="button" className="button button--small stop-button" aria-label="Stop generating" title="Stop generating (Esc)" onClick={() => void messages.getState().stop(conversationId)}>
            Stop
          </button>
        )}
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
