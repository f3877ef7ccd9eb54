/**
 * Typed errors every integration maps its SDK's errors to, so tools, the agent and the UI handle
 * "auth failed", "rate limited", "not found" and "network" the same way for every service. Each
 * names the service and says what to do; none carries a secret or the SDK's raw error.
 */
import { StewardError, type ErrorCode } from '../errors.js';

export type IntegrationFailure = 'auth' | 'rate_limited' | 'not_found' | 'network' | 'timeout' | 'rejected' | 'declined' | 'server';

export class IntegrationError extends StewardError {
  readonly service: string;
  readonly failure: IntegrationFailure;
  constructor(service: string, failure: IntegrationFailure, code: ErrorCode, userMessage: string, options: { detail?: string } = {}) {
    // The SDK error is deliberately not attached as cause: it can carry request headers with keys.
    super(code, userMessage, { detail: options.detail });
    this.service = service;
    this.failure = failure;
  }
}

export class IntegrationAuthError extends IntegrationError {
  constructor(service: string, fix: string, detail?: string) {
    super(service, 'auth', 'unauthorized', `${service} did not accept the credentials. ${fix}`, { detail });
  }
}

export class IntegrationRateLimitedError extends IntegrationError {
  readonly retryAfterSeconds: number | null;
  constructor(service: string, retryAfterSeconds: number | null) {
    const wait = retryAfterSeconds !== null ? `about ${Math.max(1, Math.ceil(retryAfterSeconds))} seconds` : 'a minute';
    super(service, 'rate_limited', 'provider_failed', `${service} is limiting how fast Steward may call it. Wait ${wait} and try again.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class IntegrationNotFoundError extends IntegrationError {
  constructor(service: string, what: string) {
    super(service, 'not_found', 'not_found', `${service} has no ${what}. Check the id and that it belongs to this account (and to the same test or live mode).`);
  }
}

export class IntegrationNetworkError extends IntegrationError {
  constructor(service: string, where: string, detail?: string) {
    super(service, 'network', 'provider_failed', `Could not reach ${service} at ${where}. Check your internet connection and try again.`, { detail });
  }
}

export class IntegrationTimeoutError extends IntegrationError {
  constructor(service: string, seconds: number) {
    super(service, 'timeout', 'timeout', `${service} did not answer within ${seconds} seconds. Try again; a retry of the same action is safe and will not repeat it.`);
  }
}

export class IntegrationServerError extends IntegrationError {
  constructor(service: string, status: number | null) {
    super(service, 'server', 'provider_failed', `${service} had an internal problem${status ? ` (HTTP ${status})` : ''}. Try again in a few minutes; a retry of the same action will not repeat it.`);
  }
}

export class IntegrationRejectedError extends IntegrationError {
  readonly param: string | null;
  constructor(service: string, message: string, param: string | null) {
    super(service, 'rejected', 'invalid_input', `${service} refused the request${param ? ` (field "${param}")` : ''}: ${message}`);
    this.param = param;
  }
}
