import { useState } from 'react';
import type { KnowledgeFolder, MethodName } from '../../../src-preload/contract.js';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';
import { ConfirmDialog } from '../../ui/form-controls.js';
import { formatListTime } from '../../ui/format-time.js';
import { FolderFiles } from './folder-files.js';

function countsLine(folder: KnowledgeFolder): string {
  const { indexed, pending, failed, skipped, passages } = folder.counts;
  return [`${indexed} indexed`, pending ? `${pending} pending` : null, failed ? `${failed} failed` : null, skipped ? `${skipped} skipped` : null, `${passages} passages`].filter(Boolean).join(' · ');
}

/** One knowledge folder: its counts and sync state, its error, Rescan, Pause/Resume, Remove, and its files. */
export function FolderCard({ folder, onChanged }: { folder: KnowledgeFolder; onChanged: () => void }) {
  const api = useApi();
  const [showFiles, setShowFiles] = useState(true);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (method: Extract<MethodName, `knowledge.folders.${string}`>, input: object) => {
    setError(null);
    try {
      await (api.call as (m: MethodName, i: object) => Promise<unknown>)(method, input);
      onChanged();
    } catch (err) {
      setError(ApiError.from(err).message);
    }
  };
  const syncLine = folder.paused
    ? 'Paused: not watched or synced; its passages still answer.'
    : folder.syncing
      ? 'Syncing…'
      : folder.lastSyncAt
        ? `In sync · last checked ${formatListTime(folder.lastSyncAt)}`
        : 'Waiting for its first sync…';
  return (
    <li className="knowledge-folder" aria-label={folder.path}>
      <div className="knowledge-folder__head">
        <h3 className="knowledge-folder__path" title={folder.path}>
          {folder.path}
        </h3>
        <div className="knowledge-folder__actions">
          <button type="button" className="button button--small" disabled={folder.paused} onClick={() => void act('knowledge.folders.rescan', { id: folder.id })}>
            Rescan
          </button>
          <button type="button" className="button button--small" onClick={() => void act('knowledge.folders.setPaused', { id: folder.id, paused: !folder.paused })}>
            {folder.paused ? 'Resume' : 'Pause'}
          </button>
          <button type="button" className="button button--small button--ghost-danger" onClick={() => setConfirmRemove(true)}>
            Remove
          </button>
        </div>
      </div>
      <p className="knowledge-folder__counts small">
        <span>{countsLine(folder)}</span> · <span className="muted" role="status">{syncLine}</span>
      </p>
      {folder.error && (
        <p className="field-error-text" role="alert">
          {folder.error}
        </p>
      )}
      {error && (
        <p className="field-error-text" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="link-button small" aria-expanded={showFiles} onClick={() => setShowFiles((v) => !v)}>
        {showFiles ? 'Hide files' : 'Show files'}
      </button>
      {showFiles && <FolderFiles folderId={folder.id} folderPath={folder.path} version={`${folder.lastSyncAt}|${JSON.stringify(folder.counts)}|${folder.syncing}`} />}
      <ConfirmDialog
        open={confirmRemove}
        title="Remove this knowledge folder?"
        body={<p>Steward forgets every passage it read from {folder.path}. The files themselves stay where they are.</p>}
        confirmLabel="Remove folder"
        danger
        onConfirm={() => {
          setConfirmRemove(false);
          void act('knowledge.folders.remove', { id: folder.id });
        }}
        onCancel={() => setConfirmRemove(false)}
      />
    </li>
  );
}
