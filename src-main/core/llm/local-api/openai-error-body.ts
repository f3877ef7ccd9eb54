/**
 * Errors of the local OpenAI-compatible API, in OpenAI's own JSON shape
 * ({ error: { message, type, param, code } }) so any OpenAI client reports them properly.
 */
import { StewardError } from '../../errors.js';
import { InvalidModelOutputError } from '../llm-errors.js';

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class HttpApiError extends Error {
  readonly status: number;
  readonly body: OpenAiErrorBody;

  constructor(status: number, message: string, options: { type?: string; param?: string | null; code?: string | null } = {}) {
    super(message);
    this.status = status;
    this.body = { error: { message, type: options.type ?? 'invalid_request_error', param: options.param ?? null, code: options.code ?? null } };
  }
}

export function badRequest(message: string, param: string | null, code: string | null = null): HttpApiError {
  return new HttpApiError(400, message, { param, code });
}

/** A failure of the model behind the API, told with Steward's user message (never internals). */
export function fromProviderError(err: unknown): HttpApiError {
  if (err instanceof HttpApiError) return err;
  if (!(err instanceof StewardError)) return new HttpApiError(500, 'The model failed with an internal error. See the Steward log for details.', { type: 'server_error', code: 'internal_error' });
  const message = err.userMessage;
  if (err instanceof InvalidModelOutputError) return new HttpApiError(502, message, { type: 'server_error', code: 'invalid_model_output' });
  switch (err.code) {
    case 'invalid_input':
      return new HttpApiError(400, message, { param: err.issues?.[0]?.path ?? null });
    case 'timeout':
      return new HttpApiError(504, message, { type: 'server_error', code: 'timeout' });
    case 'cancelled':
      return new HttpApiError(499, message, { type: 'server_error', code: 'cancelled' });
    case 'model_missing':
    case 'model_invalid':
      return new HttpApiError(503, message, { type: 'server_error', code: 'model_not_available' });
    case 'unauthorized':
    case 'provider_failed':
      return new HttpApiError(502, message, { type: 'server_error', code: err.code });
    default:
      return new HttpApiError(500, message, { type: 'server_error', code: err.code });
  }
}
