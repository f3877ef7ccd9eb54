/**
 * Google's answers (gaxios errors from googleapis and the OAuth2 client) mapped to typed errors,
 * each saying what to do. Token values never reach a message.
 */
import { StewardError, type ErrorCode } from '../../errors.js';
import { parseRetryAfter, type RetryVerdict } from '../call-with-retry.js';

export const GOOGLE_SETUP_PLACE = 'Integrations › Google';

export type GoogleErrorKind = 'not_connected' | 'reconnect' | 'scope' | 'auth' | 'rate_limited' | 'not_found' | 'gone' | 'conflict' | 'invalid' | 'network' | 'timeout' | 'server' | 'denied';

const CODES: Record<GoogleErrorKind, ErrorCode> = {
  not_connected: 'invalid_input',
  reconnect: 'unauthorized',
  scope: 'unauthorized',
  auth: 'unauthorized',
  rate_limited: 'provider_failed',
  not_found: 'not_found',
  gone: 'not_found',
  conflict: 'conflict',
  invalid: 'invalid_input',
  network: 'provider_failed',
  timeout: 'timeout',
  server: 'provider_failed',
  denied: 'cancelled',
};

export class GoogleError extends StewardError {
  readonly kind: GoogleErrorKind;
  readonly status: number | null;
  readonly retryAfterMs: number | null;

  constructor(kind: GoogleErrorKind, userMessage: string, options: { status?: number | null; retryAfterMs?: number | null; cause?: unknown; detail?: string } = {}) {
    super(CODES[kind], userMessage, { cause: options.cause, detail: options.detail });
    this.kind = kind;
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

export class GoogleReconnectError extends GoogleError {
  constructor(cause?: unknown) {
    super('reconnect', `Google no longer accepts Steward's access (it was revoked or has expired). Reconnect Google in ${GOOGLE_SETUP_PLACE}; nothing was sent or changed.`, { cause });
  }
}

interface GaxiosLike {
  status?: number;
  code?: string | number;
  message?: string;
  name?: string;
  response?: { status?: number; data?: unknown; headers?: unknown };
}

function header(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const record = headers as Record<string, string | undefined>;
  return record[name] ?? record[name.toLowerCase()] ?? null;
}

/** Google's JSON error body: { error: { code, message, errors: [{ reason }], status } }, or OAuth's { error, error_description }. */
function reasonsOf(data: unknown): { reasons: string[]; message: string; oauthError: string | null } {
  const body = (typeof data === 'string' ? safeJson(data) : data) as { error?: unknown; error_description?: string } | null;
  if (!body) return { reasons: [], message: '', oauthError: null };
  if (typeof body.error === 'string') return { reasons: [], message: body.error_description ?? body.error, oauthError: body.error };
  const error = body.error as { message?: string; status?: string; errors?: { reason?: string }[] } | undefined;
  const reasons = [...(error?.errors ?? []).map((e) => e.reason ?? ''), error?.status ?? ''].filter(Boolean);
  return { reasons, message: error?.message ?? '', oauthError: null };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** `during`: what we were doing ("creating the event"); `mayHaveHappened`: a lost answer to a write. */
export function mapGoogleError(err: unknown, during: string, mayHaveHappened = false): GoogleError {
  if (err instanceof GoogleError) return err;
  if (err instanceof StewardError) return new GoogleError('invalid', err.userMessage, { cause: err });
  const e = (err ?? {}) as GaxiosLike;
  const status = e.response?.status ?? (typeof e.status === 'number' ? e.status : null);
  const { reasons, message, oauthError } = reasonsOf(e.response?.data);
  const detail = message || e.message || String(err);
  const maybe = mayHaveHappened ? ' It may or may not have gone through; check before trying again.' : ' Try again in a few minutes.';

  if (oauthError === 'invalid_grant' || oauthError === 'unauthorized_client' || /invalid_grant/.test(e.message ?? '')) return new GoogleReconnectError(err);
  if (oauthError === 'invalid_client') return new GoogleError('auth', `Google does not recognise the OAuth client (invalid_client). Check the client ID (and secret, if your client has one) in ${GOOGLE_SETUP_PLACE}.`, { status, cause: err, detail });
  if (status === null) {
    const code = String(e.code ?? e.name ?? '');
    // gaxios turns its own timeout into an AbortError ("The operation was aborted."); a cancel by the user stops the task before this.
    const inner = (err as { error?: { name?: string } }).error?.name ?? (err as { cause?: { name?: string } }).cause?.name ?? '';
    if (/timeout|aborted/i.test(code) || /AbortError|TimeoutError/.test(inner) || /timeout|timed out|aborted/i.test(e.message ?? '')) return new GoogleError('timeout', `Google did not answer in time while ${during}.${maybe}`, { cause: err, detail });
    return new GoogleError('network', `Steward could not reach Google while ${during}${code ? ` (${code})` : ''}. Check the internet connection.${mayHaveHappened ? maybe : ''}`, { cause: err, detail });
  }
  if (status === 429 || reasons.some((r) => /rateLimitExceeded|userRateLimitExceeded|RESOURCE_EXHAUSTED|quotaExceeded/.test(r))) {
    const retryAfterMs = parseRetryAfter(header(e.response?.headers, 'retry-after'));
    const wait = retryAfterMs !== null ? ` It asked to wait ${Math.ceil(retryAfterMs / 1000)} seconds.` : '';
    return new GoogleError('rate_limited', `Google is limiting requests (HTTP ${status}) while ${during}, so it did not happen.${wait} Try again in a minute.`, { status, retryAfterMs, cause: err, detail });
  }
  if (status === 401) return new GoogleReconnectError(err);
  if (status === 403 && reasons.some((r) => /insufficientPermissions|ACCESS_TOKEN_SCOPE_INSUFFICIENT|PERMISSION_DENIED/.test(r)) && /scope/i.test(detail + reasons.join(' '))) {
    return new GoogleError('scope', `Google did not give Steward permission for this (missing scope) while ${during}. Turn the feature on and reconnect Google in ${GOOGLE_SETUP_PLACE}.`, { status, cause: err, detail });
  }
  if (status === 403) return new GoogleError('auth', `Google refused ${during} (HTTP 403: ${detail.slice(0, 160)}).`, { status, cause: err, detail });
  if (status === 404) return new GoogleError('not_found', `Google could not find it while ${during} (HTTP 404). It may have been deleted, or the id is wrong.`, { status, cause: err, detail });
  if (status === 410) return new GoogleError('gone', `It was already deleted in Google (HTTP 410) while ${during}.`, { status, cause: err, detail });
  if (status === 409) return new GoogleError('conflict', `Google says it already exists (HTTP 409) while ${during}.`, { status, cause: err, detail });
  if (status === 400) return new GoogleError('invalid', `Google refused the request while ${during}: ${detail.slice(0, 200)}. Nothing was changed.`, { status, cause: err, detail });
  if (status >= 500) return new GoogleError('server', `Google had a server error (HTTP ${status}) while ${during}.${maybe}`, { status, cause: err, detail });
  return new GoogleError('invalid', `Google refused the request (HTTP ${status}) while ${during}: ${detail.slice(0, 200)}.`, { status, cause: err, detail });
}

export function classifyGoogleError(err: unknown): RetryVerdict {
  const mapped = mapGoogleError(err, 'calling Google');
  if (mapped.kind === 'rate_limited') return { kind: 'rate_limited', retryAfterMs: mapped.retryAfterMs };
  if (mapped.kind === 'server' || mapped.kind === 'network' || mapped.kind === 'timeout') return { kind: 'transient' };
  return { kind: 'final' };
}
