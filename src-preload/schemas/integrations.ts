import { z } from 'zod';
import { GoogleSettingsSchema } from './google-settings.js';
import { TwilioSettingsSchema } from './twilio-settings.js';
import { MysqlSettingsSchema, PostgresSettingsSchema, SqliteSettingsSchema } from './database-settings.js';
import { BamboohrSettingsSchema } from './bamboohr-settings.js';

/**
 * Settings of outside services that are not secrets (those stay in the OS keychain).
 * SMTP: the email tool's server; its password lives in the keychain as "smtp.password".
 */
const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$|^\d{1,3}(\.\d{1,3}){3}$|^\[[0-9a-fA-F:]+\]$/;

export const SmtpConfigSchema = z.object({
  host: z.string({ error: 'must be the SMTP server name, such as smtp.example.com' }).min(1, 'must not be empty').regex(HOSTNAME, 'must be a host name such as smtp.example.com or an IP address'),
  port: z.number({ error: 'must be a port number' }).int('must be a whole number').min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535').default(587),
  /** tls: encrypted from the first byte (usually port 465) · starttls: upgrade required (usually 587) · none: plain text (local relays only). */
  security: z.enum(['tls', 'starttls', 'none'], { error: 'must be "tls" (port 465), "starttls" (port 587) or "none"' }).default('starttls'),
  /** Null for servers that accept mail without logging in. */
  user: z.string().min(1, 'must not be empty; use null for servers without login').max(320).nullable().default(null),
  from: z.email({ error: 'must be the sender address, such as you@example.com' }),
  fromName: z.string().max(200, 'must be at most 200 characters').regex(/^[^\r\n]*$/, 'must be on one line').optional(),
  timeoutSeconds: z.number().int('must be a whole number').min(1, 'must be at least 1 second').max(300, 'must be at most 300 seconds').default(30),
  /** Accept a self-signed certificate (company relays); off by default. */
  allowSelfSignedCertificate: z.boolean().default(false),
}).strict();

/**
 * Stripe: the secret key lives in the keychain ("stripe.secretKey"); `mode` says which key is
 * expected (test keys start sk_test_/rk_test_, live keys sk_live_/rk_live_) and a key of the other
 * mode is refused. `apiBaseUrl` is for Stripe-compatible test servers (stripe-mock); leave it.
 */
export const StripeSettingsSchema = z
  .object({
    mode: z.enum(['test', 'live'], { error: 'must be "test" or "live"' }).default('test'),
    apiBaseUrl: z.url({ error: 'must be a URL such as https://api.stripe.com' }).default('https://api.stripe.com'),
    timeoutSeconds: z.number().int('must be a whole number').min(1, 'must be at least 1 second').max(120, 'must be at most 120 seconds').default(30),
    /** Accept Stripe webhooks on the local server at /webhooks/stripe (needs the signing secret "stripe.webhookSecret"). */
    webhookEnabled: z.boolean().default(false),
    /** Where Stripe's hosted payment-method page sends the customer afterwards; null uses your Stripe portal default. */
    portalReturnUrl: z.url({ error: 'must be a URL such as https://example.com/thanks' }).nullable().default(null),
  })
  .strict()
  .prefault({});

export const IntegrationsSettingsSchema = z
  .object({
    smtp: SmtpConfigSchema.nullable().default(null),
    stripe: StripeSettingsSchema,
    google: GoogleSettingsSchema.nullable().default(null),
    twilio: TwilioSettingsSchema.nullable().default(null),
    sqlite: SqliteSettingsSchema.nullable().default(null),
    postgres: PostgresSettingsSchema.nullable().default(null),
    mysql: MysqlSettingsSchema.nullable().default(null),
    bamboohr: BamboohrSettingsSchema.nullable().default(null),
  })
  .strict()
  .prefault({});
