/**
 * Request handlers of Settings → Security (two-factor authentication). Async: they read or write
 * the keychain. Spread into the handler table in handlers.ts.
 */
import type { z } from 'zod';
import type { TwoFactorCodeInputSchema, TwoFactorSetThresholdInputSchema } from '../../../../src-preload/schemas/two-factor.js';
import { twoFactorFor } from '../../security/two-factor/two-factor-registry.js';
import type { HandlerDeps } from '../handlers.js';

type Deps = Pick<HandlerDeps, 'core'>;
type CodeInput = z.output<typeof TwoFactorCodeInputSchema>;

const async = <I, O>(run: (input: I, deps: Deps) => Promise<O>) => ({ kind: 'async' as const, run });

export const twoFactorHandlers = {
  'twoFactor.status': async(async (_input: Record<string, never>, { core }) => twoFactorFor(core).status()),
  'twoFactor.setup': async(async (_input: Record<string, never>, { core }) => twoFactorFor(core).setup()),
  'twoFactor.confirm': async(async (input: CodeInput, { core }) => twoFactorFor(core).confirm(input.code)),
  'twoFactor.disable': async(async (input: CodeInput, { core }) => twoFactorFor(core).disable(input.code)),
  'twoFactor.setThreshold': async(async (input: z.output<typeof TwoFactorSetThresholdInputSchema>, { core }) => twoFactorFor(core).setThreshold(input.thresholdUsd, input.code)),
};
