/**
 * calendar.find_slots: reads everyone's free/busy times and proposes open slots inside working
 * hours in each attendee's own time zone, with a buffer around other meetings. Read-only.
 */
import { z } from 'zod';
import { TimeZoneSchema } from '../../../../../src-preload/schemas/time-zone.js';
import { StewardError } from '../../../errors.js';
import { findOpenSlots } from '../../../integrations/google/free-slots.js';
import { formatLocal } from '../../../integrations/google/zoned-time.js';
import { defineTool } from '../../tool.js';
import { attendeeEmail, CALENDAR_TOOL, calendarFor, dateTimeSchema, futureInstant, optionalTimeZone, type CalendarToolDeps } from './calendar-common.js';
import { toInstant } from '../../../integrations/google/zoned-time.js';

const MAX_WINDOW_DAYS = 14;

export const CalendarFindSlotsParams = z
  .object({
    attendees: z
      .array(z.object({ email: attendeeEmail, timeZone: TimeZoneSchema.optional().describe("the attendee's IANA time zone, when known") }).strict(), { error: 'must be a list of attendees such as [{"email": "dana@example.com"}]' })
      .min(1, 'must name at least one attendee')
      .max(20, 'must have at most 20 attendees'),
    durationMinutes: z.number({ error: 'must be the meeting length in minutes' }).int('must be whole minutes').min(5, 'must be at least 5 minutes').max(480, 'must be at most 8 hours'),
    from: dateTimeSchema.describe('start of the search window, e.g. "2026-12-07T12:00"'),
    to: dateTimeSchema.describe('end of the search window, e.g. "2026-12-07T18:00"'),
    timeZone: optionalTimeZone,
  })
  .strict();

export function createCalendarFindSlotsTool(deps: CalendarToolDeps = {}) {
  const now = deps.now ?? (() => new Date());
  return defineTool({
    name: 'calendar.find_slots',
    title: 'Find meeting times',
    userDescription: "Finds free times for the attendees in Google Calendar, within working hours in each one's time zone.",
    description: "Find open meeting slots for attendees in Google Calendar: reads their free/busy times and keeps to working hours in each attendee's time zone, with buffers.",
    parameters: CalendarFindSlotsParams,
    describe: (p) => `Find ${p.durationMinutes}-minute slots with ${p.attendees.map((a) => a.email).join(', ')} between ${p.from.replace('T', ' ')} and ${p.to.replace('T', ' ')}`,
    ...CALENDAR_TOOL,
    sideEffect: 'none',
    defaultPermission: 'always',
    timeoutMs: 60_000,
    async execute(params, ctx) {
      const { calendar, settings, account, zone } = await calendarFor(ctx, deps, params.timeZone);
      const current = now();
      const to = futureInstant('to', params.to, zone, current);
      const requestedFrom = toInstant(params.from, zone);
      if (requestedFrom >= to) throw new StewardError('invalid_input', `"from" (${params.from}) must be before "to" (${params.to}). Nothing was searched.`);
      if (to.getTime() - requestedFrom.getTime() > MAX_WINDOW_DAYS * 86_400_000) throw new StewardError('invalid_input', `The search window is longer than ${MAX_WINDOW_DAYS} days. Search a shorter window.`);
      // A window that started already is searched from now on.
      const from = requestedFrom < current ? current : requestedFrom;
      const emails = params.attendees.map((a) => a.email.toLowerCase());
      const answer = await calendar.freeBusy([...new Set([account.toLowerCase(), ...emails])], from, to, zone, ctx.signal);
      const zones = [...new Set([settings.timeZone, ...params.attendees.map((a) => a.timeZone ?? settings.timeZone)])];
      const slots = findOpenSlots({ from, to, durationMinutes: params.durationMinutes, bufferMinutes: settings.bufferMinutes, workingHours: settings.workingHours, timeZones: zones, busy: [...answer.busy.values()].flat() });
      const shown = slots.map((s) => `${formatLocal(s.start, zone)}–${formatLocal(s.end, zone).slice(-5)}`);
      const unknownNote = answer.unknown.length > 0 ? ` Google would not show the calendars of ${answer.unknown.join(', ')}, so their busy times are not included.` : '';
      return {
        output: {
          timeZone: zone,
          slots: slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), local: Object.fromEntries(zones.map((z) => [z, formatLocal(s.start, z)])) })),
          busy: Object.fromEntries([...answer.busy].map(([email, list]) => [email, list.map((b) => ({ start: b.start.toISOString(), end: b.end.toISOString() }))])),
          unknownCalendars: answer.unknown,
        },
        summary:
          slots.length > 0
            ? `${slots.length} open ${params.durationMinutes}-minute slot${slots.length === 1 ? '' : 's'} (${zone}): ${shown.join('; ')}.${unknownNote}`
            : `No open ${params.durationMinutes}-minute slot in working hours for everyone between ${formatLocal(from, zone)} and ${formatLocal(to, zone)} (${zone}).${unknownNote}`,
      };
    },
  });
}
