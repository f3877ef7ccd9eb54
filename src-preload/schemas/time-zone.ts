import { z } from 'zod';

/**
 * Whether the runtime knows this IANA time zone ("Europe/Berlin"). Typos are refused, and so are
 * abbreviations ICU happens to accept ("PST", "EST"): they are ambiguous or ignore daylight saving.
 */
export function isIanaTimeZone(name: string): boolean {
  if (name !== 'UTC' && !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string({ error: 'must be a time zone name such as "Europe/Berlin" or "America/New_York"' })
  .refine(isIanaTimeZone, { error: (issue) => `"${String(issue.input)}" is not a time zone; use an IANA name such as "Europe/Berlin" or "America/New_York"` });

/** "09:00" → minutes after midnight. */
export const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as "09:00" (24-hour)');

export function clockMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}
