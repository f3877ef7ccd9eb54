import { useCallback, useEffect, useState } from 'react';
import type { KnowledgeStatus } from '../../../src-preload/contract.js';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';
import { DashboardPage, DashSection, InlineError } from '../../ui/dashboard-page.js';
import { AddFolderForm } from './add-folder-form.js';
import { FolderCard } from './folder-card.js';
import { citedPassageId } from './citation-href.js';
import { PassageDialog } from './passage-dialog.js';
import './knowledge.css';

/** While a folder syncs the screen looks again often; otherwise now and then (files change on disk). */
const SYNCING_REFRESH_MS = 1000;
const IDLE_REFRESH_MS = 5000;

/**
 * Knowledge: folders Steward reads so that answers can come from your documents, with citations
 * that open the passage. Each folder shows its files and their index state, counts, last sync and
 * errors; add (with the path picker), rescan, pause and remove.
 */
export function KnowledgeScreen() {
  const api = useApi();
  // A citation opened from outside the chat (a new tab, a copied link) lands here: show its passage.
  const [passageId, setPassageId] = useState(() => citedPassageId(window.location.hash));
  const [status, setStatus] = useState<KnowledgeStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      setStatus(await api.call('knowledge.status', {}));
      setError(null);
    } catch (err) {
      setError(ApiError.from(err).message);
    }
  }, [api]);
  const syncing = status?.folders.some((f) => f.syncing) ?? false;
  useEffect(() => {
    // The first look right away (on the next tick), then again at the pace the state calls for.
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => void refresh(), syncing ? SYNCING_REFRESH_MS : IDLE_REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh, syncing]);

  return (
    <DashboardPage title="Knowledge" description="Folders of documents Steward answers from. Answers cite the passages they used; a citation opens the file at that passage.">
      <InlineError message={error} onRetry={() => void refresh()} />
      <DashSection title="Add a folder">
        <AddFolderForm onAdded={() => void refresh()} />
      </DashSection>
      <DashSection title="Folders">
        {status && (
          <p className="knowledge-search-mode muted small">
            {status.search.mode === 'vectors' ? `Passages are found by meaning and by keywords.${embeddingNote(status.search.embedded)}` : `Passages are found by keywords. ${status.search.reason ?? ''}`}
          </p>
        )}
        {status && status.folders.length === 0 && <p className="muted">No knowledge folders yet. Add one above, then ask about its documents in the chat.</p>}
        <ul className="knowledge-folders" aria-label="Knowledge folders">
          {status?.folders.map((folder) => <FolderCard key={folder.id} folder={folder} onChanged={() => void refresh()} />)}
        </ul>
      </DashSection>
      {passageId !== null && (
        <PassageDialog
          passageId={passageId}
          onClose={() => {
            setPassageId(null);
            window.history.replaceState(null, '', '#/knowledge');
          }}
        />
      )}
    </DashboardPage>
  );
}

/** While passages are still getting their vectors: how far along, and what holds meanwhile. */
function embeddingNote(embedded: { done: number; total: number } | null): string {
  if (!embedded || embedded.done >= embedded.total) return '';
  return ` ${embedded.done.toLocaleString('en-US')} of ${embedded.total.toLocaleString('en-US')} passages have been read for meaning so far; the others are found by keywords until then.`;
}
