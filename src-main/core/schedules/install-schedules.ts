/** Starts scheduled tasks for a running core with an agent: service, executor and timer. */
import type { AgentControl } from '../agent/agent-control.js';
import type { AgentNeeds } from '../agent/agent-deps.js';
import type { Core } from '../core-types.js';
import { ChatScheduleExecutor } from './schedule-executor.js';
import { ScheduleRepo } from './schedule-repo.js';
import { ScheduleService } from './schedule-service.js';
import { Scheduler } from './scheduler.js';

/** The schedule service (the Schedules view, /schedule) and the timer that runs what is due. */
export interface Schedules {
  service: ScheduleService;
  scheduler: Scheduler;
}

/** Installs them beside the agent (its extensions, which the chat's commands and the request handlers are given). */
export function installSchedules(core: Core, agent: AgentNeeds<'registry' | 'extensions'>, approvals: Pick<AgentControl, 'respondApproval'>, options: { timers?: boolean } = {}): Schedules {
  const repo = new ScheduleRepo(core.db.raw, () => core.clock.now());
  const scheduler = new Scheduler({ repo, clock: core.clock, executor: new ChatScheduleExecutor(core, repo, approvals), timers: options.timers, log: (m) => core.log.warn(m) });
  const service = new ScheduleService({ repo, clock: core.clock, toolSideEffect: (name) => agent.registry.find(name)?.sideEffect ?? null, onChange: () => scheduler.changed() });
  const schedules = { service, scheduler };
  agent.extensions.schedules = schedules;
  void scheduler.start().catch((err: unknown) => core.log.warn('the scheduler could not start', err));
  return schedules;
}
