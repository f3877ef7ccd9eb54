import { useStore } from 'zustand';
import { useDashboards } from '../../app/dashboards-context.js';
import { useModalDialog } from '../../ui/use-modal-dialog.js';
import './memory.css';

/** The timeline of one subject+property (old values stay, closed) and every change to it. */
export function FactHistoryDialog() {
  const memory = useDashboards().memory;
  const history = useStore(memory, (s) => s.history);
  const modal = useModalDialog(history !== null, () => memory.getState().closeHistory());
  const first = history?.timeline[0];
  return (
    <dialog {...modal} className="dialog dialog--wide" aria-labelledby="fact-history-title">
      <h2 id="fact-history-title" className="dialog-title">
        History{first ? ` — ${first.subject} · ${first.predicate.replace(/_/g, ' ')}` : ''}
      </h2>
      {history && (
        <div className="dialog-body">
          <h3 className="subheading">Values over time</h3>
          <ol className="timeline">
            {history.timeline.map((f) => (
              <li key={f.id} className={f.current ? 'timeline-item timeline-item--current' : 'timeline-item'}>
                <strong>{f.object}</strong>
                <span className="muted small">
                  {f.validFrom ?? 'unknown start'} → {f.validTo ?? (f.current ? 'now' : (f.retiredAt?.slice(0, 10) ?? 'ended'))}
                  {f.retiredReason ? ` · ${f.retiredReason}` : ''}
                </span>
              </li>
            ))}
          </ol>
          <h3 className="subheading">Changes</h3>
          <ul className="change-list">
            {history.changes.map((c, i) => (
              <li key={`${c.factId}-${i}`}>
                <span className="chip">{c.change}</span> <span>{c.detail}</span> <time className="muted small">{new Date(c.at).toLocaleString()}</time>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => memory.getState().closeHistory()} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
