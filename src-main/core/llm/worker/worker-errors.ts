/**
 * Typed errors of the inference worker, as the main process reports them. Each says what
 * happened to the local model and what Steward or the user does next.
 */
import { StewardError, type ErrorCode } from '../../errors.js';
import type { WireError } from './worker-protocol.js';

const CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invalid_input', 'not_found', 'unauthorized', 'conflict', 'keychain_unavailable', 'cannot_unlock', 'database_corrupt', 'database_foreign',
  'database_empty', 'disk_full', 'folder_not_writable', 'settings_invalid', 'port_unavailable', 'model_missing', 'model_invalid', 'provider_failed',
  'timeout', 'cancelled', 'internal',
]);

/** An error the worker raised (model missing, invalid, refused…), rebuilt with the same code and message. */
export class WorkerReportedError extends StewardError {
  /** The class name on the worker side, e.g. ModelInvalidError. */
  readonly workerErrorName: string;

  constructor(wire: WireError) {
    super(CODES.has(wire.code) ? (wire.code as ErrorCode) : 'provider_failed', wire.userMessage, { detail: wire.detail });
    this.workerErrorName = wire.name;
  }
}

/** The worker process died with requests in flight; Steward is starting it again. */
export class LocalModelStoppedError extends StewardError {
  readonly exitReason: string;
  readonly stderrTail: string;

  constructor(exitReason: string, stderrTail: string, restarting: boolean) {
    super(
      'provider_failed',
      restarting
        ? `The local model stopped: ${exitReason}. Steward is restarting it; send your request again in a moment.`
        : `The local model stopped: ${exitReason}. It crashed again while loading, so Steward gave up on it: choose another model or a smaller context in Models, then try again.`,
      { detail: stderrTail ? `last output: ${stderrTail.slice(-500)}` : undefined },
    );
    this.exitReason = exitReason;
    this.stderrTail = stderrTail;
  }
}

/** The model could not be loaded (a bad file, or the worker crashed on every load): marked failed, not retried. */
export class LocalModelFailedError extends StewardError {
  constructor(modelName: string, reason: string) {
    super('provider_failed', `The local model ${modelName} is marked as failed and was not restarted: ${reason}`);
  }
}

/** The worker's entry file is not where the app expects it (an incomplete install or update). */
export class InferenceWorkerMissingError extends StewardError {
  constructor(entryPath: string, fix: string) {
    super('provider_failed', `Steward's inference worker is missing (${entryPath}), so the local model cannot run. ${fix}`);
  }
}
