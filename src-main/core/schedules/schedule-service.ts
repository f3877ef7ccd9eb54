/**
 * Creating, changing and reading schedules: every input is checked (time zone, cron, minimum
 * interval, a one-off in the past, pre-approved tools that do not exist or move money) before
 * anything is saved, and the schedule is shown back in words.
 */
import type { Schedule, ScheduleInput, ScheduleProposal } from '../../../src-preload/schemas/schedules.js';
import { ScheduleInputSchema, ScheduleUpdateSchema } from '../../../src-preload/schemas/schedules.js';
import type { Clock } from '../ports.js';
import type { SideEffect } from '../tools/tool.js';
import { parseOrThrow } from '../validation.js';
import { ScheduleInvalidError } from './schedule-errors.js';
import { parseScheduleText } from './schedule-parser.js';
import type { ScheduleRepo } from './schedule-repo.js';
import { assertTimeZone, checkCron, checkOnce, nextRunAfter } from './schedule-timing.js';
import { describeSchedule } from './schedule-words.js';
import type { z } from 'zod';

export interface ScheduleServiceDeps {
  repo: ScheduleRepo;
  clock: Clock;
  /** The side-effect class of an installed tool, or null when there is no such tool. */
  toolSideEffect(name: string): SideEffect | null;
  /** Called after any change, so the scheduler re-arms its timer. */
  onChange(): void;
}

const TITLE_CHARS = 60;

export class ScheduleService {
  constructor(private readonly deps: ScheduleServiceDeps) {}

  list(): Schedule[] {
    return this.deps.repo.list();
  }

  /** What a sentence would schedule, in words, with its next runs. Saves nothing. */
  propose(text: string, timeZone: string): ScheduleProposal {
    assertTimeZone(timeZone);
    const now = this.deps.clock.now();
    const parsed = parseScheduleText(text, { now, timeZone });
    const nextRuns = parsed.cron ? checkCron(parsed.cron, timeZone, now).slice(0, 3) : [checkOnce(parsed.runAt!, timeZone, now)];
    return {
      title: titleOf(parsed.request),
      request: parsed.request,
      cron: parsed.cron,
      runAt: parsed.runAt,
      timeZone,
      words: describeSchedule({ cron: parsed.cron, runAt: parsed.runAt, timeZone }),
      nextRuns: nextRuns.map((d) => d.toISOString()),
    };
  }

  create(raw: ScheduleInput): Schedule {
    const input = parseOrThrow(ScheduleInputSchema, raw, 'schedule');
    const nextRunAt = this.checkTiming(input);
    this.checkPreApproved(input.preApprovedTools);
    const schedule = this.deps.repo.insert({ ...input, paused: false, nextRunAt: nextRunAt.toISOString() });
    this.deps.onChange();
    return schedule;
  }

  update(raw: z.input<typeof ScheduleUpdateSchema>): Schedule {
    const { id, patch } = parseOrThrow(ScheduleUpdateSchema, raw, 'schedule change');
    const current = this.deps.repo.get(id);
    const merged = { ...current, ...patch };
    if (patch.cron !== undefined && patch.cron !== null && patch.runAt === undefined) merged.runAt = null;
    if (patch.runAt !== undefined && patch.runAt !== null && patch.cron === undefined) merged.cron = null;
    if ((merged.cron === null) === (merged.runAt === null)) throw new ScheduleInvalidError('A schedule needs either a cron expression or a one-off time.', 'Give one of them.');
    if (patch.preApprovedTools) this.checkPreApproved(patch.preApprovedTools);
    const timingChanged = patch.cron !== undefined || patch.runAt !== undefined || patch.timeZone !== undefined;
    let nextRunAt = current.nextRunAt;
    if (timingChanged || (patch.paused === false && current.paused)) {
      // Resuming starts from now: runs that fell in the pause are not "missed".
      nextRunAt = merged.cron || (merged.runAt && !current.lastRunAt) ? this.checkTiming(merged).toISOString() : null;
    }
    const updated = this.deps.repo.update(id, { ...patch, cron: merged.cron, runAt: merged.runAt, nextRunAt });
    this.deps.onChange();
    return updated;
  }

  runs(id: string, limit?: number) {
    this.deps.repo.get(id);
    return this.deps.repo.runs(id, limit);
  }

  delete(id: string): boolean {
    this.deps.repo.get(id);
    const deleted = this.deps.repo.delete(id);
    this.deps.onChange();
    return deleted;
  }

  private checkTiming(input: { cron: string | null; runAt: string | null; timeZone: string }): Date {
    const now = this.deps.clock.now();
    if (input.cron) {
      checkCron(input.cron, input.timeZone, now);
      return nextRunAfter(input, now)!;
    }
    return checkOnce(input.runAt!, input.timeZone, now);
  }

  /** Pre-approval is the user's grant for this schedule's runs; it can never cover a tool that moves money. */
  private checkPreApproved(tools: readonly string[]): void {
    for (const name of tools) {
      const sideEffect = this.deps.toolSideEffect(name);
      if (sideEffect === null) throw new ScheduleInvalidError(`There is no tool named “${name}” to pre-approve.`, 'Pick tools from the list (/tools in the chat shows them).');
      if (sideEffect === 'financial') {
        throw new ScheduleInvalidError(`“${name}” moves money, and approvals for financial tools cannot be given in advance.`, 'Leave it out: each scheduled payment will ask you (with a notification) when it is due.');
      }
    }
  }
}

function titleOf(request: string): string {
  return request.length <= TITLE_CHARS ? request : `${request.slice(0, TITLE_CHARS - 1).trimEnd()}…`;
}
