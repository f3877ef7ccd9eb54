/**
 * When a schedule runs, computed by croner in the schedule's own time zone (so "9:00 every Monday"
 * stays 9:00 local across daylight-saving changes). Every check here refuses with a reason:
 * an unknown time zone, a cron expression that is malformed, never fires, or fires more often
 * than the minimum interval, a one-off time that is already past.
 */
import { Cron } from 'croner';
import { ScheduleInvalidError } from './schedule-errors.js';

/** Scheduled runs start a model turn each; more often than this would hammer the model and the budget. */
export const MIN_INTERVAL_MINUTES = 5;
const SAMPLE_RUNS = 12;

export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
  } catch {
    throw new ScheduleInvalidError(`“${timeZone}” is not a time zone.`, 'Use an IANA name such as Europe/Lisbon, America/New_York or Asia/Tokyo.');
  }
}

function cronOf(pattern: string, timeZone: string): Cron {
  try {
    return new Cron(pattern, { timezone: timeZone, paused: true });
  } catch (err) {
    throw new ScheduleInvalidError(`“${pattern}” is not a cron expression (${err instanceof Error ? err.message.replace(/^CronPattern: /, '') : 'invalid'}).`, 'Use five fields: minute hour day-of-month month weekday, e.g. "0 9 * * 1" for Mondays at 9:00.');
  }
}

/** Validates a recurring schedule and returns its next runs after `from`. */
export function checkCron(pattern: string, timeZone: string, from: Date): Date[] {
  assertTimeZone(timeZone);
  const fields = pattern.trim().split(/\s+/);
  if (fields.length !== 5) throw new ScheduleInvalidError(`“${pattern}” has ${fields.length} fields.`, `Use exactly five (minute hour day-of-month month weekday); schedules cannot run more often than every ${MIN_INTERVAL_MINUTES} minutes, so there is no seconds field.`);
  const runs = cronOf(pattern, timeZone).nextRuns(SAMPLE_RUNS, from);
  if (runs.length === 0) throw new ScheduleInvalidError(`“${pattern}” never fires (no such date, e.g. 31 February).`, 'Check the day and month fields.');
  for (let i = 1; i < runs.length; i += 1) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < MIN_INTERVAL_MINUTES * 60_000) {
      throw new ScheduleInvalidError(`“${pattern}” would run more often than every ${MIN_INTERVAL_MINUTES} minutes.`, `Choose a longer interval, e.g. "*/${MIN_INTERVAL_MINUTES} * * * *" or "0 * * * *" (hourly).`);
    }
  }
  return runs;
}

/** The instant of a one-off local time ("2026-12-24T18:00") in the time zone; refuses a time already past. */
export function checkOnce(runAt: string, timeZone: string, now: Date): Date {
  assertTimeZone(timeZone);
  const local = runAt.length === 16 ? `${runAt}:00` : runAt;
  let next: Date | null;
  try {
    next = new Cron(local, { timezone: timeZone, paused: true }).nextRun(new Date(0));
  } catch {
    throw new ScheduleInvalidError(`“${runAt}” is not a date and time.`, 'Use the form 2026-12-24T18:00.');
  }
  if (!next || next.getTime() <= now.getTime()) throw new ScheduleInvalidError(`${runAt} (${timeZone}) is already past.`, 'Choose a time in the future.');
  return next;
}

/** The next run strictly after `after`, or null (a one-off that has run, a cron with no more dates). */
export function nextRunAfter(schedule: { cron: string | null; runAt: string | null; timeZone: string }, after: Date): Date | null {
  if (schedule.cron) return cronOf(schedule.cron, schedule.timeZone).nextRun(after) ?? null;
  if (!schedule.runAt) return null;
  const at = checkOnceQuiet(schedule.runAt, schedule.timeZone);
  return at && at.getTime() > after.getTime() ? at : null;
}

function checkOnceQuiet(runAt: string, timeZone: string): Date | null {
  try {
    return new Cron(runAt.length === 16 ? `${runAt}:00` : runAt, { timezone: timeZone, paused: true }).nextRun(new Date(0));
  } catch {
    return null;
  }
}
