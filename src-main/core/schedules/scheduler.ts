/**
 * The in-app scheduler: runs due schedules, on a timer computed from an injectable clock (tests
 * move the clock and call tick()). Times come from croner in each schedule's time zone.
 *
 * Missed runs: a run more than GRACE_MS late was missed (Steward was closed or asleep). The
 * schedule's policy decides: 'run_once' runs it once now — however many were missed — and
 * 'skip' records it as skipped. Either way the next run is the next one after now.
 */
import type { Schedule } from '../../../src-preload/schemas/schedules.js';
import { toStewardError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { ScheduleRepo } from './schedule-repo.js';
import { nextRunAfter } from './schedule-timing.js';

export const GRACE_MS = 120_000;
/** Re-check at least this often, so a clock change or a sleeping laptop cannot stall schedules. */
const MAX_SLEEP_MS = 60_000;

export interface RunHandle {
  id: string;
  /** The run is waiting for the user's approval (status shown in the Schedules view). */
  waiting(detail: string): void;
}

export interface ScheduleExecutor {
  execute(schedule: Schedule, run: RunHandle): Promise<{ ok: boolean; detail: string }>;
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly deps: {
      repo: ScheduleRepo;
      clock: Clock;
      executor: ScheduleExecutor;
      /** Arm a real timer (default true; tests drive tick() themselves). */
      timers?: boolean;
      log?: (message: string) => void;
    },
  ) {}

  /** Closes runs a previous process left open, handles missed runs, and arms the timer. */
  async start(): Promise<void> {
    this.deps.repo.closeInterruptedRuns();
    await this.tick();
  }

  /** Runs everything that is due now. Resolves once the runs have started (idle() waits for them to finish). */
  async tick(): Promise<void> {
    if (this.closed) return;
    const now = this.deps.clock.now();
    for (const schedule of this.deps.repo.due(now)) this.handleDue(schedule, now);
    this.arm();
  }

  /** Waits for every run in progress. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** The next runs of active schedules (for the tray menu). */
  upcoming(limit = 3): { title: string; at: string }[] {
    return this.deps.repo
      .list()
      .filter((s) => !s.paused && s.nextRunAt)
      .sort((a, b) => a.nextRunAt!.localeCompare(b.nextRunAt!))
      .slice(0, limit)
      .map((s) => ({ title: s.title, at: s.nextRunAt! }));
  }

  /** A schedule changed: re-arm for the new earliest run. */
  changed(): void {
    this.arm();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private handleDue(schedule: Schedule, now: Date): void {
    const repo = this.deps.repo;
    const dueAt = new Date(schedule.nextRunAt!);
    const next = nextRunAfter(schedule, now);
    const missed = now.getTime() - dueAt.getTime() > GRACE_MS;
    if (repo.activeRun(schedule.id)) {
      repo.addRun({ scheduleId: schedule.id, dueAt, status: 'skipped', detail: 'The previous run was still going (waiting for approval or working), so this one was skipped.', finished: true });
      repo.update(schedule.id, { nextRunAt: next?.toISOString() ?? null });
      return;
    }
    if (missed && schedule.missedPolicy === 'skip') {
      const detail = `Missed at ${dueAt.toISOString()} while Steward was not running; skipped, as this schedule asks.`;
      repo.addRun({ scheduleId: schedule.id, dueAt, status: 'skipped', detail, finished: true });
      repo.update(schedule.id, { nextRunAt: next?.toISOString() ?? null, lastResult: detail });
      return;
    }
    const run = repo.addRun({ scheduleId: schedule.id, dueAt, status: 'running', detail: missed ? `Missed at ${dueAt.toISOString()}; run once on start, as this schedule asks.` : null });
    repo.update(schedule.id, { nextRunAt: next?.toISOString() ?? null, lastRunAt: now.toISOString() });
    const handle: RunHandle = { id: run.id, waiting: (detail) => repo.updateRun(run.id, { status: 'waiting_approval', detail }) };
    const work = this.deps.executor
      .execute(repo.get(schedule.id), handle)
      .catch((err: unknown) => ({ ok: false, detail: toStewardError(err).userMessage }))
      .then((result) => {
        if (!repo.find(schedule.id)) return;
        repo.updateRun(run.id, { status: result.ok ? 'succeeded' : 'failed', detail: result.detail, finished: true });
        repo.update(schedule.id, { lastResult: result.detail });
      })
      .catch((err: unknown) => this.deps.log?.(`schedule run bookkeeping failed: ${String(err)}`));
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private arm(): void {
    if (this.closed || this.deps.timers === false) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.deps.repo.nextDue();
    const delay = next ? Math.max(0, Math.min(MAX_SLEEP_MS, next.getTime() - this.deps.clock.now().getTime())) : MAX_SLEEP_MS;
    this.timer = setTimeout(() => void this.tick(), delay);
    // Schedules must not keep a CLI or test process alive on their own.
    this.timer.unref();
  }
}
