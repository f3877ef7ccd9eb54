import { useId, useState } from 'react';
import { createPortal } from 'react-dom';
import type { BrowseEntry, PathKind } from '../../src-preload/contract.js';
import { formatBytes } from './format-bytes.js';
import { formatListTime } from './format-time.js';
import { useFolderListing, type FolderListing } from './use-folder-listing.js';
import { useModalDialog } from './use-modal-dialog.js';

export interface PathBrowserDialogProps {
  pick: PathKind;
  title: string;
  extensions?: readonly string[];
  /** The folder to open first; absent or unreadable: the home folder. */
  startAt?: string;
  onChoose(path: string): void;
  onClose(): void;
}

/**
 * The in-app browser of this computer's folders (the browser build's "Browse…"): a folder's
 * sub-folders open with a click, files (only the wanted kinds) are selected with a click and
 * chosen with Choose or a double click; a folder is chosen with "Choose this folder". The path
 * box at the top goes to a typed folder. A folder that cannot be read says so and the list stays.
 */
export function PathBrowserDialog({ pick, title, extensions, startAt, onChoose, onClose }: PathBrowserDialogProps) {
  const modal = useModalDialog(true, onClose, { returnFocus: true });
  const titleId = useId();
  const folder = useFolderListing(pick, extensions, startAt);
  const { listing, error, loading } = folder;
  const [selected, setSelected] = useState<string | null>(null);
  const [typingPath, setTypingPath] = useState(false);
  const openFolder = (path?: string) => {
    setSelected(null);
    setTypingPath(false);
    void folder.open(path);
  };
  const chosen = pick === 'folder' ? (listing?.path ?? null) : selected;
  const kinds = extensions?.length ? extensions.join(', ') : null;

  // In a portal: the picker usually sits inside a form, and a form (the folder bar) may not nest in another.
  return createPortal(
    <dialog {...modal} className="dialog dialog--wide path-browser" aria-labelledby={titleId}>
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <FolderBar folder={folder} editing={typingPath} onEdit={() => setTypingPath(true)} onOpen={openFolder} />
      {error && (
        <p className="field-error-text" role="alert">
          {error}
        </p>
      )}
      <ul className="path-browser__list" aria-label={`Contents of ${listing?.path ?? 'the folder'}`} aria-busy={loading}>
        {listing?.folders.map((entry) => (
          <li key={entry.path}>
            <button type="button" className="path-browser__entry path-browser__entry--folder" onClick={() => openFolder(entry.path)} aria-label={`Open folder ${entry.name}`}>
              <span aria-hidden="true">▸</span>
              <span className="path-browser__name">{entry.name}</span>
            </button>
          </li>
        ))}
        {listing?.files.map((file) => (
          <FileRow key={file.path} file={file} selected={selected === file.path} onSelect={() => setSelected(file.path)} onChoose={() => onChoose(file.path)} />
        ))}
        {listing && listing.folders.length + listing.files.length === 0 && (
          <li className="muted small path-browser__empty">{pick === 'folder' ? 'No folders in here.' : `No folders or ${kinds ? `${kinds} files` : 'files'} in here.`}</li>
        )}
        {listing && listing.notListed > 0 && <li className="muted small path-browser__empty">{listing.notListed.toLocaleString('en-US')} more not listed — type a more specific folder above.</li>}
      </ul>
      <div className="dialog-actions">
        <span className="muted small path-browser__choice" aria-live="polite">
          {chosen ? `Chosen: ${chosen}` : pick === 'file' ? `Select a file${kinds ? ` (${kinds})` : ''}.` : ''}
        </span>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button--primary" disabled={!chosen || loading} onClick={() => chosen && onChoose(chosen)}>
          {pick === 'folder' ? 'Choose this folder' : 'Choose'}
        </button>
      </div>
    </dialog>,
    document.body,
  );
}

/**
 * Up, Home and the folder's path, editable: Enter or Go opens a typed folder. The box follows the
 * folder shown, except while the user is typing in it: a listing that arrives then (the first
 * folder loads as the dialog opens) must not wipe what they typed.
 */
function FolderBar({ folder, editing, onEdit, onOpen }: { folder: FolderListing; editing: boolean; onEdit(): void; onOpen(path?: string): void }) {
  const { listing, loading } = folder;
  const [typed, setTyped] = useState(listing?.path ?? '');
  const shownPath = listing?.path ?? '';
  // Only a new folder moves the box (adjusted while rendering, React's pattern for state that follows a prop).
  const [pathBefore, setPathBefore] = useState(shownPath);
  if (shownPath !== pathBefore) {
    setPathBefore(shownPath);
    if (!editing) setTyped(shownPath);
  }
  return (
    <form
      className="path-browser__bar"
      aria-label="Go to folder"
      onSubmit={(e) => {
        e.preventDefault();
        // React bubbles events along the component tree, portal or not: the picker's own form must not submit.
        e.stopPropagation();
        if (typed.trim()) onOpen(typed.trim());
      }}
    >
      <button type="button" className="button button--small" disabled={!listing?.parent || loading} onClick={() => listing?.parent && onOpen(listing.parent)}>
        Up
      </button>
      <button type="button" className="button button--small" disabled={loading} onClick={() => onOpen(listing?.home)}>
        Home
      </button>
      <input className="text-input path-browser__path" aria-label="Folder" value={typed} spellCheck={false} onChange={(e) => {
          onEdit();
          setTyped(e.target.value);
        }} />
      <button type="submit" className="button button--small" disabled={loading}>
        Go
      </button>
    </form>
  );
}

function FileRow({ file, selected, onSelect, onChoose }: { file: BrowseEntry; selected: boolean; onSelect(): void; onChoose(): void }) {
  return (
    <li>
      <button type="button" className="path-browser__entry" aria-pressed={selected} onClick={onSelect} onDoubleClick={onChoose}>
        <span className="path-browser__name">{file.name}</span>
        <span className="muted small">{formatBytes(file.size)}</span>
        {file.modifiedAt && <span className="muted small">{formatListTime(file.modifiedAt)}</span>}
      </button>
    </li>
  );
}
