/** Typed errors of scheduled tasks: each says what was wrong and what to write instead. */
import { StewardError } from '../errors.js';

export class ScheduleInvalidError extends StewardError {
  constructor(what: string, fix: string) {
    super('invalid_input', `${what} ${fix} Nothing was saved.`);
  }
}

export class ScheduleNotFoundError extends StewardError {
  constructor(id: string) {
    super('not_found', `There is no schedule "${id}". It may have been deleted; refresh the Schedules view.`);
  }
}

export class ScheduleNotUnderstoodError extends StewardError {
  constructor(text: string) {
    super(
      'invalid_input',
      `I could not find when to run “${text.slice(0, 80)}”. Say when, for example “every Monday at 9 send the weekly report”, “every day at 8:30 …”, “every hour check the site”, “on the 1st remind me to pay rent” or “on 2026-12-24 at 18:00 …”.`,
    );
  }
}
