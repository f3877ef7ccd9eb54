import type { AnyTool } from '../../tool.js';
import { createCalendarCancelEventTool } from './calendar-cancel-event.js';
import type { CalendarToolDeps } from './calendar-common.js';
import { createCalendarCreateEventTool } from './calendar-create-event.js';
import { createCalendarFindSlotsTool } from './calendar-find-slots.js';
import { createCalendarUpdateEventTool } from './calendar-update-event.js';

/** The Google Calendar tools. They say "not set up" until Google is connected with Calendar. */
export function calendarTools(deps: CalendarToolDeps = {}): AnyTool[] {
  return [createCalendarFindSlotsTool(deps), createCalendarCreateEventTool(deps), createCalendarUpdateEventTool(deps), createCalendarCancelEventTool(deps)] as AnyTool[];
}
