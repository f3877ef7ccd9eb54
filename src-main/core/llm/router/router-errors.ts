/** Errors of the hybrid router: no provider can take a call, or every provider tried failed. */
import { StewardError, toStewardError, type ErrorCode } from '../../errors.js';
import { modelInstallHint } from '../llm-errors.js';

export class NoModelConfiguredError extends StewardError {
  constructor(state: { localInstalled: boolean; cloudConfigured: boolean; cloudEnabled: boolean; blockedBySetting: boolean }) {
    const local = state.localInstalled ? '' : `No local model is installed. ${modelInstallHint('<id>')}`;
    let cloud: string;
    if (state.blockedBySetting) {
      cloud = 'The other model may not take this request because falling back to it is turned off in your settings (llm.routing.allowFallbackToCloud / allowFallbackToLocal); turn it on to allow it.';
    } else if (!state.cloudConfigured || !state.cloudEnabled) {
      cloud = 'Or enable a cloud model in Integrations › Cloud model and add its API key.';
    } else {
      cloud = '';
    }
    super('model_missing', `Steward has no model to answer with. ${[local, cloud].filter(Boolean).join(' ')}`.trim());
  }
}

/** Both providers were tried and both failed; the message tells each reason. */
export class AllProvidersFailedError extends StewardError {
  readonly failures: ReadonlyArray<{ slot: 'local' | 'cloud'; error: StewardError }>;

  constructor(failures: ReadonlyArray<{ slot: 'local' | 'cloud'; error: unknown }>) {
    const typed = failures.map((f) => ({ slot: f.slot, error: toStewardError(f.error) }));
    const codes = new Set(typed.map((f) => f.error.code));
    const code: ErrorCode = codes.size === 1 ? [...codes][0]! : 'provider_failed';
    const parts = typed.map((f) => `${f.slot === 'local' ? 'Local model' : 'Cloud model'}: ${f.error.userMessage}`);
    super(code, `Neither model could answer. ${parts.join(' ')}`, { cause: typed.at(-1)?.error });
    this.failures = typed;
  }
}

/** The model the user chose for a conversation (chat header) is not set up; the message says where to fix it. */
export class ChosenModelUnavailableError extends StewardError {
  constructor(userMessage: string) {
    super('model_missing', userMessage);
  }
}
