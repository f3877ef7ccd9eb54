/** Which schedule service and scheduler serve a core, for the request handlers and the tray. */
import type { Core } from '../core-types.js';
import { StewardError } from '../errors.js';
import type { Scheduler } from './scheduler.js';
import type { ScheduleService } from './schedule-service.js';

export interface Schedules {
  service: ScheduleService;
  scheduler: Scheduler;
}

const registry = new WeakMap<Core, Schedules>();

export function registerSchedules(core: Core, schedules: Schedules): void {
  registry.set(core, schedules);
}

export function findSchedules(core: Core): Schedules | null {
  return registry.get(core) ?? null;
}

export function schedulesFor(core: Core): Schedules {
  const found = registry.get(core);
  if (!found) throw new StewardError('conflict', 'Scheduled tasks need the assistant, which is not running. Set up a model (Models) and restart Steward.');
  return found;
}
