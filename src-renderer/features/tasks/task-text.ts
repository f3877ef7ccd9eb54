import type { TaskStatus } from '../../../src-preload/contract.js';

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  waiting_approval: 'Waiting for your approval',
  waiting_clarification: 'Waiting for your answer',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** "about 1 min left", "less than a minute left", "about 1 h 5 min left"; null when unknown. */
export function formatTimeLeft(etaSeconds: number | null): string | null {
  if (etaSeconds === null || !Number.isFinite(etaSeconds)) return null;
  if (etaSeconds < 45) return 'less than a minute left';
  const minutes = Math.max(1, Math.round(etaSeconds / 60));
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h${rest ? ` ${rest} min` : ''} left`;
}
