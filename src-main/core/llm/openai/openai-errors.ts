/**
 * Turns whatever the `openai` SDK throws into Steward's typed errors with a message that says
 * what to do. The API key must never reach a message, a log or a `cause`: the SDK's own error
 * (which can echo request details) is replaced by a scrubbed copy of its text.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { logInternalError, StewardError } from '../../errors.js';
import { redactText, REDACTED } from '../../security/redaction.js';
import { ProviderAuthError, ProviderFailedError, ProviderTimeoutError } from '../llm-errors.js';
import { isRetryableStatus } from './retry-policy.js';

const CLOUD_MODEL_PLACE = 'Integrations › Cloud model';

export interface CloudErrorContext {
  /** How the user knows this provider, e.g. "OpenAI" or "cloud (localhost:11434)". */
  label: string;
  model: string;
  baseUrl: string;
  timeoutMs: number;
  /** The key used for the call, scrubbed from every text we keep. */
  apiKey: string | null;
  /** Where the user sets this provider's address and key; default Integrations › Cloud model. */
  place?: string;
}

/** Text with the key and anything that looks like a secret removed. */
export function scrubSecret(text: string, apiKey: string | null): string {
  const withoutKey = apiKey && apiKey.length > 0 ? text.split(apiKey).join(REDACTED) : text;
  return redactText(withoutKey);
}

export function mapCloudError(err: unknown, ctx: CloudErrorContext): StewardError {
  if (err instanceof StewardError) return err;
  const rawMessage = err instanceof Error ? err.message : String(err);
  const message = scrubSecret(rawMessage, ctx.apiKey);
  // A fresh Error keeps the scrubbed text for the log without carrying the SDK object (headers, request).
  const cause = new Error(message);

  if (err instanceof APIConnectionTimeoutError) return new ProviderTimeoutError(ctx.label, ctx.timeoutMs, { cause });
  if (err instanceof APIConnectionError) {
    return new ProviderFailedError(ctx.label, `it could not be reached at ${hostOf(ctx.baseUrl)}. Check the base URL in ${ctx.place ?? CLOUD_MODEL_PLACE} and your internet connection`, {
      cause,
      retryable: true,
    });
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const status = err.status;
    const serverMessage = scrubSecret(serverErrorMessage(err) ?? '', ctx.apiKey).slice(0, 200);
    const code = serverErrorCode(err);
    if (status === 401) return new ProviderAuthError(ctx.label, 'rejected', { cause, place: ctx.place });
    if (status === 403) {
      return new ProviderFailedError(ctx.label, `it refused access (HTTP 403). Check that your API key may use the model "${ctx.model}"`, { cause, status });
    }
    if (status === 404) {
      return new ProviderFailedError(
        ctx.label,
        `it has no model "${ctx.model}" or no such endpoint at ${hostOf(ctx.baseUrl)} (HTTP 404). Check the model name and base URL in ${ctx.place ?? CLOUD_MODEL_PLACE}`,
        { cause, status },
      );
    }
    if (status === 429 && code === 'insufficient_quota') {
      return new ProviderFailedError(ctx.label, 'the account has no credit left (HTTP 429, insufficient quota). Add credit with your provider, or switch to the local model', {
        cause,
        status,
      });
    }
    if (status === 429) {
      return new ProviderFailedError(ctx.label, "it is limiting how fast we can send requests (HTTP 429, rate limited). Wait a minute and try again, or raise your plan's limits", {
        cause,
        status,
        retryable: true,
      });
    }
    if (isRetryableStatus(status)) {
      return new ProviderFailedError(ctx.label, `its server had an error (HTTP ${status}). This is usually temporary: try again in a few minutes`, {
        cause,
        status,
        retryable: true,
      });
    }
    const what = serverMessage ? `: ${serverMessage}` : '';
    return new ProviderFailedError(ctx.label, `it rejected the request (HTTP ${status}${what})`, { cause, status });
  }
  if (err instanceof APIError) {
    // An `error` event inside a stream: the server failed after it had started answering.
    const serverMessage = scrubSecret(serverErrorMessage(err) ?? '', ctx.apiKey).slice(0, 200);
    return new ProviderFailedError(ctx.label, `it stopped with an error while answering${serverMessage ? ` (${serverMessage})` : ''}`, { cause });
  }
  const logged = logInternalError(`${ctx.label}: unexpected error`, cause);
  return new ProviderFailedError(ctx.label, `an unexpected error happened while calling it.${logged ? ` The details were written to the log (${logged})` : ''}`, { cause });
}

/** Adds how many tries were made to a retryable failure, so "it failed" reads as "it kept failing". */
export function afterAttempts(error: StewardError, attempts: number): StewardError {
  if (!(error instanceof ProviderFailedError) || attempts <= 1) return error;
  const reason = error.userMessage.replace(/^The .+? model failed: /, '').replace(/\.$/, '');
  return new ProviderFailedError(error.provider, `${reason} (tried ${attempts} times)`, { cause: error.cause, retryable: error.retryable });
}

function serverErrorMessage(err: APIError): string | null {
  const body = err.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : null;
}

function serverErrorCode(err: APIError): string | null {
  if (typeof err.code === 'string') return err.code;
  const body = err.error as { code?: unknown } | undefined;
  return typeof body?.code === 'string' ? body.code : null;
}

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
