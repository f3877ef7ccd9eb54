/**
 * Typed errors. Every error that can reach a user carries a `userMessage` that says what went
 * wrong and what to do, and a stable `code` that hosts map to transport status (HTTP, IPC).
 * Internal details go in `message` / `cause` and never into the user message.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'unauthorized'
  | 'conflict'
  | 'keychain_unavailable'
  | 'cannot_unlock'
  | 'database_corrupt'
  | 'database_foreign'
  | 'settings_invalid'
  | 'port_unavailable'
  | 'model_missing'
  | 'model_invalid'
  | 'provider_failed'
  | 'timeout'
  | 'cancelled'
  | 'internal';

export class StewardError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  /** Field-level detail for invalid input, e.g. [{ path: 'text', message: 'Required' }]. */
  readonly issues?: readonly FieldIssue[];

  constructor(code: ErrorCode, userMessage: string, options?: { cause?: unknown; issues?: readonly FieldIssue[]; detail?: string }) {
    super(options?.detail ? `${userMessage} (${options.detail})` : userMessage, { cause: options?.cause });
    this.name = new.target.name;
    this.code = code;
    this.userMessage = userMessage;
    this.issues = options?.issues;
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationError extends StewardError {
  constructor(what: string, issues: readonly FieldIssue[]) {
    const summary = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    super('invalid_input', `Invalid ${what} — ${summary}. Nothing was changed.`, { issues });
  }
}

export class NotFoundError extends StewardError {
  constructor(what: string, id: string) {
    super('not_found', `${what} "${id}" was not found. It may have been deleted; refresh and try again.`);
  }
}

/** Converts anything thrown into a StewardError without leaking internals to the user. */
export function toStewardError(err: unknown): StewardError {
  if (err instanceof StewardError) return err;
  return new StewardError('internal', 'Something went wrong inside Steward. The details were written to the log; please try again.', {
    cause: err,
    detail: err instanceof Error ? err.message : String(err),
  });
}

/** The JSON shape every host uses to report an error. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  issues?: readonly FieldIssue[];
}

export function toErrorPayload(err: unknown): ErrorPayload {
  const e = toStewardError(err);
  return e.issues ? { code: e.code, message: e.userMessage, issues: e.issues } : { code: e.code, message: e.userMessage };
}
