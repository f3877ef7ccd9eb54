/** Starts scheduled tasks for a running core with an agent: service, executor and timer. */
import type { AgentControl } from '../agent/agent-control.js';
import type { Core } from '../core-types.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { ChatScheduleExecutor } from './schedule-executor.js';
import { registerSchedules, type Schedules } from './schedule-registry.js';
import { ScheduleRepo } from './schedule-repo.js';
import { ScheduleService } from './schedule-service.js';
import { Scheduler } from './scheduler.js';

export function installSchedules(core: Core, registry: ToolRegistry, approvals: Pick<AgentControl, 'respondApproval'>, options: { timers?: boolean } = {}): Schedules {
  const repo = new ScheduleRepo(core.db.raw, () => core.clock.now());
  const scheduler = new Scheduler({ repo, clock: core.clock, executor: new ChatScheduleExecutor(core, repo, approvals), timers: options.timers, log: (m) => core.log.warn(m) });
  const service = new ScheduleService({ repo, clock: core.clock, toolSideEffect: (name) => registry.find(name)?.sideEffect ?? null, onChange: () => scheduler.changed() });
  const schedules = { service, scheduler };
  registerSchedules(core, schedules);
  void scheduler.start().catch((err: unknown) => core.log.warn('the scheduler could not start', err));
  return schedules;
}
