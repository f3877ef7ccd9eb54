import { z } from 'zod';
import { Empty, spec } from './method-spec.js';
import { TwoFactorThresholdUsdSchema } from './settings.js';

/**
 * Two-factor authentication (Settings → Security): an authenticator-app code (TOTP) that payments
 * at or above a threshold need before they can be approved. The secret is returned once, by setup,
 * and never again; codes and the secret never appear in audit rows.
 */

export const TwoFactorCodeSchema = z
  .string({ error: 'is required — enter the 6-digit code from your authenticator app' })
  .trim()
  .regex(/^\d{6}$/, 'must be the 6-digit code from your authenticator app');

export const TwoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  /** A secret was created but not yet confirmed with a code. */
  pendingSetup: z.boolean(),
  /** Payments estimated at or above this need the code (settings.approvals.twoFactorThresholdUsd). */
  thresholdUsd: z.number().nonnegative(),
  /** While too many wrong codes lock code entry: when it opens again (ISO time); otherwise null. */
  lockedUntil: z.string().nullable(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatusSchema>;

export const TwoFactorSetupSchema = z.object({
  /** Base32 secret in groups of four, for typing into an authenticator app. */
  secret: z.string(),
  /** otpauth://totp/Steward:<profile>?secret=…&issuer=Steward — the link (or QR code) apps import. */
  otpauthUri: z.string(),
});
export type TwoFactorSetup = z.infer<typeof TwoFactorSetupSchema>;

export const TwoFactorCodeInputSchema = z.object({ code: TwoFactorCodeSchema }).strict();

/** Lowering the threshold never needs a code; raising it while two-factor is on does. */
export const TwoFactorSetThresholdInputSchema = z.object({ thresholdUsd: TwoFactorThresholdUsdSchema, code: TwoFactorCodeSchema.optional() }).strict();

export const TWO_FACTOR_METHODS = {
  'twoFactor.status': spec(Empty, TwoFactorStatusSchema),
  'twoFactor.setup': spec(Empty, TwoFactorSetupSchema, true),
  'twoFactor.confirm': spec(TwoFactorCodeInputSchema, TwoFactorStatusSchema, true),
  'twoFactor.disable': spec(TwoFactorCodeInputSchema, TwoFactorStatusSchema, true),
  'twoFactor.setThreshold': spec(TwoFactorSetThresholdInputSchema, TwoFactorStatusSchema, true),
};
export type TwoFactorMethodName = keyof typeof TWO_FACTOR_METHODS;
