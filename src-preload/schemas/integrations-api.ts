import { z } from 'zod';
import { KeychainStatusSchema } from './entities.js';

/**
 * The Integrations & keys screen's part of the contract: which secrets are present (never their
 * values), storing or removing an allow-listed secret, and a live connection test per service.
 */

/** Keychain accounts the UI may write. Anything else is refused, so the UI cannot overwrite e.g. the database key. */
export const WRITABLE_SECRET_ACCOUNTS = ['smtp.password'] as const;
export const WritableSecretAccountSchema = z.enum(WRITABLE_SECRET_ACCOUNTS, {
  error: `must be one of: ${WRITABLE_SECRET_ACCOUNTS.join(', ')}`,
});

export const IntegrationsStatusSchema = z.object({
  cloudKeySet: z.boolean(),
  smtpPasswordSet: z.boolean(),
  keychain: KeychainStatusSchema,
});
export type IntegrationsStatus = z.infer<typeof IntegrationsStatusSchema>;

export const IntegrationsSetSecretInputSchema = z
  .object({
    account: WritableSecretAccountSchema,
    /** The secret; null removes it. Stored only in the OS keychain and never returned. */
    value: z.string().min(1, 'must not be empty — use null to remove it').max(1024, 'is too long (max 1024 characters)').nullable(),
  })
  .strict();
export const IntegrationsSetSecretOutputSchema = z.object({ stored: z.boolean() });

export const IntegrationServiceSchema = z.enum(['smtp', 'cloud'], { error: 'must be "smtp" or "cloud"' });
export type IntegrationService = z.infer<typeof IntegrationServiceSchema>;

export const IntegrationsTestInputSchema = z.object({ service: IntegrationServiceSchema }).strict();
export const IntegrationsTestResultSchema = z.object({
  ok: z.boolean(),
  /** What happened, for the user; never contains a secret. */
  message: z.string(),
});
export type IntegrationsTestResult = z.infer<typeof IntegrationsTestResultSchema>;

const Empty = z.object({}).strict();
const spec = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, mutates = false) => ({ input, output, mutates });

/** Method schemas for contract.ts: spread into `methods` (the names go into channels.ts). */
export const INTEGRATIONS_METHODS = {
  'integrations.status': spec(Empty, IntegrationsStatusSchema),
  'integrations.setSecret': spec(IntegrationsSetSecretInputSchema, IntegrationsSetSecretOutputSchema, true),
  'integrations.test': spec(IntegrationsTestInputSchema, IntegrationsTestResultSchema),
};
export type IntegrationsMethodName = keyof typeof INTEGRATIONS_METHODS;
