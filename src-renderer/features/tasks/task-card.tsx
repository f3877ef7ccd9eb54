import { memo, useState } from 'react';
import { useStore } from 'zustand';
import type { Task } from '../../../src-preload/contract.js';
import { useStores } from '../../app/stores-context.js';
import { isTaskFinished, progressOf } from '../../state/agent-work-store.js';
import { AlertIcon, CloseIcon } from '../../ui/icons.js';
import { TaskSources } from '../knowledge/task-sources.js';
import { TaskOutputs } from './task-outputs.js';
import { TaskProgressBar } from './task-progress-bar.js';
import { formatTimeLeft, TASK_STATUS_LABELS } from './task-text.js';
import '../../ui/work-card.css';
import './tasks.css';

/**
 * A task in the thread: its progress (step i/n, what it is doing now, time left), the revision
 * round when the Supervisor asked for one, Cancel while it runs, and its summary once done.
 */
export const TaskCard = memo(function TaskCard({ task }: { task: Task }) {
  const { work } = useStores();
  const live = useStore(work, (s) => s.progress[task.id]);
  const activity = useStore(work, (s) => s.taskActivity[task.id]);
  const submission = useStore(work, (s) => s.submissions[task.id]);
  const [confirming, setConfirming] = useState(false);
  const finished = isTaskFinished(task);
  const progress = progressOf(task, live);
  const timeLeft = formatTimeLeft(progress.etaSeconds);
  const stepText = stepLabel(progress.step, progress.total);
  const iteration = !finished ? activity?.iteration : null;

  return (
    <article className={`work-card task-card task-card--${task.status}`} aria-label={`Task: ${task.title}`} data-task-id={task.id}>
      <header className="work-card-header">
        <span className={`task-status task-status--${task.status}`}>{TASK_STATUS_LABELS[task.status]}</span>
        <h3 className="task-title">{task.title}</h3>
        <a className="task-details-link" href={`#/tasks/${encodeURIComponent(task.id)}`}>
          Details
        </a>
      </header>
      {(task.totalSteps > 0 || live) && (
        <>
          <TaskProgressBar percent={progress.percent} label={`Progress of ${task.title}`} valueText={`${stepText}, ${progress.percent}%`} />
          <p className="task-progress-line">
            <span className="task-step">{stepText}</span>
            {progress.label && <span className="task-step-label">{progress.label}</span>}
            {timeLeft && <span className="task-eta">{timeLeft}</span>}
            <span className="task-percent">{progress.percent}%</span>
          </p>
        </>
      )}
      {iteration && (
        <p className="supervisor-pill task-iteration">
          Iteration {iteration.current}/{iteration.total}
          {iteration.detail ? `: ${iteration.detail}` : ''}
        </p>
      )}
      {finished && task.summary && <p className="task-summary">{task.summary}</p>}
      {finished && task.status !== 'cancelled' && <TaskOutputs taskId={task.id} version={task.updatedAt} />}
      {finished && <TaskSources taskId={task.id} version={task.updatedAt} />}
      {submission?.status === 'error' && (
        <p className="work-card-error" role="alert">
          <AlertIcon size={14} /> {submission.error}
        </p>
      )}
      {!finished &&
        (confirming ? (
          <div className="work-card-actions task-confirm" role="group" aria-label="Confirm cancel">
            <span>Stop this task? Work already done is kept.</span>
            <button
              type="button"
              className="button button--danger button--small"
              disabled={submission?.status === 'sending'}
              onClick={() => {
                setConfirming(false);
                void work.getState().cancelTask(task.id);
              }}
            >
              Yes, cancel task
            </button>
            <button type="button" className="button button--small" onClick={() => setConfirming(false)}>
              Keep running
            </button>
          </div>
        ) : (
          <div className="work-card-actions">
            <button type="button" className="button button--small" disabled={submission?.status === 'sending'} onClick={() => setConfirming(true)}>
              <CloseIcon size={14} /> {submission?.status === 'sending' ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
        ))}
    </article>
  );
});

/** "Step 2/3" while a step runs; before the first one starts, how many are planned. */
export function stepLabel(step: number, total: number): string {
  if (total === 0) return 'Planning';
  return step > 0 ? `Step ${step}/${total}` : `${total} step${total === 1 ? '' : 's'} planned`;
}
