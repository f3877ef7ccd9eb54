import type { ArtifactFile, ArtifactList, TaskSteps } from '../../../src-preload/schemas/artifacts.js';
import { DashSection, InlineError } from '../../ui/dashboard-page.js';
import { formatFull } from '../../ui/format-time.js';
import { taskCost } from '../../state/task-detail-store.js';
import { formatUsd } from '../../state/cost-maths.js';
import { formatBytes } from '../../ui/format-bytes.js';

const KIND_LABELS: Record<NonNullable<ArtifactFile['preview']>, string> = {
  image: 'Image',
  html: 'Document',
  table: 'Spreadsheet',
  text: 'Text',
  pdf: 'PDF',
};

/** What the task's tool calls cost in total and per service. */
export function TaskCostCard({ calls }: { calls: TaskSteps['toolCalls'] }) {
  const cost = taskCost(calls);
  return (
    <DashSection title="Cost">
      <p className="tdv-cost__total" aria-label={`Total cost ${formatUsd(cost.totalUsd)}`}>
        {formatUsd(cost.totalUsd)}
        <span className="muted small"> · {calls.length} tool call{calls.length === 1 ? '' : 's'}</span>
      </p>
      {cost.byService.length > 0 && (
        <ul className="tdv-cost__lines" aria-label="Cost by service">
          {cost.byService.map((line) => (
            <li key={line.service}>
              <span className="tdv-cost__service">{line.service}</span>
              <span className="muted small">
                {line.calls} call{line.calls === 1 ? '' : 's'}
              </span>
              <span className="tdv-cost__usd">{formatUsd(line.usd)}</span>
            </li>
          ))}
        </ul>
      )}
    </DashSection>
  );
}

/** The files in the task's folder; each one opens its preview. */
export function TaskFilesCard({ files, error, onRetry, onOpen }: { files: ArtifactList | null; error: string | null; onRetry: () => void; onOpen: (path: string) => void }) {
  return (
    <DashSection title="Output files">
      <InlineError message={error} onRetry={onRetry} />
      {files && files.files.length === 0 && <p className="dash-empty">No files yet. Files the task writes appear here.</p>}
      {files && files.files.length > 0 && (
        <ul className="tdv-files" aria-label="Output files">
          {files.files.map((file) => (
            <li key={file.path}>
              <button type="button" className="tdv-file" onClick={() => onOpen(file.path)} disabled={file.preview === null} title={file.preview === null ? 'This file cannot be previewed' : `Preview ${file.path}`}>
                <span className={`tdv-file__icon tdv-file__icon--${file.preview ?? 'none'}`} aria-hidden="true">
                  {extensionOf(file.path)}
                </span>
                <span className="tdv-file__text">
                  <span className="tdv-file__name">{file.path}</span>
                  <span className="muted small">
                    {file.preview ? KIND_LABELS[file.preview] : 'No preview'} · {formatBytes(file.size)} · <time dateTime={file.modifiedAt}>{formatFull(file.modifiedAt)}</time>
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {files?.truncated && <p className="muted small">Only the first {files.files.length} files are listed.</p>}
    </DashSection>
  );
}

function extensionOf(path: string): string {
  const dot = path.lastIndexOf('.');
  const ext = dot > path.lastIndexOf('/') ? path.slice(dot + 1) : '';
  return (ext || 'file').slice(0, 4).toUpperCase();
}
