/**
 * BambooHR's answers mapped to the shared integration errors
 * (https://documentation.bamboohr.com/docs/api-details: 400 with X-BambooHR-Error-Message, 401
 * bad key, 403 not allowed, 404 unknown company or record, 429 / 503 with Retry-After).
 */
import { parseRetryAfter } from '../call-with-retry.js';
import { HrisPermissionError } from '../hris/hris.js';
import {
  IntegrationAuthError,
  IntegrationError,
  IntegrationNetworkError,
  IntegrationRateLimitedError,
  IntegrationRejectedError,
  IntegrationServerError,
  IntegrationTimeoutError,
} from '../integration-errors.js';

export const BAMBOOHR = 'BambooHR';
export const BAMBOOHR_SETUP_PLACE = 'Integrations › BambooHR (HRIS)';

export class BamboohrForbiddenError extends HrisPermissionError {
  constructor(what: string) {
    super(BAMBOOHR, 'auth', 'unauthorized', `BambooHR refused ${what}: the API key's user does not have that permission in BambooHR. Use a key of a user with that access (in BambooHR: Settings, then Access Levels). Nothing was changed.`);
  }
}

export class BamboohrNotFoundError extends IntegrationError {
  constructor(what: string, companyDomain: string) {
    super(BAMBOOHR, 'not_found', 'not_found', `BambooHR found no ${what} for the company "${companyDomain}". Check the company domain in ${BAMBOOHR_SETUP_PLACE} (acme for acme.bamboohr.com) and the id. Nothing was changed.`);
  }
}

export function mapBamboohrResponse(status: number, headers: Headers, what: string, companyDomain: string): IntegrationError {
  const reason = headers.get('x-bamboohr-error-message') ?? '';
  if (status === 401) return new IntegrationAuthError(BAMBOOHR, `Paste a valid API key in ${BAMBOOHR_SETUP_PLACE} (BambooHR → your name → API Keys). Nothing was changed.`);
  if (status === 403) return new BamboohrForbiddenError(what);
  if (status === 404) return new BamboohrNotFoundError(what, companyDomain);
  if (status === 429) return new IntegrationRateLimitedError(BAMBOOHR, secondsOf(headers));
  if (status === 503 && headers.get('retry-after')) return new IntegrationRateLimitedError(BAMBOOHR, secondsOf(headers));
  if (status >= 500) return new IntegrationServerError(BAMBOOHR, status);
  return new IntegrationRejectedError(BAMBOOHR, reason || `HTTP ${status} while ${what}`, null);
}

export function networkError(err: unknown, base: string, timeoutSeconds: number): IntegrationError {
  const name = (err as { name?: string })?.name;
  if (name === 'TimeoutError') return new IntegrationTimeoutError(BAMBOOHR, timeoutSeconds);
  const code = (err as { cause?: { code?: string } })?.cause?.code;
  return new IntegrationNetworkError(BAMBOOHR, new URL(base).host, code);
}

function secondsOf(headers: Headers): number | null {
  const ms = parseRetryAfter(headers.get('retry-after'));
  return ms === null ? null : ms / 1000;
}
