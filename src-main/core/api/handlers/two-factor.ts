/**
 * Request handlers of Settings → Security (two-factor authentication). Async: they read or write
 * the keychain.
 */
import type { z } from 'zod';
import type { TwoFactorCodeInputSchema, TwoFactorSetThresholdInputSchema } from '../../../../src-preload/schemas/two-factor.js';
import { handlersUsing } from '../handler.js';

const { async } = handlersUsing<'twoFactor'>();

type CodeInput = z.output<typeof TwoFactorCodeInputSchema>;

export const twoFactorHandlers = {
  'twoFactor.status': async(async (_input: Record<string, never>, { twoFactor }) => twoFactor.status()),
  'twoFactor.setup': async(async (_input: Record<string, never>, { twoFactor }) => twoFactor.setup()),
  'twoFactor.confirm': async(async (input: CodeInput, { twoFactor }) => twoFactor.confirm(input.code)),
  'twoFactor.disable': async(async (input: CodeInput, { twoFactor }) => twoFactor.disable(input.code)),
  'twoFactor.setThreshold': async(async (input: z.output<typeof TwoFactorSetThresholdInputSchema>, { twoFactor }) => twoFactor.setThreshold(input.thresholdUsd, input.code)),
};
