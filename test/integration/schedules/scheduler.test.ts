import { afterEach, describe, expect, it } from 'vitest';
import { ChatScheduleExecutor } from '../../../src-main/core/schedules/schedule-executor.js';
import { ScheduleRepo } from '../../../src-main/core/schedules/schedule-repo.js';
import { ScheduleService } from '../../../src-main/core/schedules/schedule-service.js';
import { Scheduler } from '../../../src-main/core/schedules/scheduler.js';
import { createHarness, intentResponse, is, type Harness } from '../agent/support/agent-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

const TZ = 'Europe/Lisbon';

/** A real core and agent (scripted model) with schedules over its database and a clock the test moves. */
async function setup(options: { sendTo?: string } = {}) {
  h = await createHarness({
    script: {
      rules: [
        { match: { role: 'intent', lastUser: 'send' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to: options.sendTo ?? 'team@example.com', body: 'Weekly report' } }) },
        { match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'write_note', parameters: { path: 'status.txt', text: 'site is up' } }) },
      ],
    },
  });
  return makeSchedules(h);
}

function makeSchedules(harness: Harness) {
  const repo = new ScheduleRepo(harness.core.db.raw, () => harness.clock.now());
  const scheduler = new Scheduler({ repo, clock: harness.clock, executor: new ChatScheduleExecutor(harness.core, repo, harness.agent), timers: false });
  const service = new ScheduleService({ repo, clock: harness.clock, toolSideEffect: (n) => harness.agent.deps.registry.find(n)?.sideEffect ?? null, onChange: () => scheduler.changed() });
  return { repo, scheduler, service };
}

const setClock = (harness: Harness, iso: string) => harness.clock.advance(new Date(iso).getTime() - harness.clock.now().getTime());

describe('scheduler with a controllable clock', () => {
  it('runs at the right local time across a daylight-saving change', async () => {
    const { service, scheduler, repo } = await setup();
    setClock(h!, '2026-03-28T12:00:00Z');
    const schedule = service.create({ title: 'Site check', request: 'check the site is up', cron: '0 9 * * *', timeZone: TZ });
    // 9:00 in Lisbon on 29 March is 08:00 UTC (summer time started at 01:00 UTC that night).
    expect(schedule.nextRunAt).toBe('2026-03-29T08:00:00.000Z');
    expect(schedule.words).toBe('Every day at 09:00 (Europe/Lisbon)');

    setClock(h!, '2026-03-29T07:59:00Z');
    await scheduler.tick();
    expect(repo.runs(schedule.id)).toEqual([]);

    setClock(h!, '2026-03-29T08:00:05Z');
    await scheduler.tick();
    await scheduler.idle();
    const runs = repo.runs(schedule.id);
    expect(runs).toMatchObject([{ status: 'succeeded', dueAt: '2026-03-29T08:00:00.000Z' }]);
    const after = repo.get(schedule.id);
    expect(after.nextRunAt).toBe('2026-03-30T08:00:00.000Z');
    expect(after.lastResult).toBeTruthy();
    const conversation = h!.messages(after.conversationId!);
    expect(conversation[0]).toMatchObject({ role: 'user', text: 'check the site is up' });
  });

  it('a run missed while Steward was closed runs once on start (however many were missed), or is skipped, per schedule', async () => {
    const { service, repo } = await setup();
    setClock(h!, '2026-05-04T10:00:00Z');
    const runOnce = service.create({ title: 'Hourly check', request: 'check the site is up', cron: '0 * * * *', timeZone: TZ, missedPolicy: 'run_once' });
    const skip = service.create({ title: 'Daily check', request: 'check the site is up again', cron: '30 10 * * *', timeZone: TZ, missedPolicy: 'skip' });

    // "Restart" three days later: a fresh scheduler over the same database.
    setClock(h!, '2026-05-07T10:20:00Z');
    const restarted = new Scheduler({ repo, clock: h!.clock, executor: new ChatScheduleExecutor(h!.core, repo, h!.agent), timers: false });
    await restarted.start();
    await restarted.idle();

    const once = repo.runs(runOnce.id);
    expect(once).toHaveLength(1);
    expect(once[0]).toMatchObject({ status: 'succeeded', dueAt: '2026-05-04T11:00:00.000Z' });
    expect(repo.get(runOnce.id).nextRunAt).toBe('2026-05-07T11:00:00.000Z');

    const skipped = repo.runs(skip.id);
    expect(skipped).toMatchObject([{ status: 'skipped', detail: expect.stringContaining('skipped, as this schedule asks') }]);
    expect(repo.get(skip.id).nextRunAt).toBe('2026-05-08T09:30:00.000Z'); // 10:30 Lisbon (UTC+1) today has passed
    expect(repo.get(skip.id).conversationId).toBeNull(); // nothing was sent for the skipped one
  });

  it('a paused schedule does not run; resuming starts from now, not from the missed runs', async () => {
    const { service, scheduler, repo } = await setup();
    setClock(h!, '2026-06-01T08:00:00Z');
    const schedule = service.create({ title: 'Morning check', request: 'check the site is up', cron: '0 9 * * *', timeZone: TZ });
    service.update({ id: schedule.id, patch: { paused: true } });
    setClock(h!, '2026-06-03T12:00:00Z');
    await scheduler.tick();
    await scheduler.idle();
    expect(repo.runs(schedule.id)).toEqual([]);
    const resumed = service.update({ id: schedule.id, patch: { paused: false } });
    expect(resumed.nextRunAt).toBe('2026-06-04T08:00:00.000Z');
    await scheduler.tick();
    expect(repo.runs(schedule.id)).toEqual([]);
  });

  it('a run that needs approval sends a notification and waits; approving through the API finishes it', async () => {
    const { service, scheduler, repo } = await setup();
    setClock(h!, '2026-06-01T08:00:00Z');
    const schedule = service.create({ title: 'Weekly report', request: 'send the weekly report to the team', cron: '0 9 * * 1', timeZone: TZ });
    setClock(h!, schedule.nextRunAt!);
    const since = h!.mark();
    await scheduler.tick();
    const requested = await h!.waitFor(is('approval.requested'), { since });
    expect(h!.notifications).toEqual([expect.objectContaining({ title: '“Weekly report” needs your approval', level: 'warning' })]);
    expect(repo.runs(schedule.id)[0]).toMatchObject({ status: 'waiting_approval', detail: expect.stringContaining('Waiting for your approval') });
    expect(h!.world.sent).toEqual([]);

    await h!.core.request('approvals.respond', { id: requested.approval.id, decision: 'approve' });
    await scheduler.idle();
    expect(h!.world.sent).toEqual([{ to: 'team@example.com', body: 'Weekly report' }]);
    expect(repo.runs(schedule.id)[0]).toMatchObject({ status: 'succeeded' });
  });

  it('a tool pre-approved for the schedule runs without asking; a financial tool can never be pre-approved', async () => {
    const { service, scheduler, repo } = await setup();
    setClock(h!, '2026-06-01T08:00:00Z');
    expect(() => service.create({ title: 'Rent', request: 'pay the rent', cron: '0 9 1 * *', timeZone: TZ, preApprovedTools: ['pay_invoice'] })).toThrow(
      /moves money, and approvals for financial tools cannot be given in advance/,
    );
    expect(() => service.create({ title: 'X', request: 'x', cron: '0 9 1 * *', timeZone: TZ, preApprovedTools: ['no_such_tool'] })).toThrow(/no tool named “no_such_tool”/);
    expect(service.list()).toEqual([]);

    const schedule = service.create({ title: 'Weekly report', request: 'send the weekly report to the team', cron: '0 9 * * 1', timeZone: TZ, preApprovedTools: ['send_message'] });
    setClock(h!, schedule.nextRunAt!);
    await scheduler.tick();
    await scheduler.idle();
    expect(h!.notifications).toEqual([]);
    expect(h!.world.sent).toHaveLength(1);
    expect(repo.runs(schedule.id)[0]).toMatchObject({ status: 'succeeded' });
    expect(h!.agent.listApprovals({ status: 'all' })[0]).toMatchObject({ status: 'approved', decidedBy: `schedule:${schedule.id}` });
  });

  it('bad input changes nothing: unknown time zone, a cron that never fires or fires every minute', async () => {
    const { service } = await setup();
    expect(() => service.create({ title: 'x', request: 'x', cron: '0 9 * * *', timeZone: 'Atlantis/Capital' })).toThrow(/is not a time zone/);
    expect(() => service.create({ title: 'x', request: 'x', cron: '0 9 30 2 *', timeZone: TZ })).toThrow(/never fires/);
    expect(() => service.create({ title: 'x', request: 'x', cron: '* * * * *', timeZone: TZ })).toThrow(/more often than every 5 minutes/);
    expect(() => service.create({ title: 'x', request: 'x', timeZone: TZ })).toThrow(/either cron \(recurring\) or runAt \(once\)/);
    expect(service.list()).toEqual([]);
  });
});
