import { describe, expect, it } from 'vitest';
import { parseScheduleText } from '../../../src-main/core/schedules/schedule-parser.js';
import { checkCron, checkOnce } from '../../../src-main/core/schedules/schedule-timing.js';
import { describeSchedule } from '../../../src-main/core/schedules/schedule-words.js';

const now = new Date('2026-03-20T10:00:00Z');
const tz = 'Europe/Lisbon';
const parse = (text: string) => parseScheduleText(text, { now, timeZone: tz });
const words = (text: string) => {
  const p = parse(text);
  return describeSchedule({ cron: p.cron, runAt: p.runAt, timeZone: tz });
};

describe('schedules parsed from the chat and shown back in words', () => {
  it.each([
    ['every Monday at 9 send the weekly report to the team', '0 9 * * 1', 'Send the weekly report to the team', 'Every Monday at 09:00 (Europe/Lisbon)'],
    ['remind me on the 1st to pay rent', '0 9 1 * *', 'Remind me to pay rent', 'On the 1st of every month at 09:00 (Europe/Lisbon)'],
    ['check the site is up every hour', '0 * * * *', 'Check the site is up', 'Every hour at 00 past (Europe/Lisbon)'],
    ['every weekday at 8:30am post the stand-up notes', '30 8 * * 1-5', 'Post the stand-up notes', 'Every weekday (Monday to Friday) at 08:30 (Europe/Lisbon)'],
    ['every day at 5 pm back up the invoices', '0 17 * * *', 'Back up the invoices', 'Every day at 17:00 (Europe/Lisbon)'],
    ['every 30 minutes check the inbox', '*/30 * * * *', 'Check the inbox', 'Every 30 minutes (Europe/Lisbon)'],
    ['every Tuesday and Thursday at noon order lunch', '0 12 * * 2,4', 'Order lunch', 'Every Tuesday and Thursday at 12:00 (Europe/Lisbon)'],
  ])('%s', (text, cron, request, expectedWords) => {
    expect(parse(text)).toEqual({ cron, runAt: null, request });
    expect(words(text)).toBe(expectedWords);
  });

  it('one-off times: a date, or tomorrow in the user’s time zone', () => {
    expect(parse('on 2026-12-24 at 18:00 send the season’s greetings')).toEqual({ cron: null, runAt: '2026-12-24T18:00', request: 'Send the season’s greetings' });
    expect(parse('tomorrow at 10 call the accountant')).toEqual({ cron: null, runAt: '2026-03-21T10:00', request: 'Call the accountant' });
    expect(words('on 2026-12-24 at 18:00 send it')).toBe('Once, on 2026-12-24 at 18:00 (Europe/Lisbon)');
  });

  it('a sentence without a time says how to write one', () => {
    expect(() => parse('send the weekly report')).toThrow(/could not find when to run.*every Monday at 9/);
  });
});

describe('schedule timing refuses what cannot work', () => {
  it('a cron that never fires, fires every second or more often than every 5 minutes', () => {
    expect(() => checkCron('0 9 31 2 *', tz, now)).toThrow(/never fires/);
    expect(() => checkCron('* * * * * *', tz, now)).toThrow(/has 6 fields.*more often than every 5 minutes/);
    expect(() => checkCron('* * * * *', tz, now)).toThrow(/more often than every 5 minutes/);
    expect(() => checkCron('*/2 * * * *', tz, now)).toThrow(/more often than every 5 minutes/);
    expect(() => checkCron('bogus', tz, now)).toThrow(/has 1 fields. Use exactly five/);
    expect(() => checkCron('0 25 * * *', tz, now)).toThrow(/is not a cron expression/);
    expect(checkCron('*/5 * * * *', tz, now)).toHaveLength(12);
  });

  it('a time zone that does not exist, and a one-off time already past', () => {
    expect(() => checkCron('0 9 * * *', 'Mars/Olympus', now)).toThrow(/“Mars\/Olympus” is not a time zone.*Europe\/Lisbon/);
    expect(() => checkOnce('2026-03-19T09:00', tz, now)).toThrow(/already past/);
    expect(checkOnce('2026-03-21T09:00', 'America/New_York', now).toISOString()).toBe('2026-03-21T13:00:00.000Z');
  });

  it('local time holds across a daylight-saving change', () => {
    // Lisbon moves from UTC+0 to UTC+1 on 29 March 2026 at 01:00 UTC.
    const runs = checkCron('0 9 * * *', tz, new Date('2026-03-27T12:00:00Z')).slice(0, 3).map((d) => d.toISOString());
    expect(runs).toEqual(['2026-03-28T09:00:00.000Z', '2026-03-29T08:00:00.000Z', '2026-03-30T08:00:00.000Z']);
  });
});
