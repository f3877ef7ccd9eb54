/** Schedules and their runs in the profile's database. */
import { randomUUID } from 'node:crypto';
import type { Schedule, ScheduleRun } from '../../../src-preload/schemas/schedules.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import { ScheduleNotFoundError } from './schedule-errors.js';
import { describeSchedule } from './schedule-words.js';

interface ScheduleRow {
  id: string;
  title: string;
  request: string;
  kind: 'cron' | 'once';
  cron: string | null;
  run_at: string | null;
  time_zone: string;
  missed_policy: 'run_once' | 'skip';
  pre_approved_tools: string;
  conversation_id: string | null;
  paused: number;
  next_run_at: string | null;
  last_run_at: string | null;
  last_result: string | null;
  created_at: string;
}

interface RunRow {
  id: string;
  schedule_id: string;
  due_at: string;
  started_at: string;
  finished_at: string | null;
  status: ScheduleRun['status'];
  detail: string | null;
}

export type NewSchedule = Omit<Schedule, 'id' | 'words' | 'createdAt' | 'lastRunAt' | 'lastResult' | 'kind'>;

export class ScheduleRepo {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  list(): Schedule[] {
    return (this.db.prepare('SELECT * FROM schedules ORDER BY paused, next_run_at IS NULL, next_run_at, created_at').all() as ScheduleRow[]).map(toSchedule);
  }

  find(id: string): Schedule | null {
    const row = this.db.prepare('SELECT * FROM schedules WHERE id = ?').get(id) as ScheduleRow | undefined;
    return row ? toSchedule(row) : null;
  }

  get(id: string): Schedule {
    const found = this.find(id);
    if (!found) throw new ScheduleNotFoundError(id);
    return found;
  }

  /** Active schedules whose next run is at or before `at`. */
  due(at: Date): Schedule[] {
    return (this.db.prepare('SELECT * FROM schedules WHERE paused = 0 AND next_run_at IS NOT NULL AND next_run_at <= ? ORDER BY next_run_at').all(at.toISOString()) as ScheduleRow[]).map(toSchedule);
  }

  /** The earliest next run of an active schedule. */
  nextDue(): Date | null {
    const row = this.db.prepare('SELECT MIN(next_run_at) AS next FROM schedules WHERE paused = 0 AND next_run_at IS NOT NULL').get() as { next: string | null };
    return row.next ? new Date(row.next) : null;
  }

  insert(input: NewSchedule): Schedule {
    const id = randomUUID();
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO schedules (id, title, request, kind, cron, run_at, time_zone, missed_policy, pre_approved_tools, conversation_id, paused, next_run_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.title, input.request, input.cron ? 'cron' : 'once', input.cron, input.runAt, input.timeZone, input.missedPolicy, JSON.stringify(input.preApprovedTools), input.conversationId, input.paused ? 1 : 0, input.nextRunAt, at, at);
    return this.get(id);
  }

  update(id: string, patch: Partial<Omit<Schedule, 'id' | 'words' | 'createdAt' | 'kind'>>): Schedule {
    const current = this.get(id);
    const next = { ...current, ...patch };
    this.db
      .prepare(
        `UPDATE schedules SET title = ?, request = ?, kind = ?, cron = ?, run_at = ?, time_zone = ?, missed_policy = ?, pre_approved_tools = ?, conversation_id = ?, paused = ?,
         next_run_at = ?, last_run_at = ?, last_result = ?, updated_at = ? WHERE id = ?`,
      )
      .run(next.title, next.request, next.cron ? 'cron' : 'once', next.cron, next.runAt, next.timeZone, next.missedPolicy, JSON.stringify(next.preApprovedTools), next.conversationId, next.paused ? 1 : 0, next.nextRunAt, next.lastRunAt, next.lastResult, this.now().toISOString(), id);
    return this.get(id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM schedules WHERE id = ?').run(id).changes > 0;
  }

  addRun(input: { scheduleId: string; dueAt: Date; status: ScheduleRun['status']; detail?: string | null; finished?: boolean }): ScheduleRun {
    const id = randomUUID();
    const at = this.now().toISOString();
    this.db
      .prepare('INSERT INTO schedule_runs (id, schedule_id, due_at, started_at, finished_at, status, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, input.scheduleId, input.dueAt.toISOString(), at, input.finished ? at : null, input.status, input.detail ?? null);
    return this.getRun(id);
  }

  updateRun(id: string, patch: { status: ScheduleRun['status']; detail?: string | null; finished?: boolean }): ScheduleRun {
    this.db.prepare('UPDATE schedule_runs SET status = ?, detail = COALESCE(?, detail), finished_at = CASE WHEN ? THEN ? ELSE finished_at END WHERE id = ?').run(patch.status, patch.detail ?? null, patch.finished ? 1 : 0, this.now().toISOString(), id);
    return this.getRun(id);
  }

  getRun(id: string): ScheduleRun {
    return toRun(this.db.prepare('SELECT * FROM schedule_runs WHERE id = ?').get(id) as RunRow);
  }

  runs(scheduleId: string, limit = 50): ScheduleRun[] {
    return (this.db.prepare('SELECT * FROM schedule_runs WHERE schedule_id = ? ORDER BY started_at DESC, due_at DESC LIMIT ?').all(scheduleId, limit) as RunRow[]).map(toRun);
  }

  /** Runs left 'running' by a previous process (it stopped mid-run): marked failed so nothing looks stuck. */
  closeInterruptedRuns(): number {
    return this.db
      .prepare("UPDATE schedule_runs SET status = 'failed', detail = 'Steward stopped during this run; see the conversation for how far it got.', finished_at = ? WHERE status IN ('running', 'waiting_approval')")
      .run(this.now().toISOString()).changes;
  }

  activeRun(scheduleId: string): ScheduleRun | null {
    const row = this.db.prepare("SELECT * FROM schedule_runs WHERE schedule_id = ? AND status IN ('running', 'waiting_approval') LIMIT 1").get(scheduleId) as RunRow | undefined;
    return row ? toRun(row) : null;
  }
}

function toSchedule(row: ScheduleRow): Schedule {
  const base = { cron: row.cron, runAt: row.run_at, timeZone: row.time_zone };
  return {
    id: row.id,
    title: row.title,
    request: row.request,
    kind: row.kind,
    ...base,
    missedPolicy: row.missed_policy,
    preApprovedTools: JSON.parse(row.pre_approved_tools) as string[],
    conversationId: row.conversation_id,
    paused: row.paused === 1,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
    lastResult: row.last_result,
    words: describeSchedule(base),
    createdAt: row.created_at,
  };
}

function toRun(row: RunRow): ScheduleRun {
  return { id: row.id, scheduleId: row.schedule_id, dueAt: row.due_at, startedAt: row.started_at, finishedAt: row.finished_at, status: row.status, detail: row.detail };
}
