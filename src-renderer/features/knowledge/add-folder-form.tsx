import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';
import { PathPicker } from '../../ui/path-picker.js';

/** "Add a folder": the shared path picker for a folder, then knowledge.folders.add; a refusal shows under the path and nothing is added. */
export function AddFolderForm({ onAdded }: { onAdded: () => void }) {
  const api = useApi();
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!folder.trim()) {
      setError('Choose a folder first: type its full path or use Browse….');
      return;
    }
    setAdding(true);
    try {
      await api.call('knowledge.folders.add', { path: folder.trim() });
      setFolder('');
      setError(null);
      onAdded();
    } catch (err) {
      setError(ApiError.from(err).message);
    } finally {
      setAdding(false);
    }
  };

  return (
    <form className="knowledge-add" aria-label="Add a knowledge folder" onSubmit={(e) => void add(e)}>
      <PathPicker
        pick="folder"
        label="Folder to add"
        value={folder}
        onChange={(next) => {
          setFolder(next);
          setError(null);
        }}
        error={error}
        hint="Steward reads its .md, .txt, .pdf, .docx, .xlsx and .csv files (and those in its sub-folders) and keeps them in sync."
      />
      <button type="submit" className="button button--primary" disabled={adding}>
        {adding ? 'Adding…' : 'Add folder'}
      </button>
    </form>
  );
}
