import { useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { ApiError } from '../api/api-error.js';
import { useStores } from '../app/stores-context.js';
import { copyText } from './copy-text.js';
import './path-picker.css';

export interface DesktopOpenButtonProps {
  label: string;
  /** Asks the app to open the thing; resolves to its path when it could not (a browser page), null when it did. */
  open(): Promise<string | null>;
  /** What a browser page says instead, before the path and its Copy button. */
  browserNote(path: string): ReactNode;
}

/**
 * A button that opens something on this computer with the system (a folder in the file manager, a
 * file in its app). The desktop app does it; a browser page cannot, so there it says that this
 * works in the desktop app and shows the path with Copy. A failure shows its reason.
 */
export function DesktopOpenButton({ label, open, browserNote }: DesktopOpenButtonProps) {
  const desktop = useStore(useStores().connection, (c) => c.transport === 'ipc');
  const [path, setPath] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const run = async () => {
    setError(null);
    try {
      setPath(await open());
    } catch (err) {
      setError(ApiError.from(err).message);
    }
  };

  return (
    <span className="open-folder">
      <button type="button" className="button button--small" onClick={() => void run()}>
        {label}
      </button>
      {!desktop && path && (
        <span className="open-folder__note small" role="status">
          {browserNote(path)}{' '}
          <button type="button" className="link-button" onClick={() => void copyText(path).then((ok) => setCopied(ok))}>
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
