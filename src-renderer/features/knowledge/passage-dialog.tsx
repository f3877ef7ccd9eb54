import { useEffect, useId, useRef } from 'react';
import type { KnowledgePassageView } from '../../../src-preload/contract.js';
import { useApi } from '../../app/dashboards-context.js';
import { CloseIcon } from '../../ui/icons.js';
import { useModalDialog } from '../../ui/use-modal-dialog.js';
import { useApiResult } from '../previews/use-api-result.js';
import { OpenFolderButton } from '../../ui/open-folder-button.js';
import './knowledge.css';

/** Where a passage sits, as its citation names it: "page 2", "› Parental leave, lines 3–5". */
export function passagePlace(location: KnowledgePassageView['passage']['location']): string {
  const lines = location.lineStart === null ? '' : location.lineStart === location.lineEnd ? `line ${location.lineStart}` : `lines ${location.lineStart}–${location.lineEnd}`;
  return [location.page !== null ? `page ${location.page}` : null, location.heading ? `› ${location.heading}` : null, lines || null].filter(Boolean).join(', ');
}

/**
 * A cited passage in its file (what a citation opens): the lines around it, the passage's own
 * lines marked and scrolled into view, the file's name, folder and "Open folder".
 */
export function PassageDialog({ passageId, onClose }: { passageId: number; onClose: () => void }) {
  const api = useApi();
  const modal = useModalDialog(true, onClose, { returnFocus: true });
  const titleId = useId();
  const { result, retry } = useApiResult(String(passageId), () => api.call('knowledge.passage', { id: passageId }));
  const view = result.state === 'ready' ? result.value : null;
  return (
    <dialog {...modal} className="passage-dialog" aria-modal="true" aria-labelledby={titleId} onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="passage-dialog__inner">
        <header className="passage-dialog__header">
          <div className="passage-dialog__heading">
            <h2 id={titleId} className="passage-dialog__title">
              {view ? view.fileName : 'Cited passage'}
            </h2>
            {view && (
              <span className="muted small">
                {view.folder} · {passagePlace(view.passage.location)}
              </span>
            )}
          </div>
          {view && <OpenFolderButton target={{ path: view.passage.path }} />}
          <button type="button" className="icon-button" aria-label="Close preview" onClick={onClose} autoFocus>
            <CloseIcon />
          </button>
        </header>
        <div className="passage-dialog__body">
          {result.state === 'loading' && (
            <div className="loading-line" role="status">
              <span className="spinner" aria-hidden="true" /> Opening the passage…
            </div>
          )}
          {result.state === 'error' && (
            <div className="dash-error" role="alert">
              <span>{result.message}</span>
              <button type="button" className="link-button" onClick={retry}>
                Retry
              </button>
            </div>
          )}
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
              <span className="passage-line__text">{line.text || '\u00a0'}</span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
