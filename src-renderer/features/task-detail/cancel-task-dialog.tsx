import { useModalDialog } from '../../ui/use-modal-dialog.js';

/** "Cancel this task?" — a modal confirmation; Esc or "Keep running" backs out. */
export function CancelTaskDialog({ title, onConfirm, onClose }: { title: string; onConfirm: () => void; onClose: () => void }) {
  // Shown while mounted: the task view renders it only while the user is deciding.
  const modal = useModalDialog(true, onClose);
  return (
    <dialog
      {...modal}
      className="dialog"
      aria-modal="true"
      aria-labelledby="cancel-task-title"
      aria-describedby="cancel-task-body"
    >
      <h2 id="cancel-task-title" className="dialog-title">
        Cancel this task?
      </h2>
      <div className="dialog-body">
        <p id="cancel-task-body">
          Steward stops “{title}” right away. Files it already wrote stay in the workspace; nothing still waiting for approval will run.
        </p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Keep running
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm}>
          Cancel task
        </button>
      </div>
    </dialog>
  );
}
