import { useState } from 'react';
import type { ArtifactFile } from '../../../src-preload/schemas/artifacts.js';
import { useApi } from '../../app/dashboards-context.js';
import { PreviewDialog } from '../previews/preview-dialog.js';
import { useApiResult } from '../previews/use-api-result.js';

/** Files shown on the card; the rest are one click away in the task's details. */
const MAX_FILES = 6;

/**
 * What a finished task produced, right in the chat: its files as chips that open their preview,
 * and the first image (a website screenshot, a chart) as a thumbnail, so the result can be judged
 * without leaving the conversation. `version` changes when the task does, to list again.
 */
export function TaskOutputs({ taskId, version }: { taskId: string; version: string }) {
  const api = useApi();
  const { result } = useApiResult(`${taskId}\u0000${version}`, () => api.call('artifacts.list', { taskId }));
  const [open, setOpen] = useState<string | null>(null);
  if (result.state === 'loading') return null;
  if (result.state === 'error') {
    return (
      <p className="task-outputs-error" role="status">
        Couldn’t list the files this task produced ({result.message}).{' '}
        <a href={`#/tasks/${encodeURIComponent(taskId)}`}>Open the details</a> to see them and try again.
      </p>
    );
  }
  const files = result.value.files.filter((f) => f.preview !== null);
  if (files.length === 0) return null;
  const image = files.find((f) => f.preview === 'image');
  const shown = files.slice(0, MAX_FILES);
  return (
    <div className="task-outputs">
      {image && <ImageThumbnail taskId={taskId} file={image} onOpen={() => setOpen(image.path)} />}
      <ul className="task-output-files" aria-label="Files the task produced">
        {shown.map((file) => (
          <li key={file.path}>
            <button type="button" className="task-output-file" onClick={() => setOpen(file.path)} title={`Preview ${file.path}`}>
              {file.path}
            </button>
          </li>
        ))}
        {files.length > shown.length && (
          <li>
            <a className="task-output-more" href={`#/tasks/${encodeURIComponent(taskId)}`}>
              {files.length - shown.length} more…
            </a>
          </li>
        )}
      </ul>
      {open && <PreviewDialog path={open} taskId={taskId} onClose={() => setOpen(null)} />}
    </div>
  );
}

function ImageThumbnail({ taskId, file, onOpen }: { taskId: string; file: ArtifactFile; onOpen: () => void }) {
  const api = useApi();
  const { result } = useApiResult(`${taskId}\u0000${file.path}\u0000${file.modifiedAt}`, () => api.call('artifacts.preview', { path: file.path, taskId }));
  if (result.state !== 'ready' || result.value.kind !== 'image') return null;
  return (
    <button type="button" className="task-output-thumb" onClick={onOpen} aria-label={`Open ${file.path}`}>
      <img src={result.value.dataUrl} alt={`Preview of ${file.path}`} />
    </button>
  );
}
