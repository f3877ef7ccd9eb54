/**
 * The Calendar tools with the real googleapis SDK against the local Google fake: open slots across
 * time zones with buffers, booking with a Meet link and invitations, update, cancel and the
 * rollback of a booking, exactly one event after a lost answer, 429/5xx/timeouts, expired and
 * revoked tokens, and bad input refused with nothing booked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StewardError } from '../../../src-main/core/errors.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { CalendarCancelEventParams, createCalendarCancelEventTool } from '../../../src-main/core/tools/builtin/calendar/calendar-cancel-event.js';
import { CalendarCreateEventParams, createCalendarCreateEventTool } from '../../../src-main/core/tools/builtin/calendar/calendar-create-event.js';
import { CalendarFindSlotsParams, createCalendarFindSlotsTool } from '../../../src-main/core/tools/builtin/calendar/calendar-find-slots.js';
import { CalendarUpdateEventParams, createCalendarUpdateEventTool } from '../../../src-main/core/tools/builtin/calendar/calendar-update-event.js';
import { localParts, zonedToInstant } from '../../../src-main/core/integrations/google/zoned-time.js';
import { FAKE_USER, startGoogleFake, type GoogleFake } from '../../fakes/google-fake.js';
import { recordingSleep, settingsWith, toolContext } from '../twilio/support.js';
import { connect, googleSettings, useGoogleFake } from './support.js';

const ZONE = 'Europe/Berlin';
const DANA = 'dana@example.com';
let fake: GoogleFake;
let restore: () => void;

/** Tomorrow's date in Berlin, "YYYY-MM-DD". */
function tomorrow(): string {
  const p = localParts(new Date(Date.now() + 86_400_000), ZONE);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

beforeEach(async () => {
  fake = await startGoogleFake();
  restore = useGoogleFake(fake);
});
afterEach(async () => {
  restore();
  await fake.close();
});

async function connected(features?: Record<string, boolean>) {
  const secrets = createMemorySecretStore();
  const google = googleSettings(fake, features ? { features } : {});
  await connect(fake, secrets, google);
  const settings = settingsWith({ google });
  const timing = recordingSleep();
  const deps = { sleep: timing.sleep, retryBaseDelayMs: 5, timeoutMs: 400 };
  return { secrets, settings, timing, deps, ctx: () => toolContext(settings, secrets) };
}

describe('calendar tools', () => {
  it('finds slots inside working hours in both time zones, clear of busy times plus the buffer', async () => {
    const { deps, ctx } = await connected();
    const day = tomorrow();
    fake.busy.set(DANA, [{ start: zonedToInstant(`${day}T14:00`, ZONE).toISOString(), end: zonedToInstant(`${day}T15:00`, ZONE).toISOString() }]);
    const tool = createCalendarFindSlotsTool(deps);
    const params = CalendarFindSlotsParams.parse({ attendees: [{ email: DANA, timeZone: 'America/New_York' }], durationMinutes: 30, from: `${day}T08:00`, to: `${day}T20:00`, timeZone: ZONE });
    const result = await tool.execute(params, ctx());

    // Berlin 09–17 and New York 09–17 overlap 15:00–17:00 Berlin; Dana is busy until 15:00, plus 10 minutes.
    const starts = (result.output as { slots: { start: string }[] }).slots.map((s) => localParts(new Date(s.start), ZONE)).map((p) => `${p.hour}:${String(p.minute).padStart(2, '0')}`);
    expect(starts).toEqual(['15:15', '15:45', '16:15']);
    expect(result.summary).toMatch(/^3 open 30-minute slots \(Europe\/Berlin\): \w{3} \d+ \w{3}, 15:15–15:45; .*16:15–16:45\.$/);
    const query = fake.requests.find((r) => r.operation === 'freeBusy')!.body as { items: { id: string }[]; timeZone: string };
    expect(query.items.map((i) => i.id)).toEqual([FAKE_USER, DANA]);
    expect(tool.sideEffect).toBe('none');
  });

  it('books the meeting with a Meet link and invitations, and its rollback cancels it with notices', async () => {
    const { deps, ctx } = await connected();
    const tool = createCalendarCreateEventTool(deps);
    const params = CalendarCreateEventParams.parse({ title: 'Offer follow-up', start: `${tomorrow()}T15:15`, durationMinutes: 30, attendees: [DANA], timeZone: ZONE });
    expect(tool.describe!(params)).toBe(`Book “Offer follow-up” on ${tomorrow()} 15:15 (Europe/Berlin) for 30 minutes with ${DANA}, with a Meet link; invitations are emailed (can be cancelled later)`);
    const result = await tool.execute(params, ctx());

    expect(fake.events.size).toBe(1);
    const event = [...fake.events.values()][0]!;
    expect(event).toMatchObject({ summary: 'Offer follow-up', sendUpdates: 'all', conferenceDataVersion: '1', status: 'confirmed', attendees: [{ email: DANA, responseStatus: 'needsAction' }] });
    expect(new Date(event.start.dateTime).getTime()).toBe(zonedToInstant(`${tomorrow()}T15:15`, ZONE).getTime());
    expect(event.start.timeZone).toBe(ZONE);
    expect(result.summary).toMatch(/^Booked “Offer follow-up” \w{3} \d+ \w{3}, 15:15–15:45 \(Europe\/Berlin\) with dana@example\.com; Meet: https:\/\/meet\.google\.com\/[a-z0-9-]+; invitations sent\.$/);
    expect(result.rollbackData).toEqual({ eventId: event.id, calendarId: 'primary' });

    await tool.rollback!(result, params, ctx());
    expect(event.status).toBe('cancelled');
    expect(fake.requests.filter((r) => r.operation === 'delete')[0]!.query.sendUpdates).toBe('all');
  });

  it('does not book over a busy attendee', async () => {
    const { deps, ctx } = await connected();
    const day = tomorrow();
    fake.busy.set(DANA, [{ start: zonedToInstant(`${day}T15:00`, ZONE).toISOString(), end: zonedToInstant(`${day}T16:00`, ZONE).toISOString() }]);
    const error = (await createCalendarCreateEventTool(deps).execute(CalendarCreateEventParams.parse({ title: 'Sync', start: `${day}T15:30`, durationMinutes: 30, attendees: [DANA], timeZone: ZONE }), ctx()).catch((e: unknown) => e)) as StewardError;
    expect(error.userMessage).toMatch(/^dana@example\.com is busy at \w{3} \d+ \w{3}, 15:30 \(Europe\/Berlin\), so nothing was booked\. Find another time with calendar\.find_slots/);
    expect(fake.requests.some((r) => r.operation === 'insert')).toBe(false);
  });

  it('books exactly one event when the answer to the create is lost and the call is retried', async () => {
    const { deps, ctx } = await connected();
    fake.fail('insert', { dropAfterCommit: true });
    const context = ctx();
    const result = await createCalendarCreateEventTool(deps).execute(CalendarCreateEventParams.parse({ title: 'Sync', start: `${tomorrow()}T10:00`, durationMinutes: 30, attendees: [DANA], timeZone: ZONE }), context);
    expect(fake.requests.filter((r) => r.operation === 'insert')).toHaveLength(2);
    expect(fake.events.size).toBe(1);
    expect((result.output as { id: string }).id).toBe([...fake.events.keys()][0]);

    // The same call again (a crash and its retry carry the same idempotency key): still one event.
    await createCalendarCreateEventTool(deps).execute(CalendarCreateEventParams.parse({ title: 'Sync', start: `${tomorrow()}T10:00`, durationMinutes: 30, attendees: [DANA], timeZone: ZONE }), context);
    expect(fake.events.size).toBe(1);
  });

  it('waits out a 429 for as long as Retry-After says, and retries a 5xx free/busy read', async () => {
    const { deps, ctx, timing } = await connected();
    fake.fail('insert', { status: 429, retryAfter: '2' });
    fake.fail('freeBusy', { status: 503 });
    await createCalendarCreateEventTool(deps).execute(CalendarCreateEventParams.parse({ title: 'Sync', start: `${tomorrow()}T11:00`, durationMinutes: 30, attendees: [DANA], timeZone: ZONE }), ctx());
    expect(timing.waits).toEqual([5, 2000]);
    expect(fake.events.size).toBe(1);
  });

  it('gives up on a silent Google with a timeout and books nothing', async () => {
    const { deps, ctx } = await connected();
    fake.fail('insert', { hang: true }, { hang: true }, { hang: true });
    const error = (await createCalendarCreateEventTool(deps).execute(CalendarCreateEventParams.parse({ title: 'Sync', start: `${tomorrow()}T11:00`, durationMinutes: 30, attendees: [DANA], timeZone: ZONE }), ctx()).catch((e: unknown) => e)) as StewardError;
    expect(error.code).toBe('timeout');
    expect(error.userMessage).toMatch(/^Google did not answer in time while creating the event\./);
    expect(fake.events.size).toBe(0);
  });

  it('an access token Google expired early is refreshed on the 401 and the call goes through', async () => {
    const { deps, ctx } = await connected();
    fake.expireAccessTokens();
    await createCalendarCreateEventTool(deps).execute(CalendarCreateEventParams.parse({ title: 'Sync', start: `${tomorrow()}T12:00`, durationMinutes: 30, attendees: [DANA], timeZone: ZONE }), ctx());
    expect(fake.events.size).toBe(1);
    expect(fake.requests.filter((r) => r.operation === 'token').map((r) => (r.body as { grant_type: string }).grant_type)).toContain('refresh_token');
  });

  it('a revoked grant says "reconnect Google" and books nothing', async () => {
    const { deps, ctx } = await connected();
    fake.revokeAll();
    const error = (await createCalendarCreateEventTool(deps).execute(CalendarCreateEventParams.parse({ title: 'Sync', start: `${tomorrow()}T12:00`, durationMinutes: 30, attendees: [DANA], timeZone: ZONE }), ctx()).catch((e: unknown) => e)) as StewardError;
    expect(error.userMessage).toBe("Google no longer accepts Steward's access (it was revoked or has expired). Reconnect Google in Integrations › Google; nothing was sent or changed.");
    expect(fake.events.size).toBe(0);
  });

  it('without the Calendar permission it says to turn the feature on and reconnect', async () => {
    const { deps, ctx } = await connected({ gmailSend: true, gmailRead: false, calendar: false });
    const error = (await createCalendarFindSlotsTool(deps).execute(CalendarFindSlotsParams.parse({ attendees: [{ email: DANA }], durationMinutes: 30, from: `${tomorrow()}T08:00`, to: `${tomorrow()}T18:00` }), ctx()).catch((e: unknown) => e)) as StewardError;
    expect(error.userMessage).toBe("Steward does not have Google's permission for Calendar. Turn it on and reconnect Google in Integrations › Google.");
  });

  it('refuses attendees that are not emails, time zones that do not exist and times in the past, booking nothing', async () => {
    const { deps, ctx } = await connected();
    const base = { title: 'Sync', start: `${tomorrow()}T12:00`, durationMinutes: 30, attendees: [DANA], timeZone: ZONE };
    expect(CalendarCreateEventParams.safeParse({ ...base, attendees: ['Dana'] }).error!.issues[0]!.message).toBe('"Dana" is not an email address; give each attendee\'s email address (look the person up in memory or ask the user)');
    expect(CalendarCreateEventParams.safeParse({ ...base, timeZone: 'Mars/Olympus' }).error!.issues[0]!.message).toBe('"Mars/Olympus" is not a time zone; use an IANA name such as "Europe/Berlin" or "America/New_York"');
    expect(CalendarCreateEventParams.safeParse({ ...base, timeZone: 'PST' }).success).toBe(false);
    expect(CalendarCreateEventParams.safeParse({ ...base, start: 'tomorrow 2pm' }).error!.issues[0]!.message).toContain('must be a date and time such as "2026-12-07T14:00"');
    const past = (await createCalendarCreateEventTool(deps).execute(CalendarCreateEventParams.parse({ ...base, start: '2020-03-02T10:00' }), ctx()).catch((e: unknown) => e)) as StewardError;
    expect(past.userMessage).toBe('start "2020-03-02T10:00" is in the past. Give a time from now on; nothing was booked or changed.');
    expect(fake.requests.filter((r) => r.operation === 'insert' || r.operation === 'freeBusy').map((r) => r.operation)).toEqual([]);
  });

  it('moves a meeting with notices (rollback moves it back) and cancels it', async () => {
    const { deps, ctx } = await connected();
    const created = await createCalendarCreateEventTool(deps).execute(CalendarCreateEventParams.parse({ title: 'Sync', start: `${tomorrow()}T09:00`, durationMinutes: 30, attendees: [DANA], timeZone: ZONE }), ctx());
    const eventId = (created.output as { id: string }).id;
    const event = fake.events.get(eventId)!;
    const originalStart = event.start.dateTime;

    const update = createCalendarUpdateEventTool(deps);
    const params = CalendarUpdateEventParams.parse({ eventId, start: `${tomorrow()}T10:00`, timeZone: ZONE });
    const moved = await update.execute(params, ctx());
    expect(new Date(event.start.dateTime).getTime()).toBe(zonedToInstant(`${tomorrow()}T10:00`, ZONE).getTime());
    expect(new Date(event.end.dateTime).getTime() - new Date(event.start.dateTime).getTime()).toBe(30 * 60_000);
    expect(event.sendUpdates).toBe('all');
    await update.rollback!(moved, params, ctx());
    expect(new Date(event.start.dateTime).getTime()).toBe(new Date(originalStart).getTime());
    expect(CalendarUpdateEventParams.safeParse({ eventId }).error!.issues[0]!.message).toMatch(/give at least one thing to change/);

    const cancel = createCalendarCancelEventTool(deps);
    expect((await cancel.execute(CalendarCancelEventParams.parse({ eventId }), ctx())).summary).toBe(`Cancelled meeting ${eventId}; attendees were told. This cannot be undone.`);
    expect(event.status).toBe('cancelled');
    expect((await cancel.execute(CalendarCancelEventParams.parse({ eventId }), ctx())).summary).toBe(`Meeting ${eventId} was already cancelled or deleted.`);
  });
});
