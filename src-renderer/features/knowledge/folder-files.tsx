import { useEffect, useState } from 'react';
import type { KnowledgeFile } from '../../../src-preload/contract.js';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';
import { formatBytes } from '../../ui/format-bytes.js';

const STATE_LABEL: Record<KnowledgeFile['state'], string> = { indexed: 'Indexed', pending: 'Pending', failed: 'Failed', skipped: 'Skipped' };
const STATE_CHIP: Record<KnowledgeFile['state'], string> = { indexed: 'chip chip--ok', pending: 'chip', failed: 'chip chip--result-error', skipped: 'chip chip--warn' };

/** A folder's files with their index state; a failed or skipped file shows why. Reloaded whenever the folder's counts move (`version`). */
export function FolderFiles({ folderId, folderPath, version }: { folderId: string; folderPath: string; version: string }) {
  const api = useApi();
  const [files, setFiles] = useState<KnowledgeFile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.call('knowledge.files.list', { folderId }).then(
      (list) => live && (setFiles(list), setError(null)),
      (err: unknown) => live && setError(ApiError.from(err).message),
    );
    return () => {
      live = false;
    };
  }, [api, folderId, version]);
  if (error) return <p className="field-error-text" role="alert">{error}</p>;
  if (!files) return <p className="muted small">Loading the files…</p>;
  if (files.length === 0) return <p className="muted small">No .md, .txt, .pdf, .docx, .xlsx or .csv files in this folder yet.</p>;
  return (
    <ul className="knowledge-files" aria-label={`Files in ${folderPath}`}>
      {files.map((file) => (
        <li key={file.id} className="knowledge-file">
          <span className="knowledge-file__name" title={file.path}>
            {file.relativePath}
          </span>
          <span className="small">
            <span className={STATE_CHIP[file.state]}>{STATE_LABEL[file.state]}</span>{' '}
            <span className="muted">
              {formatBytes(file.bytes)}
              {file.state === 'indexed' && ` · ${file.passages} passage${file.passages === 1 ? '' : 's'}`}
            </span>
          </span>
          {file.reason && <span className={`knowledge-file__reason small${file.state === 'skipped' ? ' knowledge-file__reason--skipped' : ''}`}>{`${file.relativePath}: ${file.reason}`}</span>}
        </li>
      ))}
    </ul>
  );
}
