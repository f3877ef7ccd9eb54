/**
 * Request handlers of the Schedules view. Synchronous: each runs in one transaction with its
 * audit row.
 */
import type { z } from 'zod';
import type { SCHEDULE_METHODS } from '../../../../src-preload/schemas/schedules.js';
import { schedulesOf } from '../../agent/extension-services.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof SCHEDULE_METHODS> = z.output<(typeof SCHEDULE_METHODS)[M]['input']>;
const { sync } = handlersUsing<'extensions'>();

export const scheduleHandlers = {
  'schedules.list': sync((_input: In<'schedules.list'>, { extensions }) => schedulesOf(extensions).service.list()),
  'schedules.parse': sync((input: In<'schedules.parse'>, { extensions }) => schedulesOf(extensions).service.propose(input.text, input.timeZone)),
  'schedules.create': sync((input: In<'schedules.create'>, { extensions }) => schedulesOf(extensions).service.create(input)),
  'schedules.update': sync((input: In<'schedules.update'>, { extensions }) => schedulesOf(extensions).service.update(input)),
  'schedules.delete': sync((input: In<'schedules.delete'>, { extensions }) => ({ deleted: schedulesOf(extensions).service.delete(input.id) })),
  'schedules.runs': sync((input: In<'schedules.runs'>, { extensions }) => {
    const { service } = schedulesOf(extensions);
    return service.runs(input.id, input.limit);
  }),
};
