import { useEffect, useId, useRef } from 'react';
import type { KnowledgePassageView } from '../../../src-preload/contract.js';
import { useApi } from '../../app/dashboards-context.js';
import { InlineError, LoadingLine } from '../../ui/dashboard-page.js';
import { CloseIcon } from '../../ui/icons.js';
import { useModalDialog } from '../../ui/use-modal-dialog.js';
import { useApiResult } from '../previews/use-api-result.js';
import { OpenFolderButton } from '../../ui/open-folder-button.js';
import { OpenFileButton } from './open-file-button.js';
import '../../ui/file-dialog.css';
import './knowledge.css';

/** Where a passage sits in its file: "Page 2 · lines 3–5" (a PDF), "Section “Leave › Parental leave” · lines 7–13" (Word, Markdown). */
export function passagePlace(location: KnowledgePassageView['passage']['location']): string {
  const lines = location.lineStart === null ? '' : location.lineStart === location.lineEnd ? `line ${location.lineStart}` : `lines ${location.lineStart}–${location.lineEnd}`;
  return [location.page !== null ? `Page ${location.page}` : null, location.heading ? `Section “${location.heading}”` : null, lines || null].filter(Boolean).join(' · ');
}

/**
 * A cited passage in its file (what a citation opens): where it is (a PDF's page, a document's
 * section, its lines), the text around it with the passage's own lines highlighted and scrolled
 * into view, the file's name and folder, "Open file" (the system's app) and "Open folder".
 */
export function PassageDialog({ passageId, onClose }: { passageId: number; onClose: () => void }) {
  const api = useApi();
  const modal = useModalDialog(true, onClose, { returnFocus: true });
  const titleId = useId();
  const { result, retry } = useApiResult(String(passageId), () => api.call('knowledge.passage', { id: passageId }));
  const view = result.state === 'ready' ? result.value : null;
  return (
    <dialog {...modal} className="file-dialog passage-dialog" aria-modal="true" aria-labelledby={titleId} onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="file-dialog__inner passage-dialog__inner">
        <header className="file-dialog__header passage-dialog__header">
          <div className="file-dialog__heading passage-dialog__heading">
            <h2 id={titleId} className="file-dialog__title passage-dialog__title">
              {view ? view.fileName : 'Cited passage'}
            </h2>
            {view && (
              <>
                <span className="passage-dialog__where">{passagePlace(view.passage.location)}</span>
                <span className="muted small">{view.folder}</span>
              </>
            )}
          </div>
          {view && (
            <div className="passage-dialog__actions">
              <OpenFileButton passageId={passageId} />
              <OpenFolderButton target={{ path: view.passage.path }} />
            </div>
          )}
          <button type="button" className="icon-button" aria-label="Close preview" onClick={onClose} autoFocus>
            <CloseIcon />
          </button>
        </header>
        <div className="file-dialog__body passage-dialog__body">
          {result.state === 'loading' && (
            <LoadingLine>Opening the passage…</LoadingLine>
          )}
          {result.state === 'error' && <InlineError message={result.message} onRetry={retry} />}
          {view && <PassageLines view={view} />}
        </div>
      </div>
    </dialog>
  );
}

function PassageLines({ view }: { view: KnowledgePassageView }) {
  const first = useRef<HTMLLIElement>(null);
  const { lineStart, lineEnd } = view.passage.location;
  const inPassage = (n: number) => lineStart !== null && lineEnd !== null && n >= lineStart && n <= lineEnd;
  useEffect(() => {
    first.current?.scrollIntoView({ block: 'center' });
  }, [view]);
  const firstCited = view.lines.find((line) => inPassage(line.number))?.number ?? null;
  return (
    <>
      {view.notice && (
        <p className="notice-line small" role="note">
          {view.notice}
        </p>
      )}
      <ol className="passage-lines" aria-label="File text">
        {view.lines.map((line) => {
          const hit = inPassage(line.number);
          const isFirst = line.number === firstCited;
          return (
            <li key={line.number} ref={isFirst ? first : undefined} className={hit ? 'passage-line passage-line--cited' : 'passage-line'} data-cited={hit || undefined}>
              <span className="passage-line__number" aria-hidden="true">
                {line.number}
              </span>
              {/* The cited text itself is marked (<mark>), so it reads as highlighted to a screen reader too. */}
              <span className="passage-line__text">{hit && line.text ? <mark className="passage-line__mark">{line.text}</mark> : line.text || '\u00a0'}</span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
