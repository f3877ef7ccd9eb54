import type { Task } from '../../../src-preload/contract.js';
import type { TaskStep } from '../../../src-preload/schemas/artifacts.js';
import { AlertIcon, CheckIcon, CloseIcon } from '../../ui/icons.js';

const TASK_LABELS: Record<Task['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  waiting_approval: 'Waiting for approval',
  waiting_clarification: 'Waiting for your answer',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

const TASK_TONE: Record<Task['status'], string> = {
  queued: 'neutral',
  running: 'active',
  waiting_approval: 'waiting',
  waiting_clarification: 'waiting',
  succeeded: 'ok',
  failed: 'error',
  cancelled: 'neutral',
  interrupted: 'waiting',
};

export function TaskStatusBadge({ status }: { status: Task['status'] }) {
  return (
    <span className={`chip tdv-status tdv-status--${TASK_TONE[status]}`} data-status={status}>
      {status === 'running' && <span className="tdv-status__pulse" aria-hidden="true" />}
      {TASK_LABELS[status]}
    </span>
  );
}

const STEP_LABELS: Record<TaskStep['status'], string> = {
  pending: 'Not started',
  running: 'In progress',
  succeeded: 'Done',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** The round marker in front of a step: its number until it has an outcome. */
export function StepStatusIcon({ status, number }: { status: TaskStep['status']; number: number }) {
  return (
    <span className={`tdv-step-icon tdv-step-icon--${status}`} role="img" aria-label={STEP_LABELS[status]} title={STEP_LABELS[status]}>
      {status === 'succeeded' ? <CheckIcon size={14} /> : status === 'failed' ? <CloseIcon size={14} /> : status === 'interrupted' ? <AlertIcon size={14} /> : status === 'running' ? <span className="spinner" /> : number}
    </span>
  );
}

export function stepStatusLabel(status: TaskStep['status']): string {
  return STEP_LABELS[status];
}

export function formatDuration(seconds: number): string {
  if (seconds < 1) return '<1 s';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  if (minutes < 60) return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

