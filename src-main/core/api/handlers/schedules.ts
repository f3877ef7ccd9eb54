/**
 * Request handlers of the Schedules view. Synchronous: each runs in one transaction with its
 * audit row.
 */
import type { z } from 'zod';
import type { SCHEDULE_METHODS } from '../../../../src-preload/schemas/schedules.js';
import { schedulesFor } from '../../schedules/schedule-registry.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof SCHEDULE_METHODS> = z.output<(typeof SCHEDULE_METHODS)[M]['input']>;
const { sync } = handlersUsing<'core'>();

export const scheduleHandlers = {
  'schedules.list': sync((_input: In<'schedules.list'>, { core }) => schedulesFor(core).service.list()),
  'schedules.parse': sync((input: In<'schedules.parse'>, { core }) => schedulesFor(core).service.propose(input.text, input.timeZone)),
  'schedules.create': sync((input: In<'schedules.create'>, { core }) => schedulesFor(core).service.create(input)),
  'schedules.update': sync((input: In<'schedules.update'>, { core }) => schedulesFor(core).service.update(input)),
  'schedules.delete': sync((input: In<'schedules.delete'>, { core }) => ({ deleted: schedulesFor(core).service.delete(input.id) })),
  'schedules.runs': sync((input: In<'schedules.runs'>, { core }) => {
    const { service } = schedulesFor(core);
    return service.runs(input.id, input.limit);
  }),
};
