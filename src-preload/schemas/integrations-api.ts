import { z } from 'zod';
import { Empty, spec } from './method-spec.js';
import { KeychainStatusSchema } from './entities.js';

/**
 * The Integrations & keys screen's part of the contract, generic over the services in
 * src-main/core/integrations/index.ts: every service with its state (not set up / connected as
 * <account> / error with the reason), which of its secrets are present (never their values),
 * storing or removing a secret the service declares, a live connection test and disconnect.
 */

/** A keychain account name such as "stripe.secretKey"; the handler accepts only accounts a service declares as user-writable. */
export const SecretAccountNameSchema = z
  .string({ error: 'must be the name of a service key, such as "stripe.secretKey"' })
  .regex(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/, 'must be the name of a service key, such as "stripe.secretKey"');

/** A service id from the Integrations screen ("smtp", "cloud", "stripe" …). */
export const IntegrationServiceSchema = z.string({ error: 'must be a service id such as "stripe"' }).regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a service id such as "stripe"');
export type IntegrationService = z.infer<typeof IntegrationServiceSchema>;

export const IntegrationStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not_set_up'), reason: z.string() }),
  z.object({ state: z.literal('connected'), account: z.string() }),
  z.object({ state: z.literal('error'), reason: z.string() }),
  /** Set up but not tested since Steward started (or since its settings changed). */
  z.object({ state: z.literal('untested') }),
]);
export type IntegrationState = z.infer<typeof IntegrationStateSchema>;

export const IntegrationEntrySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  connection: z.enum(['api-key', 'oauth2']),
  state: IntegrationStateSchema,
  secrets: z.array(z.object({ account: z.string(), label: z.string(), hint: z.string(), required: z.boolean(), userWritable: z.boolean(), set: z.boolean() })),
  /** Shown at all times next to the state (Stripe: test or live mode). */
  facts: z.array(z.object({ label: z.string(), value: z.string(), tone: z.enum(['neutral', 'warning']) })),
  tools: z.array(z.string()),
});
export type IntegrationEntry = z.infer<typeof IntegrationEntrySchema>;

export const IntegrationsStatusSchema = z.object({
  services: z.array(IntegrationEntrySchema),
  /** Shortcuts kept for the cloud and SMTP cards. */
  cloudKeySet: z.boolean(),
  smtpPasswordSet: z.boolean(),
  keychain: KeychainStatusSchema,
});
export type IntegrationsStatus = z.infer<typeof IntegrationsStatusSchema>;

export const IntegrationsSetSecretInputSchema = z
  .object({
    account: SecretAccountNameSchema,
    /** The secret; null removes it. Stored only in the OS keychain and never returned. */
    value: z.string().min(1, 'must not be empty — use null to remove it').max(4096, 'is too long (max 4096 characters)').nullable(),
  })
  .strict();
export const IntegrationsSetSecretOutputSchema = z.object({ stored: z.boolean() });

export const IntegrationsTestInputSchema = z.object({ service: IntegrationServiceSchema }).strict();
export const IntegrationsTestResultSchema = z.object({
  ok: z.boolean(),
  /** What happened, for the user; never contains a secret. */
  message: z.string(),
});
export type IntegrationsTestResult = z.infer<typeof IntegrationsTestResultSchema>;

export const IntegrationsDisconnectInputSchema = z.object({ service: IntegrationServiceSchema }).strict();
export const IntegrationsDisconnectOutputSchema = z.object({ removed: z.array(z.string()), service: IntegrationEntrySchema });

/** Sign-in services (OAuth2): starts the browser sign-in; the screen opens authUrl and hears the outcome as a notification. */
export const IntegrationsConnectInputSchema = z.object({ service: IntegrationServiceSchema }).strict();
export const IntegrationsConnectOutputSchema = z.object({ authUrl: z.string() });

export const INTEGRATIONS_METHODS = {
  'integrations.status': spec(Empty, IntegrationsStatusSchema),
  'integrations.setSecret': spec(IntegrationsSetSecretInputSchema, IntegrationsSetSecretOutputSchema, true),
  'integrations.test': spec(IntegrationsTestInputSchema, IntegrationsTestResultSchema),
  'integrations.disconnect': spec(IntegrationsDisconnectInputSchema, IntegrationsDisconnectOutputSchema, true),
  'integrations.connect': spec(IntegrationsConnectInputSchema, IntegrationsConnectOutputSchema, true),
};
export type IntegrationsMethodName = keyof typeof INTEGRATIONS_METHODS;
