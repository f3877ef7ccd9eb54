import { z } from 'zod';
import { ClockTimeSchema, TimeZoneSchema } from './time-zone.js';

/**
 * Twilio (SMS) settings under integrations.twilio. The auth token is a secret and lives in the
 * keychain as "twilio.authToken"; everything here is safe to show.
 */
export const E164_PATTERN = /^\+[1-9]\d{7,14}$/;
export const E164_HINT = 'must be a phone number in international E.164 form: "+", country code and number, no spaces — such as +14155550123';

export const E164Schema = z.string({ error: E164_HINT }).trim().regex(E164_PATTERN, { error: (issue) => `"${String(issue.input)}" ${E164_HINT}` });

export const QuietHoursSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** No texts from this time … */
    start: ClockTimeSchema.default('21:00'),
    /** … until this time (may be the next morning). */
    end: ClockTimeSchema.default('08:00'),
    timeZone: TimeZoneSchema.default('UTC'),
  })
  .prefault({});

export const TwilioSettingsSchema = z
  .object({
    accountSid: z.string({ error: 'must be your Twilio Account SID (starts with AC)' }).regex(/^AC[0-9a-fA-F]{32}$/, 'must be your Twilio Account SID: "AC" and 32 hex characters, from the Twilio Console home page'),
    /** The Twilio number texts come from. */
    fromNumber: E164Schema,
    /** What one SMS segment costs on your account (US: about $0.0083); used for the estimate on the approval card. */
    pricePerSegmentUsd: z.number().nonnegative('must not be negative').max(10, 'must be at most $10').default(0.0083),
    quietHours: QuietHoursSchema,
    /** After sending, how long to watch Twilio for "delivered" before leaving the status as it is. */
    deliveryWatchSeconds: z.number().int().min(0).max(300, 'must be at most 300 seconds').default(20),
  })
  .strict();
export type TwilioSettings = z.output<typeof TwilioSettingsSchema>;
