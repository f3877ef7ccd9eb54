import { z } from 'zod';
import { ClockTimeSchema, TimeZoneSchema } from './time-zone.js';

/**
 * Google (Gmail, Calendar) settings under integrations.google. The user brings their own OAuth
 * client (README "Connecting Google"); nothing is embedded. Tokens live only in the keychain.
 */
export const GOOGLE_CLIENT_ID_PATTERN = /^[0-9]+-[0-9a-z]+\.apps\.googleusercontent\.com$/;

export const GoogleSettingsSchema = z
  .object({
    clientId: z
      .string({ error: 'is missing: create an OAuth client of type "Desktop app" in Google Cloud Console and paste its client ID' })
      .trim()
      .regex(GOOGLE_CLIENT_ID_PATTERN, 'must be the client ID of your own OAuth client, ending in .apps.googleusercontent.com (Google Cloud Console → APIs & Services → Credentials)'),
    /** Which features to ask Google for; each adds only the scopes it needs. */
    features: z
      .object({
        gmailSend: z.boolean().default(true),
        gmailRead: z.boolean().default(false),
        calendar: z.boolean().default(true),
      })
      .prefault({}),
    /** Your own time zone: meeting times without an offset are read in it. */
    timeZone: TimeZoneSchema.default('UTC'),
    workingHours: z
      .object({ start: ClockTimeSchema.default('09:00'), end: ClockTimeSchema.default('17:00'), days: z.array(z.number().int().min(0).max(6)).min(1).default([1, 2, 3, 4, 5]) })
      .prefault({}),
    /** Free minutes kept before and after each meeting when finding slots. */
    bufferMinutes: z.number().int().min(0).max(120).default(10),
    calendarId: z.string().min(1).default('primary'),
  })
  .strict();
export type GoogleSettings = z.output<typeof GoogleSettingsSchema>;
