/**
 * Reads when to run from a sentence typed in the chat — by code, not by the model, so what is
 * shown back for confirmation is exactly what will be saved:
 *   "every Monday at 9 send the weekly report to the team"  → 0 9 * * 1
 *   "remind me on the 1st to pay rent"                      → 0 9 1 * *
 *   "check the site is up every hour"                       → 0 * * * *
 *   "on 2026-12-24 at 18:00 send the greetings"             → once
 * The rest of the sentence is the request Steward runs each time.
 */
import { ScheduleNotUnderstoodError } from './schedule-errors.js';

export interface ParsedSchedule {
  cron: string | null;
  runAt: string | null;
  request: string;
}

const DAY_NUMBERS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const DAY = '(sunday|monday|tuesday|wednesday|thursday|friday|saturday)s?';
const TIME = '(?:\\s+at\\s+(noon|midnight|\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)?))?';

/** "9", "9:30", "5 pm", "noon" → [hour, minute]; null when absent. */
function parseTime(text: string | undefined, fallbackHour = 9): [number, number] {
  if (!text) return [fallbackHour, 0];
  const t = text.trim().toLowerCase();
  if (t === 'noon') return [12, 0];
  if (t === 'midnight') return [0, 0];
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/.exec(t);
  if (!m) return [fallbackHour, 0];
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (m[3] === 'pm' && hour < 12) hour += 12;
  if (m[3] === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) throw new ScheduleNotUnderstoodError(text);
  return [hour, minute];
}

/** Today's date in the time zone, as YYYY-MM-DD, shifted by `days`. */
function localDate(now: Date, timeZone: string, days: number): string {
  const shifted = new Date(now.getTime() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(shifted);
}

const two = (n: number): string => String(n).padStart(2, '0');

interface Rule {
  pattern: RegExp;
  build(m: RegExpExecArray, ctx: { now: Date; timeZone: string }): { cron: string } | { runAt: string };
}

const RULES: Rule[] = [
  { pattern: /\bevery\s+(\d{1,3})\s+(minutes?|mins?)\b/i, build: (m) => ({ cron: `*/${Number(m[1])} * * * *` }) },
  { pattern: /\bevery\s+(\d{1,2})\s+hours?\b/i, build: (m) => ({ cron: `0 */${Number(m[1])} * * *` }) },
  { pattern: /\b(?:every\s+hour|hourly)\b/i, build: () => ({ cron: '0 * * * *' }) },
  {
    pattern: new RegExp(`\\bevery\\s+(?:weekday|working\\s+day|work\\s+day)s?${TIME}`, 'i'),
    build: (m) => {
      const [h, min] = parseTime(m[1]);
      return { cron: `${min} ${h} * * 1-5` };
    },
  },
  {
    pattern: new RegExp(`\\b(?:every\\s+(day|morning|evening|night)|daily)${TIME}`, 'i'),
    build: (m) => {
      const fallback = m[1]?.toLowerCase() === 'evening' ? 18 : m[1]?.toLowerCase() === 'night' ? 21 : 9;
      const [h, min] = parseTime(m[2], fallback);
      return { cron: `${min} ${h} * * *` };
    },
  },
  {
    pattern: new RegExp(`\\b(?:every|on)\\s+${DAY}(?:\\s+and\\s+${DAY})?${TIME}`, 'i'),
    build: (m) => {
      const days = [m[1], m[2]].filter(Boolean).map((d) => DAY_NUMBERS[d!.toLowerCase()]);
      const [h, min] = parseTime(m[3]);
      return { cron: `${min} ${h} * * ${days.join(',')}` };
    },
  },
  {
    pattern: new RegExp(`\\b(?:(?:every|each)\\s+month\\s+)?on\\s+the\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of\\s+(?:every|each|the)\\s+month)?${TIME}`, 'i'),
    build: (m) => {
      const day = Number(m[1]);
      if (day < 1 || day > 31) throw new ScheduleNotUnderstoodError(m[0]);
      const [h, min] = parseTime(m[2]);
      return { cron: `${min} ${h} ${day} * *` };
    },
  },
  {
    pattern: new RegExp(`\\bon\\s+(\\d{4}-\\d{2}-\\d{2})${TIME}`, 'i'),
    build: (m) => {
      const [h, min] = parseTime(m[2]);
      return { runAt: `${m[1]}T${two(h)}:${two(min)}` };
    },
  },
  {
    pattern: new RegExp(`\\btomorrow${TIME}`, 'i'),
    build: (m, ctx) => {
      const [h, min] = parseTime(m[1]);
      return { runAt: `${localDate(ctx.now, ctx.timeZone, 1)}T${two(h)}:${two(min)}` };
    },
  },
];

export function parseScheduleText(text: string, ctx: { now: Date; timeZone: string }): ParsedSchedule {
  for (const rule of RULES) {
    const m = rule.pattern.exec(text);
    if (!m) continue;
    const when = rule.build(m, ctx);
    const request = cleanRequest(text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length));
    if (!request) throw new ScheduleNotUnderstoodError(text);
    return { cron: 'cron' in when ? when.cron : null, runAt: 'runAt' in when ? when.runAt : null, request };
  }
  throw new ScheduleNotUnderstoodError(text);
}

function cleanRequest(text: string): string {
  const cleaned = text
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.-]+|[\s,;:-]+$/g, '')
    .replace(/^(?:and|then|please)\s+/i, '')
    .replace(/\s+(?:and|then)$/i, '')
    .trim();
  return cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
}
