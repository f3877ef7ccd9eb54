import { useStore } from 'zustand';
import type { HubFile } from '../../../src-preload/contract.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { InlineError } from '../../ui/dashboard-page.js';
import { formatBytes } from '../../ui/format-bytes.js';
import type { ModelHubStore } from '../../state/dashboards/model-hub-store.js';

/** One repository's GGUF files: quantisation, size, fit and speed on this computer, and Download with progress. */
export function HubFiles({ hub }: { hub: ModelHubStore }) {
  const s = useStore(hub);
  if (!s.openRepo) return null;
  return (
    <div className="hub-files" aria-label={`Files of ${s.openRepo}`}>
      <div className="hub-files-header">
        <p className="model-name">{s.openRepo}</p>
        <button type="button" className="link-button" onClick={() => hub.getState().close()}>
          Back to results
        </button>
      </div>
      {s.filesLoading && <p className="muted">Reading the file list…</p>}
      <InlineError message={s.filesError} onRetry={() => void hub.getState().open(s.openRepo!)} />
      {s.files && s.files.length === 0 && <p className="muted">This repository has no .gguf files at its top level.</p>}
      {s.files && s.files.length > 0 && (
        <ul className="model-list">
          {s.files.map((f) => (
            <HubFileRow key={f.fileName} hub={hub} file={f} />
          ))}
        </ul>
      )}
    </div>
  );
}

function HubFileRow({ hub, file }: { hub: ModelHubStore; file: HubFile }) {
  const models = useDashboards().models;
  const id = useStore(hub, (s) => s.pulledIds[file.fileName]);
  const pullError = useStore(hub, (s) => s.pullErrors[file.fileName]);
  const progress = useStore(models, (s) => (id ? s.downloads[id] : undefined));
  const active = progress !== undefined && !['completed', 'failed', 'cancelled'].includes(progress.state);
  const done = file.installed || progress?.state === 'completed';
  const total = progress?.total ?? file.sizeBytes;
  const percent = progress && total ? Math.min(100, (progress.bytes / total) * 100) : 0;
  return (
    <li className="model hub-file">
      <div className="model-main">
        <p className="model-name">
          {file.fileName}
          {done && <span className="chip chip--ok">installed</span>}
        </p>
        <p className="muted small">
          {[file.quantization, file.parametersBillions !== null ? `${file.parametersBillions}B` : null, file.sizeBytes !== null ? formatBytes(file.sizeBytes) : null, file.sha256 ? 'SHA-256 checked' : null].filter(Boolean).join(' · ')}
        </p>
        {file.note && <p className="small fit fit--no">Not downloadable: {file.note}.</p>}
        {file.fit && !file.fit.fits && <p className="small fit fit--no">{file.fit.warning ?? 'Does not fit this computer'}</p>}
        {file.speed && <p className={file.speed.usable ? 'small speed speed--ok' : 'small speed speed--slow'}>Speed: {file.speed.summary}</p>}
        {active && (
          <div className="progress" role="progressbar" aria-label={`Downloading ${file.fileName}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)}>
            <span className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
        )}
        <InlineError message={pullError ?? (progress?.state === 'failed' ? progress.error : null)} />
      </div>
      <div className="row-actions">
        {active && id ? (
          <button type="button" className="button button--small" onClick={() => void models.getState().cancel(id)}>
            Cancel
          </button>
        ) : (
          file.downloadable &&
          !done && (
            <button type="button" className="button button--small button--primary" aria-label={`Download ${file.fileName}`} onClick={() => void hub.getState().pull(file.fileName)}>
              Download
            </button>
          )
        )}
      </div>
    </li>
  );
}
