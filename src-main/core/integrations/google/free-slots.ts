/**
 * Finding open meeting slots: a slot must fall inside working hours on a working day in every
 * attendee's own time zone, and keep a buffer free before and after against everyone's busy
 * times. Pure code over Google's free/busy answer, so it is tested without a network.
 */
import { clockMinutes } from '../../../../src-preload/schemas/time-zone.js';
import { localParts } from './zoned-time.js';

export interface Interval {
  start: Date;
  end: Date;
}

export interface SlotQuery {
  from: Date;
  to: Date;
  durationMinutes: number;
  bufferMinutes: number;
  workingHours: { start: string; end: string; days: readonly number[] };
  /** Each attendee's time zone (and the organiser's). */
  timeZones: readonly string[];
  busy: readonly Interval[];
  stepMinutes?: number;
  maxSlots?: number;
}

const MINUTE = 60_000;

function insideWorkingHours(slot: Interval, timeZone: string, hours: SlotQuery['workingHours']): boolean {
  const start = localParts(slot.start, timeZone);
  const last = localParts(new Date(slot.end.getTime() - MINUTE), timeZone);
  if (start.day !== last.day || !hours.days.includes(start.weekday)) return false;
  const startMin = start.hour * 60 + start.minute;
  const endMin = last.hour * 60 + last.minute + 1;
  return startMin >= clockMinutes(hours.start) && endMin <= clockMinutes(hours.end);
}

function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

export function findOpenSlots(query: SlotQuery): Interval[] {
  const step = (query.stepMinutes ?? 15) * MINUTE;
  const duration = query.durationMinutes * MINUTE;
  const buffer = query.bufferMinutes * MINUTE;
  const slots: Interval[] = [];
  let t = Math.ceil(query.from.getTime() / step) * step;
  while (t + duration <= query.to.getTime() && slots.length < (query.maxSlots ?? 5)) {
    const slot = { start: new Date(t), end: new Date(t + duration) };
    const padded = { start: new Date(t - buffer), end: new Date(t + duration + buffer) };
    if (query.timeZones.every((zone) => insideWorkingHours(slot, zone, query.workingHours)) && !query.busy.some((b) => overlaps(padded, b))) {
      slots.push(slot);
      // The next proposal starts after this one, so the list offers real alternatives.
      t += duration;
      continue;
    }
    t += step;
  }
  return slots;
}
