import { useState } from 'react';
import { useStore } from 'zustand';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';
import { useStores } from '../../app/stores-context.js';
import { copyText } from '../../ui/copy-text.js';
import '../../ui/path-picker.css';

/**
 * "Open file" on a cited passage: in the desktop app the file opens in the system's app for it (a
 * PDF reader, Word) through knowledge.openFile, which opens only indexed files; a browser page
 * cannot open files on the computer, so there it says this works in the desktop app and shows
 * the file's path with Copy — like "Open folder" beside it.
 */
export function OpenFileButton({ passageId }: { passageId: number }) {
  const api = useApi();
  const desktop = useStore(useStores().connection, (c) => c.transport === 'ipc');
  const [file, setFile] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const open = async () => {
    setError(null);
    try {
      const where = await api.call('knowledge.openFile', { id: passageId });
      if (!where.opened) setFile(where.path);
    } catch (err) {
      setError(ApiError.from(err).message);
    }
  };

  return (
    <span className="open-folder">
      <button type="button" className="button button--small" onClick={() => void open()}>
        Open file
      </button>
      {!desktop && file && (
        <span className="open-folder__note small" role="status">
          Opening files in their app works in the desktop app. The file is <code>{file}</code>{' '}
          <button type="button" className="link-button" onClick={() => void copyText(file).then((ok) => setCopied(ok))}>
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
