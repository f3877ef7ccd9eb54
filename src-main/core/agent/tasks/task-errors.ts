import { StewardError } from '../../errors.js';

/** The user cancelled the task (tasks.cancel or /cancel). */
export class TaskCancelledError extends StewardError {
  constructor() {
    super('cancelled', 'The task was cancelled.');
  }
}

/** A step could not be completed; the task fails and completed steps are rolled back. */
export class StepFailedError extends StewardError {
  /** 'rejected': the user (or policy, or a budget) said no — rejections are final, never retried. */
  readonly kind: 'rejected' | 'failed' | 'review';

  constructor(stepTitle: string, reason: string, kind: 'rejected' | 'failed' | 'review', cause?: unknown) {
    super(kind === 'rejected' ? 'cancelled' : 'internal', `Step “${stepTitle}” could not be completed: ${reason}`, { cause });
    this.kind = kind;
  }
}

/** A non-idempotent tool was running when Steward stopped: its outcome is unknown, so nothing is retried. */
export class TaskInterruptedError extends StewardError {
  constructor(tool: string) {
    super(
      'conflict',
      `Steward stopped while “${tool}” was running, so it may or may not have happened. It was not run again: check the result yourself, then ask again if it is still needed.`,
    );
  }
}

export class TaskNotActiveError extends StewardError {
  constructor(id: string, status: string) {
    super('conflict', `Task ${id} has already ${status === 'succeeded' ? 'finished' : `ended (${status})`}, so there is nothing to cancel.`);
  }
}
