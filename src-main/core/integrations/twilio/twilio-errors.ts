/**
 * Twilio's answers mapped to typed errors (DESIGN §1): what went wrong, in the user's terms, and
 * what to do. The SDK's RestException carries Twilio's numeric error code
 * (https://www.twilio.com/docs/api/errors); the auth token never reaches a message.
 */
import { StewardError, type ErrorCode } from '../../errors.js';
import type { RetryVerdict } from '../call-with-retry.js';

export type TwilioErrorKind = 'auth' | 'rate_limited' | 'not_found' | 'network' | 'timeout' | 'server' | 'opted_out' | 'invalid_number' | 'refused';

const CODES: Record<TwilioErrorKind, ErrorCode> = {
  auth: 'unauthorized',
  rate_limited: 'provider_failed',
  not_found: 'not_found',
  network: 'provider_failed',
  timeout: 'timeout',
  server: 'provider_failed',
  opted_out: 'conflict',
  invalid_number: 'invalid_input',
  refused: 'provider_failed',
};

export class TwilioError extends StewardError {
  readonly kind: TwilioErrorKind;
  readonly twilioCode: number | null;
  readonly retryAfterMs: number | null;

  constructor(kind: TwilioErrorKind, userMessage: string, options: { twilioCode?: number | null; retryAfterMs?: number | null; cause?: unknown; detail?: string } = {}) {
    super(CODES[kind], userMessage, { cause: options.cause, detail: options.detail });
    this.kind = kind;
    this.twilioCode = options.twilioCode ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/** Thrown by our HTTP client on a 429 so Retry-After (which RestException drops) is kept. */
export class TwilioRateLimitedError extends TwilioError {
  constructor(retryAfterMs: number | null) {
    const wait = retryAfterMs !== null ? ` It asked to wait ${Math.ceil(retryAfterMs / 1000)} seconds.` : '';
    super('rate_limited', `Twilio is limiting how fast this account can send (HTTP 429), so nothing was sent.${wait} Try again in a minute.`, { twilioCode: 20429, retryAfterMs });
  }
}

interface RestLike {
  status?: number;
  code?: number;
  message?: string;
  moreInfo?: string;
}

/**
 * `during` says what we were doing ("sending the text", "checking delivery"); `sendMayHaveHappened`
 * is true when the request may have reached Twilio (a lost answer to a send).
 */
export function mapTwilioError(err: unknown, during: string, sendMayHaveHappened = false): TwilioError {
  if (err instanceof TwilioError) return err;
  const rest = err as RestLike & { code?: number | string; isAxiosError?: boolean };
  const networkCode = typeof rest?.code === 'string' ? rest.code : null;
  if (networkCode === 'ECONNABORTED' || networkCode === 'ETIMEDOUT' || /timeout/i.test(String(rest?.message ?? ''))) {
    const maybe = sendMayHaveHappened ? ' The text may or may not have been sent; check the Twilio Console message log before trying again.' : ' Try again.';
    return new TwilioError('timeout', `Twilio did not answer in time while ${during}.${maybe}`, { cause: err });
  }
  if (networkCode && typeof rest.status !== 'number') {
    const maybe = sendMayHaveHappened ? ' The text may or may not have been sent; check the Twilio Console message log before trying again.' : ' Check the internet connection and try again.';
    return new TwilioError('network', `Steward could not reach Twilio while ${during} (${networkCode}).${maybe}`, { cause: err });
  }
  const status = typeof rest?.status === 'number' ? rest.status : 0;
  const code = typeof rest?.code === 'number' ? rest.code : null;
  const detail = rest?.message ?? String(err);
  if (status === 401 || code === 20003) return new TwilioError('auth', 'Twilio refused the Account SID and auth token. Check both in Integrations › SMS (Twilio) (Console → Account info) and save them again.', { twilioCode: code, cause: err, detail });
  if (code === 21610) return new TwilioError('opted_out', 'This person has replied STOP to your Twilio number, so Twilio will not deliver texts to them until they reply START. Nothing was sent.', { twilioCode: code, cause: err, detail });
  if (code === 21211 || code === 21614 || code === 21217) return new TwilioError('invalid_number', `Twilio says the phone number is not a valid mobile number (error ${code}). Check the number; nothing was sent.`, { twilioCode: code, cause: err, detail });
  if (code === 21606 || code === 21659 || code === 21212) return new TwilioError('refused', `Twilio cannot send from the configured number (error ${code}): it must be an SMS-capable number on your account. Fix "fromNumber" in Integrations › SMS (Twilio). Nothing was sent.`, { twilioCode: code, cause: err, detail });
  if (code === 21408 || code === 21612) return new TwilioError('refused', `Twilio is not allowed to text that country or number from your account (error ${code}). Enable it under Messaging → Geo permissions in the Twilio Console. Nothing was sent.`, { twilioCode: code, cause: err, detail });
  if (status === 404) return new TwilioError('not_found', `Twilio does not know that message or account (error ${code ?? 404}). Check the Account SID in Integrations › SMS (Twilio).`, { twilioCode: code, cause: err, detail });
  if (status === 429) return new TwilioRateLimitedError(null);
  if (status >= 500) {
    const maybe = sendMayHaveHappened ? ' The text may or may not have been sent; check the Twilio Console message log before trying again.' : ' Try again in a few minutes.';
    return new TwilioError('server', `Twilio had a server error (HTTP ${status}) while ${during}.${maybe}`, { twilioCode: code, cause: err, detail });
  }
  return new TwilioError('refused', `Twilio refused the request while ${during}: ${detail.slice(0, 200)}${code ? ` (error ${code})` : ''}.`, { twilioCode: code, cause: err, detail });
}

/** For callWithRetry: 429 always retried; server errors and lost connections only for safe calls. */
export function classifyTwilioError(err: unknown): RetryVerdict {
  const mapped = mapTwilioError(err, 'calling Twilio');
  if (mapped.kind === 'rate_limited') return { kind: 'rate_limited', retryAfterMs: mapped.retryAfterMs };
  if (mapped.kind === 'server' || mapped.kind === 'network' || mapped.kind === 'timeout') return { kind: 'transient' };
  return { kind: 'final' };
}
