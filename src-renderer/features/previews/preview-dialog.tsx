import { useId } from 'react';
import { CloseIcon } from '../../ui/icons.js';
import { useModalDialog } from '../../ui/use-modal-dialog.js';
import { ArtifactPreview } from './artifact-preview.js';
import { DownloadButton } from './download-button.js';
import { OpenFolderButton } from '../../ui/open-folder-button.js';
import '../../ui/file-dialog.css';

/**
 * A file's preview in a modal dialog. The native <dialog> opened with showModal() makes the rest
 * of the page inert (focus stays inside) and closes on Esc; focus returns to what opened it.
 */
export function PreviewDialog({ path, taskId, onClose }: { path: string; taskId?: string | null; onClose: () => void }) {
  // Shown while mounted; focus goes back to the link or button that opened it.
  const modal = useModalDialog(true, onClose, { returnFocus: true });
  const titleId = useId();
  const name = path.split('/').pop() ?? path;
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : null;
  return (
    <dialog
      {...modal}
      className="file-dialog preview-dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="file-dialog__inner preview-dialog__inner">
        <header className="file-dialog__header preview-dialog__header">
          <div className="file-dialog__heading preview-dialog__heading">
            <h2 id={titleId} className="file-dialog__title preview-dialog__title">
              {name}
            </h2>
            {folder && <span className="muted small">{folder}</span>}
          </div>
          <OpenFolderButton target={taskId ? { workspacePath: path, taskId } : { workspacePath: path }} />
          <DownloadButton path={path} taskId={taskId} />
          <button type="button" className="icon-button" aria-label="Close preview" onClick={onClose} autoFocus>
            <CloseIcon />
          </button>
        </header>
        <div className="file-dialog__body preview-dialog__body">
          <ArtifactPreview path={path} taskId={taskId} />
        </div>
      </div>
    </dialog>
  );
}
