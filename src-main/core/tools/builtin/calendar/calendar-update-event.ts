/**
 * calendar.update_event: moves or changes a meeting and tells the attendees. Its rollback puts back
 * what the event was before (kept in the rollback data).
 */
import { z } from 'zod';
import { StewardError } from '../../../errors.js';
import { defineTool } from '../../tool.js';
import { attendeeEmail, CALENDAR_CHANGE_TOOL, calendarFor, dateTimeSchema, eventIdSchema, futureInstant, optionalTimeZone, type CalendarToolDeps } from './calendar-common.js';

export const CalendarUpdateEventParams = z
  .object({
    eventId: eventIdSchema,
    title: z.string().min(1, 'must not be empty').max(300).optional(),
    start: dateTimeSchema.optional(),
    durationMinutes: z.number().int().min(5).max(720).optional(),
    attendees: z.array(attendeeEmail).min(1).max(50).optional(),
    timeZone: optionalTimeZone,
    description: z.string().max(8000).optional(),
  })
  .strict()
  .refine((p) => p.title !== undefined || p.start !== undefined || p.attendees !== undefined || p.description !== undefined || p.durationMinutes !== undefined, { message: 'give at least one thing to change: title, start, durationMinutes, attendees or description', path: ['title'] });

export function createCalendarUpdateEventTool(deps: CalendarToolDeps = {}) {
  const now = deps.now ?? (() => new Date());
  return defineTool({
    name: 'calendar.update_event',
    title: 'Change a meeting',
    userDescription: 'Changes the time, title or attendees of a Google Calendar event; attendees are told.',
    description: 'Change a Google Calendar meeting (title, time, length, attendees, description) and notify the attendees.',
    parameters: CalendarUpdateEventParams,
    ...CALENDAR_CHANGE_TOOL,
    timeoutMs: 90_000,
    describe: (p) => `Change meeting ${p.eventId}: ${[p.title && `title “${p.title}”`, p.start && `start ${p.start.replace('T', ' ')}`, p.durationMinutes && `${p.durationMinutes} minutes`, p.attendees && `attendees ${p.attendees.join(', ')}`].filter(Boolean).join(', ') || 'description'}; attendees are notified`,
    async execute(params, ctx) {
      const { calendar, zone } = await calendarFor(ctx, deps, params.timeZone);
      const before = await calendar.get(params.eventId, ctx.signal);
      if (before.status === 'cancelled') throw new StewardError('conflict', `Meeting ${params.eventId} was cancelled, so it cannot be changed. Book a new one instead.`);
      const oldStart = new Date(before.start);
      const length = params.durationMinutes ?? Math.round((new Date(before.end).getTime() - oldStart.getTime()) / 60_000);
      const start = params.start ? futureInstant('start', params.start, zone, now()) : oldStart;
      const patch = {
        ...(params.title !== undefined && { summary: params.title }),
        ...(params.description !== undefined && { description: params.description }),
        ...(params.attendees && { attendees: params.attendees.map((email) => ({ email })) }),
        ...((params.start !== undefined || params.durationMinutes !== undefined) && {
          start: { dateTime: start.toISOString(), timeZone: zone },
          end: { dateTime: new Date(start.getTime() + length * 60_000).toISOString(), timeZone: zone },
        }),
      };
      const after = await calendar.update(params.eventId, patch, ctx.signal);
      return {
        output: after,
        summary: `Updated meeting ${params.eventId}; attendees were notified.`,
        rollbackData: { eventId: params.eventId, before: { start: before.start, end: before.end, attendees: before.attendees } },
      };
    },
    async rollback(result, params, ctx) {
      const data = result.rollbackData as { eventId: string; before: { start: string; end: string; attendees: string[] } };
      const { calendar } = await calendarFor(ctx, deps);
      await calendar.update(data.eventId, {
        ...(params.start !== undefined || params.durationMinutes !== undefined ? { start: { dateTime: data.before.start }, end: { dateTime: data.before.end } } : {}),
        ...(params.attendees && { attendees: data.before.attendees.map((email) => ({ email })) }),
      }, ctx.signal);
    },
  });
}
