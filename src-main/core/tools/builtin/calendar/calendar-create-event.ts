/**
 * calendar.create_event: books a meeting in Google Calendar with a Meet link and sends the
 * invitations. External and asks first; before booking it checks the attendees are free. Its
 * rollback cancels the event (attendees get the cancellation), which is how a half-done task
 * that booked a meeting is undone.
 */
import { z } from 'zod';
import { StewardError } from '../../../errors.js';
import type { CreatedEvent } from '../../../integrations/google/google-calendar.js';
import { formatLocal } from '../../../integrations/google/zoned-time.js';
import { defineTool } from '../../tool.js';
import { attendeeEmail, CALENDAR_CHANGE_TOOL, calendarFor, dateTimeSchema, futureInstant, optionalTimeZone, type CalendarToolDeps } from './calendar-common.js';

export const CalendarCreateEventParams = z
  .object({
    title: z.string({ error: 'must be the meeting title' }).min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
    start: dateTimeSchema.describe('when it starts, e.g. "2026-12-07T14:00" (in timeZone)'),
    durationMinutes: z.number({ error: 'must be the length in minutes' }).int('must be whole minutes').min(5, 'must be at least 5 minutes').max(720, 'must be at most 12 hours'),
    attendees: z.array(attendeeEmail, { error: 'must be a list of email addresses, such as ["dana@example.com"]' }).min(1, 'must invite at least one attendee').max(50, 'must have at most 50 attendees'),
    timeZone: optionalTimeZone,
    description: z.string().max(8000, 'must be at most 8000 characters').optional(),
    meet: z.boolean().default(true).describe('add a Google Meet link'),
  })
  .strict();
export type CalendarCreateEventParams = z.output<typeof CalendarCreateEventParams>;

export class AttendeesBusyError extends StewardError {
  constructor(names: string[], when: string) {
    super('conflict', `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} busy at ${when}, so nothing was booked. Find another time with calendar.find_slots and try that one.`);
  }
}

function booked(params: CalendarCreateEventParams, event: CreatedEvent, start: Date, end: Date, zone: string, attendees: string[], calendarId: string) {
  return {
    output: event,
    summary: `Booked “${params.title}” ${formatLocal(start, zone)}–${formatLocal(end, zone).slice(-5)} (${zone}) with ${attendees.join(', ')}${event.meetLink ? `; Meet: ${event.meetLink}` : ''}; invitations sent.`,
    rollbackData: { eventId: event.id, calendarId },
  };
}

export function createCalendarCreateEventTool(deps: CalendarToolDeps = {}) {
  const now = deps.now ?? (() => new Date());
  return defineTool({
    name: 'calendar.create_event',
    title: 'Book a meeting',
    userDescription: 'Creates a Google Calendar event (with a Meet link if asked) and emails the invitations.',
    description: 'Book a meeting in Google Calendar with a Google Meet link and email the invitations to the attendees. Checks they are free first.',
    parameters: CalendarCreateEventParams,
    // Safe to run again after a crash (idempotent): the event id comes from the call's idempotency
    // key, and an event already made by this call is returned instead of booking a second one.
    ...CALENDAR_CHANGE_TOOL,
    timeoutMs: 90_000,
    describe: (p) => `Book “${p.title}” on ${p.start.replace('T', ' ')}${p.timeZone ? ` (${p.timeZone})` : ''} for ${p.durationMinutes} minutes with ${p.attendees.join(', ')}${p.meet ? ', with a Meet link' : ''}; invitations are emailed (can be cancelled later)`,
    grantScope: (p) => [...new Set(p.attendees.map((a) => a.slice(a.lastIndexOf('@') + 1).toLowerCase()))].sort().join(','),
    async execute(params, ctx) {
      const { calendar, settings, zone } = await calendarFor(ctx, deps, params.timeZone);
      const start = futureInstant('start', params.start, zone, now());
      const end = new Date(start.getTime() + params.durationMinutes * 60_000);
      const attendees = [...new Set(params.attendees.map((a) => a.toLowerCase()))];
      const earlier = await calendar.findCreated(ctx.idempotencyKey, ctx.signal);
      if (earlier) return booked(params, earlier, start, end, zone, attendees, settings.calendarId);

      const answer = await calendar.freeBusy(attendees, start, end, zone, ctx.signal);
      const busy = attendees.filter((email) => (answer.busy.get(email) ?? []).some((b) => b.start < end && start < b.end));
      if (busy.length > 0) throw new AttendeesBusyError(busy, `${formatLocal(start, zone)} (${zone})`);
      ctx.signal.throwIfAborted();

      const event = await calendar.create({ summary: params.title, description: params.description, start, end, timeZone: zone, attendees, meet: params.meet }, ctx.idempotencyKey, ctx.signal);
      return booked(params, event, start, end, zone, attendees, settings.calendarId);
    },
    async rollback(result, _params, ctx) {
      const { eventId } = result.rollbackData as { eventId: string };
      const { calendar } = await calendarFor(ctx, deps);
      await calendar.cancel(eventId, ctx.signal);
    },
  });
}
