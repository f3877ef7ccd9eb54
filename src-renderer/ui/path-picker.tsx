import { useId, useState } from 'react';
import { useStore } from 'zustand';
import type { PathKind } from '../../src-preload/contract.js';
import { ApiError } from '../api/api-error.js';
import { useApi } from '../app/dashboards-context.js';
import { useStores } from '../app/stores-context.js';
import { PathBrowserDialog } from './path-browser-dialog.js';
import { folderOf } from './path-parts.js';
import './path-picker.css';

export interface PathPickerProps {
  /** 'file' picks one file (only `extensions` are offered), 'folder' one folder. */
  pick: PathKind;
  /** The chosen absolute path, '' while none. The box is editable: a typed path counts too. */
  value: string;
  onChange(path: string): void;
  /** The field's label, also the dialog's title: "Model file", "Folder to index". */
  label: string;
  /** For files: the extensions offered, with their dot, e.g. ['.gguf']. */
  extensions?: readonly string[];
  /** A line under the field while there is no error. */
  hint?: string;
  /** The caller's error about the chosen path (e.g. the server refused it), shown under the field. */
  error?: string | null;
  disabled?: boolean;
  placeholder?: string;
  /** Where browsing starts when the box is empty (default: the home folder). */
  startAt?: string;
}

/**
 * A path box with "Browse…": the shared way to choose a file or folder on this computer. In the
 * desktop app Browse opens the system's own dialog (files.pickNative); in a browser it opens an
 * in-app browser of this computer's folders (files.browse), because a web page cannot learn a
 * picked file's full path.
 */
export function PathPicker({ pick, value, onChange, label, extensions, hint, error, disabled, placeholder, startAt }: PathPickerProps) {
  const api = useApi();
  // The desktop app talks over IPC; a browser talks to the local server over HTTP.
  const desktop = useStore(useStores().connection, (c) => c.transport === 'ipc');
  const id = useId();
  const [browsing, setBrowsing] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const shownError = error ?? pickError;
  const title = pick === 'folder' ? `Choose a folder: ${label}` : `Choose a file: ${label}`;
  const start = value.trim() ? (pick === 'folder' ? value.trim() : folderOf(value.trim())) : startAt;

  const browse = async () => {
    setPickError(null);
    if (!desktop) {
      setBrowsing(true);
      return;
    }
    try {
      const chosen = await api.call('files.pickNative', { pick, title, ...(extensions && { extensions: [...extensions] }), ...(start && { startAt: start }) });
      if (chosen.path) onChange(chosen.path);
    } catch (err) {
      setPickError(ApiError.from(err).message);
    }
  };

  return (
    <div className={`field path-picker${shownError ? ' field--invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="path-picker__row">
        <input
          id={id}
          className="text-input path-picker__input"
          value={value}
          placeholder={placeholder ?? (pick === 'folder' ? '/home/you/Documents' : `/home/you/Downloads/file${extensions?.[0] ?? ''}`)}
          spellCheck={false}
          disabled={disabled}
          aria-invalid={Boolean(shownError)}
          aria-describedby={shownError || hint ? `${id}-note` : undefined}
          onChange={(e) => {
            setPickError(null);
            onChange(e.target.value);
          }}
        />
        <button type="button" className="button" disabled={disabled} onClick={() => void browse()} aria-label={`Browse for ${label}`}>
          Browse…
        </button>
      </div>
      {shownError ? (
        <p id={`${id}-note`} className="field-error-text" role="alert">
          {shownError}
        </p>
      ) : (
        hint && (
          <p id={`${id}-note`} className="field-hint">
            {hint}
          </p>
        )
      )}
      {browsing && (
        <PathBrowserDialog
          pick={pick}
          title={title}
          extensions={extensions}
          startAt={start}
          onChoose={(chosen) => {
            setBrowsing(false);
            onChange(chosen);
          }}
          onClose={() => setBrowsing(false)}
        />
      )}
    </div>
  );
}
