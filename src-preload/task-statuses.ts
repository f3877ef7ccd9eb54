/**
 * The statuses a task can have, and the ones it never leaves. Plain data, no zod: the core's
 * TaskStatusSchema is built from TASK_STATUSES, and the renderer, which takes only types and
 * plain data from src-preload, decides "finished" from TERMINAL_TASK_STATUSES too. One list
 * for the whole app, so a new status cannot be finished in one place and running in another.
 */
export const TASK_STATUSES = ['queued', 'running', 'waiting_approval', 'waiting_clarification', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;

export type TaskStatusName = (typeof TASK_STATUSES)[number];

/** The statuses a task never leaves. */
export const TERMINAL_TASK_STATUSES: readonly TaskStatusName[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];
