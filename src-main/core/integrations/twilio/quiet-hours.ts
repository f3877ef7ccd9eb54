/**
 * Quiet hours: a window of the day (in a chosen time zone) when Steward sends no texts. The window
 * may cross midnight ("21:00"–"08:00").
 */
import { clockMinutes } from '../../../../src-preload/schemas/time-zone.js';

export interface QuietHours {
  enabled: boolean;
  start: string;
  end: string;
  timeZone: string;
}

/** Minutes after midnight of `at` in `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

export function isQuietTime(at: Date, quiet: QuietHours): boolean {
  if (!quiet.enabled) return false;
  const now = localMinutes(at, quiet.timeZone);
  const start = clockMinutes(quiet.start);
  const end = clockMinutes(quiet.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}
