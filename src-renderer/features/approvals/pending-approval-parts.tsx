import type { Submission } from '../../state/agent-work-store.js';
import { AlertIcon, CheckIcon, CloseIcon, PencilIcon, RetryIcon } from '../../ui/icons.js';

export type Remember = 'once' | 'conversation' | 'always';

/** The arguments as editable JSON ("Modify"), with the reason when they cannot be read. */
export function ArgsEditor({ id, draft, error, invalid, onChange }: { id: string; draft: string; error: string | null; invalid: boolean; onChange: (text: string) => void }) {
  return (
    <div className="approval-editor">
      <label htmlFor={`args-${id}`}>Arguments (JSON)</label>
      <textarea
        id={`args-${id}`}
        className="approval-editor-input"
        spellCheck={false}
        rows={Math.min(16, Math.max(4, draft.split('\n').length + 1))}
        value={draft}
        aria-invalid={invalid || undefined}
        aria-describedby={error ? `args-${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <p id={`args-${id}-error`} className="work-card-error" role="alert">
          <AlertIcon size={14} /> {error}
        </p>
      )}
    </div>
  );
}

/** "If approved": ask again, allow the tool in this conversation, or always. */
export function RememberChoice({ id, tool, value, disabled, onChange }: { id: string; tool: string; value: Remember; disabled: boolean; onChange: (value: string) => void }) {
  return (
    <div className="approval-remember">
      <label htmlFor={`remember-${id}`}>If approved</label>
      <select id={`remember-${id}`} className="approval-remember-select" value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)}>
        <option value="once">Ask again next time</option>
        <option value="conversation">Allow {tool} in this conversation</option>
        <option value="always">Always allow {tool}</option>
      </select>
    </div>
  );
}

/** An answer the core refused (the arguments must change) or that never arrived (Retry sends it again). */
export function AnswerFailed({ failed, onRetry }: { failed: Submission; onRetry: () => void }) {
  return (
    <div className="work-card-error work-card-error--block" role="alert">
      <span>
        <strong>{failed.code === 'invalid_input' ? 'Not accepted.' : 'Your answer did not reach Steward.'}</strong> {failed.error}
      </span>
      {failed.retry && failed.code !== 'invalid_input' && (
        <button type="button" className="button button--small" onClick={onRetry}>
          <RetryIcon size={14} /> Retry
        </button>
      )}
    </div>
  );
}

/** Approve (with changes), Modify / Discard changes, Reject, and "Sending…" while an answer travels. */
export function PendingActions(props: {
  editing: boolean;
  sending: boolean;
  codeMissing: boolean;
  onApprove: () => void;
  onModify: () => void;
  onDiscard: () => void;
  onReject: () => void;
}) {
  const { editing, sending } = props;
  return (
    <div className="work-card-actions">
      <button type="button" className="button button--primary" disabled={sending || props.codeMissing} onClick={props.onApprove}>
        <CheckIcon size={16} /> {editing ? 'Approve with changes' : 'Approve'}
      </button>
      {editing ? (
        <button type="button" className="button" disabled={sending} onClick={props.onDiscard}>
          Discard changes
        </button>
      ) : (
        <button type="button" className="button" disabled={sending} onClick={props.onModify}>
          <PencilIcon size={16} /> Modify
        </button>
      )}
      <button type="button" className="button button--reject" disabled={sending} onClick={props.onReject}>
        <CloseIcon size={16} /> Reject
      </button>
      {sending && (
        <span className="work-card-sending" role="status">
          Sending…
        </span>
      )}
    </div>
  );
}
