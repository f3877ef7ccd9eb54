import type { TaskStep } from '../../../src-preload/schemas/artifacts.js';
import { MarkdownView } from '../chat/markdown/markdown-view.js';
import { iterationLabel } from '../../state/task-detail-store.js';
import { formatDuration, StepStatusIcon, stepStatusLabel } from './task-status.js';

const VERDICT_LABELS = { pass: 'Approved', revise: 'Sent back', fail: 'Rejected' } as const;

/** Each planned step: status, tool, time, what the Employee reported, and the Supervisor's reviews. */
export function TaskStepsList({ steps, maxIterations }: { steps: TaskStep[]; maxIterations: number }) {
  if (steps.length === 0) return <p className="dash-empty">This task has no planned steps — it was a single action. Its tool calls are in the log below.</p>;
  return (
    <ol className="tdv-steps">
      {steps.map((step) => (
        <StepItem key={step.index} step={step} total={steps.length} maxIterations={maxIterations} />
      ))}
    </ol>
  );
}

function StepItem({ step, total, maxIterations }: { step: TaskStep; total: number; maxIterations: number }) {
  const iteration = iterationLabel(step.iteration, maxIterations);
  const headingId = `tdv-step-${step.index}`;
  return (
    <li className={`tdv-step tdv-step--${step.status}`} aria-labelledby={headingId} data-step={step.index + 1}>
      <StepStatusIcon status={step.status} number={step.index + 1} />
      <div className="tdv-step__body">
        <div className="tdv-step__head">
          <h3 id={headingId} className="tdv-step__title">
            <span className="sr-only">
              Step {step.index + 1} of {total}, {stepStatusLabel(step.status)}:{' '}
            </span>
            {step.title}
          </h3>
          <div className="tdv-step__meta">
            {step.tool && <code className="tdv-tool">{step.tool}</code>}
            <span className="muted small">
              {step.durationSeconds !== null ? formatDuration(step.durationSeconds) : step.status === 'pending' ? `~${formatDuration(step.estimateSeconds)}` : ''}
            </span>
          </div>
        </div>
        {iteration && <p className="supervisor-pill tdv-iteration-note">{iteration}</p>}
        {step.output && (
          <div className="tdv-step__output">
            <MarkdownView text={step.output} />
          </div>
        )}
        {(step.reviews.length > 0 || step.feedback.length > 0) && (
          <details className="tdv-reviews" open={step.reviews.some((r) => r.verdict !== 'pass')}>
            <summary>
              Supervisor reviews <span className="muted">({step.reviews.length})</span>
            </summary>
            <ul className="tdv-reviews__list">
              {step.reviews.map((review, i) => (
                <li key={i} className={`tdv-review tdv-review--${review.verdict}`}>
                  <span className={`chip tdv-review__verdict tdv-review__verdict--${review.verdict}`}>{VERDICT_LABELS[review.verdict]}</span>
                  <span className="muted small">Iteration {review.iteration + 1}</span>
                  {review.reasons.length > 0 && <span className="tdv-review__reasons">{review.reasons.join('; ')}</span>}
                </li>
              ))}
              {step.feedback.map((text, i) => (
                <li key={`f${i}`} className="tdv-review tdv-review--feedback">
                  <span className="chip">Feedback</span>
                  <span className="tdv-review__reasons">{text}</span>
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </li>
  );
}
