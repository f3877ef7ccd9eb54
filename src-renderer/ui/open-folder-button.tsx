import { useState } from 'react';
import { useStore } from 'zustand';
import type { MethodInput } from '../../src-preload/contract.js';
import { ApiError } from '../api/api-error.js';
import { useApi } from '../app/dashboards-context.js';
import { useStores } from '../app/stores-context.js';
import { copyText } from './copy-text.js';
import './path-picker.css';

/**
 * "Open folder" on a preview: in the desktop app it shows the file in the system's file manager,
 * selected (files.reveal); a browser page cannot open a folder on the computer, so there it says
 * that this works in the desktop app and shows the folder's path with Copy.
 */
export function OpenFolderButton({ target }: { target: MethodInput<'files.reveal'> }) {
  const api = useApi();
  const desktop = useStore(useStores().connection, (c) => c.transport === 'ipc');
  const [folder, setFolder] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const open = async () => {
    setError(null);
    try {
      const where = await api.call('files.reveal', target);
      if (!where.revealed) setFolder(where.folder);
    } catch (err) {
      setError(ApiError.from(err).message);
    }
  };

  return (
    <span className="open-folder">
      <button type="button" className="button button--small" onClick={() => void open()}>
        Open folder
      </button>
      {!desktop && folder && (
        <span className="open-folder__note small" role="status">
          Opening folders works in the desktop app. The file is in <code>{folder}</code>{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => void copyText(folder).then((ok) => setCopied(ok))}
          >
            {copied ? 'Copied' : 'Copy path'}
          </button>
        </span>
      )}
      {error && (
        <span className="field-error-text" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
