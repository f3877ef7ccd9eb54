import { useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Task } from '../../../src-preload/contract.js';
import { useStores } from '../../app/stores-context.js';
import { activeTasks, progressOf } from '../../state/agent-work-store.js';
import { stepLabel } from './task-card.js';
import { TaskProgressBar } from './task-progress-bar.js';
import { formatTimeLeft, TASK_STATUS_LABELS } from './task-text.js';
import './tasks.css';

/**
 * The tasks still going, across every conversation, above the composer: one compact line each
 * with live progress. A task opens its conversation; the header folds the list away.
 */
export function ActiveTaskPanel() {
  const { work } = useStores();
  const tasks = useStore(work, useShallow((s) => activeTasks(s)));
  const [open, setOpen] = useState(true);
  if (tasks.length === 0) return null;
  const title = `${tasks.length} task${tasks.length === 1 ? '' : 's'} in progress`;
  return (
    <section className="active-tasks" aria-label="Active tasks">
      <button type="button" className="active-tasks-toggle" aria-expanded={open} aria-controls="active-tasks-list" onClick={() => setOpen(!open)}>
        <span className="active-tasks-pulse" aria-hidden="true" />
        {title}
        <span className="active-tasks-chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
      </button>
      {open && (
        <ul className="active-tasks-list" id="active-tasks-list">
          {tasks.map((task) => (
            <ActiveTaskRow key={task.id} task={task} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ActiveTaskRow({ task }: { task: Task }) {
  const { work } = useStores();
  const live = useStore(work, (s) => s.progress[task.id]);
  const conversationTitle = useStore(useStores().conversations, (s) => s.conversations.find((c) => c.id === task.conversationId)?.title ?? null);
  const progress = progressOf(task, live);
  const timeLeft = formatTimeLeft(progress.etaSeconds);
  const href = task.conversationId ? `#/c/${encodeURIComponent(task.conversationId)}` : `#/tasks/${encodeURIComponent(task.id)}`;
  const detail = task.status === 'running' ? (progress.label ?? stepLabel(progress.step, progress.total)) : TASK_STATUS_LABELS[task.status];
  return (
    <li className="active-task">
      <a className="active-task-link" href={href} title={conversationTitle ? `Open “${conversationTitle}”` : 'Open the task'}>
        <span className="active-task-title">{task.title}</span>
        <span className="active-task-detail">
          {stepLabel(progress.step, progress.total)}
          {detail !== stepLabel(progress.step, progress.total) && ` · ${detail}`}
          {timeLeft && ` · ${timeLeft}`}
        </span>
      </a>
      <TaskProgressBar percent={progress.percent} label={`Progress of ${task.title}`} valueText={`${stepLabel(progress.step, progress.total)}, ${progress.percent}%`} />
      <a className="active-task-details" href={`#/tasks/${encodeURIComponent(task.id)}`} aria-label={`Details of ${task.title}`}>
        Details
      </a>
    </li>
  );
}
