/**
 * The one error type the renderer sees from any transport. It carries the server's code and its
 * user-facing message verbatim, so the UI can show exactly what the core said was wrong.
 * (The renderer cannot import src-main/core/errors.ts — it only imports types from the contract —
 * so this mirrors the ErrorPayload shape instead of extending StewardError.)
 */
export interface ApiIssue {
  path: string;
  message: string;
}

/** Server codes (src-main/core/errors.ts ErrorCode) plus the two only a client can observe. */
export type ApiErrorCode = string;
export const NETWORK_ERROR = 'network';
export const BAD_RESPONSE = 'bad_response';
export const UNAUTHORIZED = 'unauthorized';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: readonly ApiIssue[];

  constructor(code: ApiErrorCode, message: string, issues: readonly ApiIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  /** Wraps anything thrown into an ApiError without pretending to know more than we do. */
  static from(err: unknown): ApiError {
    if (err instanceof ApiError) return err;
    const detail = err instanceof Error ? err.message : String(err);
    return new ApiError('internal', `Something went wrong in the app (${detail}). Please try again.`);
  }

  /** Builds an ApiError from an `{ error: { code, message, issues? } }` payload, or null if it is not one. */
  static fromPayload(payload: unknown): ApiError | null {
    if (!isRecord(payload) || !isRecord(payload.error)) return null;
    const { code, message, issues } = payload.error;
    if (typeof code !== 'string' || typeof message !== 'string') return null;
    return new ApiError(code, message, Array.isArray(issues) ? issues.filter(isIssue) : []);
  }
}

/**
 * The message for one input field, phrased for the person who typed it ("Message is too long …"),
 * falling back to the server's whole message when the error is not about that field.
 */
export function fieldMessage(error: ApiError, field: string, label: string): string {
  const issue = error.issues.find((i) => i.path === field);
  return issue ? `${label} ${issue.message}` : error.message;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isIssue(value: unknown): value is ApiIssue {
  return isRecord(value) && typeof value.path === 'string' && typeof value.message === 'string';
}
