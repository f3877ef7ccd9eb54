import type { TaskStatus } from '../../../../src-preload/contract.js';

/** How a task program ended normally (failures are thrown and handled by TaskJobs). */
export interface TaskEnd {
  status: Extract<TaskStatus, 'succeeded' | 'failed' | 'cancelled' | 'interrupted'>;
  summary: string;
}
