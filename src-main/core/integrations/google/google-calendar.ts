/**
 * Google Calendar through googleapis: free/busy, and events created with a Meet link
 * (conferenceData + conferenceDataVersion=1) and invitations sent (sendUpdates=all). Every event
 * carries an id we choose, so retrying a create after a lost answer finds the first one (Google
 * answers 409) instead of booking twice; reads and deletes retry on server errors, every call on
 * 429 after Retry-After.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { calendar_v3 } from 'googleapis';
import type { OAuth2Client } from 'google-auth-library';
import { callWithRetry } from '../call-with-retry.js';
import { calendarApi } from './google-api.js';
import { classifyGoogleError, GoogleError, mapGoogleError } from './google-errors.js';

export interface BusyAnswer {
  busy: Map<string, { start: Date; end: Date }[]>;
  /** Attendees whose calendar Google would not show (not shared, not found). */
  unknown: string[];
}

export interface EventInput {
  summary: string;
  description?: string;
  start: Date;
  end: Date;
  timeZone: string;
  attendees: string[];
  meet: boolean;
}

export interface CreatedEvent {
  id: string;
  htmlLink: string | null;
  meetLink: string | null;
  status: string;
  start: string;
  end: string;
  attendees: string[];
}

export interface CalendarOptions {
  calendarId: string;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  retryBaseDelayMs?: number;
  timeoutMs?: number;
}

/**
 * Calendar event ids: base32hex (a–v, 0–9), 5–1024 characters. Derived from the call's
 * idempotency key, so the same call — retried after a lost answer or a crash — names the same
 * event and Google refuses a second one (409).
 */
export function eventIdFor(idempotencyKey?: string): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  const bytes = idempotencyKey ? createHash('sha256').update(`steward-event:${idempotencyKey}`).digest() : randomBytes(32);
  return [...bytes.subarray(0, 26)].map((b) => alphabet[b & 31]).join('');
}

export class GoogleCalendar {
  private readonly api: calendar_v3.Calendar;

  constructor(
    auth: OAuth2Client,
    private readonly options: CalendarOptions,
  ) {
    this.api = calendarApi(auth, options.timeoutMs);
  }

  async freeBusy(emails: string[], from: Date, to: Date, timeZone: string, signal?: AbortSignal): Promise<BusyAnswer> {
    const res = await this.call(() => this.api.freebusy.query({ requestBody: { timeMin: from.toISOString(), timeMax: to.toISOString(), timeZone, items: emails.map((id) => ({ id })) } }, { signal }), true, 'reading free/busy times', signal);
    const busy = new Map<string, { start: Date; end: Date }[]>();
    const unknown: string[] = [];
    for (const email of emails) {
      const entry = res.data.calendars?.[email];
      if (!entry || (entry.errors && entry.errors.length > 0)) unknown.push(email);
      busy.set(email, (entry?.busy ?? []).map((b) => ({ start: new Date(b.start!), end: new Date(b.end!) })));
    }
    return { busy, unknown };
  }

  async create(event: EventInput, idempotencyKey: string | undefined, signal?: AbortSignal): Promise<CreatedEvent> {
    const id = eventIdFor(idempotencyKey);
    const requestBody: calendar_v3.Schema$Event = {
      id,
      summary: event.summary,
      description: event.description,
      start: { dateTime: event.start.toISOString(), timeZone: event.timeZone },
      end: { dateTime: event.end.toISOString(), timeZone: event.timeZone },
      attendees: event.attendees.map((email) => ({ email })),
      ...(event.meet && { conferenceData: { createRequest: { requestId: id, conferenceSolutionKey: { type: 'hangoutsMeet' } } } }),
    };
    try {
      const res = await this.call(
        () => this.api.events.insert({ calendarId: this.options.calendarId, conferenceDataVersion: 1, sendUpdates: 'all', requestBody }, { signal }),
        true,
        'creating the event',
        signal,
      );
      return toCreated(res.data);
    } catch (err) {
      // Our id already exists: an earlier attempt got through before its answer was lost.
      if (err instanceof GoogleError && err.kind === 'conflict') return this.get(id, signal);
      throw err;
    }
  }

  /** The event this call would create, when an earlier attempt of the same call already did. */
  async findCreated(idempotencyKey: string, signal?: AbortSignal): Promise<CreatedEvent | null> {
    try {
      const event = await this.get(eventIdFor(idempotencyKey), signal);
      return event.status === 'cancelled' ? null : event;
    } catch (err) {
      if (err instanceof GoogleError && (err.kind === 'not_found' || err.kind === 'gone')) return null;
      throw err;
    }
  }

  async get(eventId: string, signal?: AbortSignal): Promise<CreatedEvent> {
    const res = await this.call(() => this.api.events.get({ calendarId: this.options.calendarId, eventId }, { signal }), true, 'reading the event', signal);
    return toCreated(res.data);
  }

  async update(eventId: string, patch: calendar_v3.Schema$Event, signal?: AbortSignal): Promise<CreatedEvent> {
    // A patch that sets the same fields again is harmless, so it may be repeated.
    const res = await this.call(() => this.api.events.patch({ calendarId: this.options.calendarId, eventId, sendUpdates: 'all', requestBody: patch }, { signal }), true, 'updating the event', signal);
    return toCreated(res.data);
  }

  /** Cancels the event and tells the attendees. An event already gone counts as cancelled. */
  async cancel(eventId: string, signal?: AbortSignal): Promise<'cancelled' | 'already_gone'> {
    try {
      await this.call(() => this.api.events.delete({ calendarId: this.options.calendarId, eventId, sendUpdates: 'all' }, { signal }), true, 'cancelling the event', signal);
      return 'cancelled';
    } catch (err) {
      if (err instanceof GoogleError && (err.kind === 'gone' || err.kind === 'not_found')) return 'already_gone';
      throw err;
    }
  }

  private async call<T>(fn: () => Promise<T>, safeToRepeat: boolean, during: string, signal?: AbortSignal): Promise<T> {
    try {
      return await callWithRetry(fn, { safeToRepeat, classify: classifyGoogleError, signal, sleep: this.options.sleep, baseDelayMs: this.options.retryBaseDelayMs ?? 500, maxDelayMs: 60_000 });
    } catch (err) {
      throw mapGoogleError(err, during, !safeToRepeat);
    }
  }
}

function toCreated(event: calendar_v3.Schema$Event): CreatedEvent {
  const video = event.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri ?? event.hangoutLink ?? null;
  return {
    id: event.id ?? '',
    htmlLink: event.htmlLink ?? null,
    meetLink: video,
    status: event.status ?? 'confirmed',
    start: event.start?.dateTime ?? event.start?.date ?? '',
    end: event.end?.dateTime ?? event.end?.date ?? '',
    attendees: (event.attendees ?? []).map((a) => a.email ?? '').filter(Boolean),
  };
}
