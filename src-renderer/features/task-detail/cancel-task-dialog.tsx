import { useEffect, useRef } from 'react';

/** "Cancel this task?" — a modal confirmation; Esc or "Keep running" backs out. */
export function CancelTaskDialog({ title, onConfirm, onClose }: { title: string; onConfirm: () => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-modal="true"
      aria-labelledby="cancel-task-title"
      aria-describedby="cancel-task-body"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
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
