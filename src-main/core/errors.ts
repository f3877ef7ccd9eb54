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
  | 'database_empty'
  | 'disk_full'
  | 'folder_not_writable'
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

/**
 * Where unexpected errors are written. Set by the running core (its log file); while none is set,
 * messages do not claim that details were logged, because they were not.
 */
let internalErrorLog: { location: string; write(message: string, err: unknown): void } | null = null;

export function setInternalErrorLog(log: typeof internalErrorLog): () => void {
  internalErrorLog = log;
  return () => {
    if (internalErrorLog === log) internalErrorLog = null;
  };
}

/** Writes an unexpected error to the log; returns where, or null when there is no log. */
export function logInternalError(what: string, err: unknown): string | null {
  if (!internalErrorLog) return null;
  // The same error is often converted more than once on its way out (audit, then the host); log it once.
  const key = typeof err === 'object' && err !== null ? err : null;
  if (!key || !alreadyLogged.has(key)) internalErrorLog.write(what, err);
  if (key) alreadyLogged.add(key);
  return internalErrorLog.location;
}

const alreadyLogged = new WeakSet<object>();

/** Converts anything thrown into a StewardError without leaking internals to the user. The original goes to the log. */
export function toStewardError(err: unknown): StewardError {
  if (err instanceof StewardError) return err;
  // A full disk can surface anywhere (a reply being saved, a log line); it is never "something went wrong".
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') {
    logInternalError('disk full', err);
    return new StewardError('disk_full', 'The disk holding Steward’s data is full, so it could not save. Free some space on that disk and try again.', { cause: err });
  }
  const logged = logInternalError('unexpected error', err);
  const message = logged
    ? `Something went wrong inside Steward. The details were written to the log (${logged}); please try again.`
    : 'Something went wrong inside Steward; please try again.';
  return new StewardError('internal', message, {
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
