/**
 * calendar.cancel_event: cancels a meeting and sends the cancellation to its attendees. The
 * cancellation emails cannot be unsent, which the card says before approval.
 */
import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { CALENDAR_CHANGE_TOOL, calendarFor, eventIdSchema, type CalendarToolDeps } from './calendar-common.js';

export const CalendarCancelEventParams = z
  .object({ eventId: eventIdSchema })
  .strict();

export function createCalendarCancelEventTool(deps: CalendarToolDeps = {}) {
  return defineTool({
    name: 'calendar.cancel_event',
    title: 'Cancel a meeting',
    userDescription: 'Cancels a Google Calendar event and emails the cancellation to its attendees.',
    description: 'Cancel a Google Calendar meeting and notify its attendees. The cancellation emails cannot be unsent.',
    parameters: CalendarCancelEventParams,
    ...CALENDAR_CHANGE_TOOL,
    timeoutMs: 60_000,
    cannotUndo: 'The cancellation emails reach the attendees at once; a cancelled event cannot be restored.',
    describe: (p) => `Cancel meeting ${p.eventId} and email the cancellation to its attendees (cannot be unsent)`,
    async execute(params, ctx) {
      const { calendar } = await calendarFor(ctx, deps);
      const outcome = await calendar.cancel(params.eventId, ctx.signal);
      return {
        output: { eventId: params.eventId, outcome },
        summary: outcome === 'cancelled' ? `Cancelled meeting ${params.eventId}; attendees were told. This cannot be undone.` : `Meeting ${params.eventId} was already cancelled or deleted.`,
      };
    },
  });
}
