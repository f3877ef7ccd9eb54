import type { WorkflowRunDetail } from '../../../src-preload/contract.js';

const at = (iso: string) => new Date(iso).toLocaleString();

/** One run: its steps with their state, then the timeline — who did what, when, with what comment. */
export function WorkflowRunDetailView({ detail, busy, onCancel, onRetry }: { detail: WorkflowRunDetail; busy: boolean; onCancel: () => void; onRetry: (stepId: string) => void }) {
  const { run } = detail;
  const open = run.status === 'running' || run.status === 'waiting';
  return (
    <div aria-label={`Run of ${run.title}`} data-testid="workflow-run-detail">
      <p>
        <span className={`workflow-status workflow-status--${run.status}`}>{run.status}</span> {run.title} v{run.version}, started by {run.startedBy ?? 'someone removed'} on {at(run.createdAt)}
      </p>
      {detail.waitingFor && <p role="status">{detail.waitingFor}</p>}
      {run.detail && !open && <p className={run.status === 'succeeded' ? 'muted' : 'inline-error'}>{run.detail}</p>}
      <h3>Steps</h3>
      <ul className="workflow-steps">
        {detail.steps.map((step) => (
          <li key={step.stepId}>
            <span className={`workflow-status workflow-status--${step.status}`}>{step.status}</span>
            <span>{step.title}</span>
            {step.summary && <span className="muted">{step.summary}</span>}
            {step.error && <span className="inline-error">{step.error}</span>}
            {(step.status === 'failed' || step.status === 'interrupted') && step.kind === 'tool' && (
              <button type="button" className="button" disabled={busy} onClick={() => onRetry(step.stepId)}>
                Retry step
              </button>
            )}
          </li>
        ))}
      </ul>
      <h3>Timeline</h3>
      <ol className="workflow-timeline">
        {detail.timeline.map((entry) => (
          <li key={entry.seq}>
            <time dateTime={entry.at}>{at(entry.at)}</time>
            <strong>{entry.actor}</strong> {entry.what}
            {entry.comment && <span className="workflow-comment">“{entry.comment}”</span>}
          </li>
        ))}
      </ol>
      {open && (
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          Stop this run
        </button>
      )}
    </div>
  );
}
