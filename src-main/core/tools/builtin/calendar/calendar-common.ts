/**
 * What the calendar tools share: the argument pieces (attendees, times, time zones) with errors
 * that say what to give instead, and loading an authorized Calendar client from the settings and
 * the keychain.
 */
import { z } from 'zod';
import { TimeZoneSchema } from '../../../../../src-preload/schemas/time-zone.js';
import type { GoogleSettings } from '../../../../../src-preload/schemas/google-settings.js';
import { StewardError } from '../../../errors.js';
import { readGoogleSettings } from '../../../integrations/google/google-config.js';
import { GoogleCalendar } from '../../../integrations/google/google-calendar.js';
import { authorizedGoogleClient } from '../../../integrations/google/google-oauth.js';
import { GOOGLE_CLIENT_SECRET_ACCOUNT, GOOGLE_TOKENS_ACCOUNT, readGoogleTokens } from '../../../integrations/google/google-tokens.js';
import { toInstant } from '../../../integrations/google/zoned-time.js';
import type { ToolContext } from '../../tool.js';
import { ToolNotConfiguredError } from '../tool-errors.js';

export const GOOGLE_CREDENTIAL_ACCOUNTS = [GOOGLE_TOKENS_ACCOUNT, GOOGLE_CLIENT_SECRET_ACCOUNT] as const;

/** The id of an event Steward booked, as calendar.update_event and calendar.cancel_event take it. */
export const eventIdSchema = z.string({ error: 'must be the id calendar.create_event returned' }).regex(/^[a-v0-9_]{5,1024}$/i, 'must be the event id calendar.create_event returned');

export const attendeeEmail = z.email({ error: (issue) => `"${String(issue.input)}" is not an email address; give each attendee's email address (look the person up in memory or ask the user)` });

/** "2026-12-07T14:00" (read in timeZone) or with an offset "2026-12-07T14:00:00+01:00". */
export const dateTimeSchema = z
  .string({ error: 'must be a date and time such as "2026-12-07T14:00"' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/i, 'must be a date and time such as "2026-12-07T14:00" or "2026-12-07T14:00:00+01:00"')
  .refine((v) => !Number.isNaN(Date.parse(/(Z|[+-]\d{2}:\d{2})$/i.test(v) ? v : `${v}Z`)), 'is not a real date (check the day and month)');

export const optionalTimeZone = TimeZoneSchema.optional().describe('IANA time zone of the given times, e.g. "Europe/Berlin"; default: yours from the Google settings');

export interface CalendarToolDeps {
  now?: () => Date;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  retryBaseDelayMs?: number;
  timeoutMs?: number;
}

export class DateInPastError extends StewardError {
  constructor(field: string, value: string) {
    super('invalid_input', `${field} "${value}" is in the past. Give a time from now on; nothing was booked or changed.`);
  }
}

/**
 * An authorized Calendar client, the Google settings, the signed-in account and the time zone the
 * call's times are read in (the one it gave, else the user's from the Google settings).
 */
export async function calendarFor(ctx: Pick<ToolContext, 'settings' | 'secrets'>, deps: CalendarToolDeps, timeZone?: string): Promise<{ calendar: GoogleCalendar; settings: GoogleSettings; account: string; zone: string }> {
  const read = readGoogleSettings(ctx.settings);
  if (!read.ok) throw new ToolNotConfiguredError('Google Calendar', read.reason);
  const { client, tokens } = await authorizedGoogleClient(read.settings, ctx.secrets, 'calendar', (deps.now ?? (() => new Date()))().getTime());
  return {
    calendar: new GoogleCalendar(client, { calendarId: read.settings.calendarId, sleep: deps.sleep, retryBaseDelayMs: deps.retryBaseDelayMs, timeoutMs: deps.timeoutMs }),
    settings: read.settings,
    account: tokens.email,
    zone: timeZone ?? read.settings.timeZone,
  };
}

export async function calendarConfigured(ctx: Pick<ToolContext, 'settings' | 'secrets'>): Promise<{ ok: true } | { ok: false; reason: string }> {
  const read = readGoogleSettings(ctx.settings);
  if (!read.ok) return read;
  const tokens = await readGoogleTokens(ctx.secrets);
  if (!tokens) return { ok: false, reason: 'Google is not connected yet. Choose "Connect" for Google in Integrations › Google and sign in.' };
  if (tokens.needsReconnect) return { ok: false, reason: 'Google no longer accepts Steward\'s access (revoked or expired). Reconnect Google in Integrations › Google.' };
  return { ok: true };
}

/** What every calendar tool declares alike: Google's tokens and client secret, set up once Google is connected with Calendar; safe to run again. */
export const CALENDAR_TOOL = {
  idempotent: true,
  credentialAccounts: GOOGLE_CREDENTIAL_ACCOUNTS,
  isConfigured: calendarConfigured,
} as const;

/**
 * What the tools that change a meeting (create, update, cancel) add: attendees are emailed, so
 * they ask first; the result is Steward's own account of what it did, not outside text.
 */
export const CALENDAR_CHANGE_TOOL = {
  ...CALENDAR_TOOL,
  sideEffect: 'external',
  defaultPermission: 'ask',
  resultOrigin: () => null,
} as const;

/** The instant of a time argument, refusing one in the past. */
export function futureInstant(field: string, value: string, timeZone: string, now: Date): Date {
  const at = toInstant(value, timeZone);
  if (at.getTime() <= now.getTime()) throw new DateInPastError(field, value);
  return at;
}
