import { useState } from 'react';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';

/**
 * "Download" in a preview's header: fetches the file exactly as it is in the workspace (not the
 * preview's rendering) and hands it to the browser's own download under the file's name. A refusal
 * (gone meanwhile, too large) shows beside the button.
 */
export function DownloadButton({ path, taskId }: { path: string; taskId?: string | null }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const file = await api.call('artifacts.download', taskId ? { path, taskId } : { path });
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.click();
      // The click has started the download; the object URL is no longer needed after this turn.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (err) {
      setError(ApiError.from(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button button--small" onClick={() => void download()} disabled={busy}>
        {busy ? 'Downloading…' : 'Download'}
      </button>
      {error && (
        <span className="field-error-text" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
