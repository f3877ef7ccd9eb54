/**
 * The official twilio SDK, with our HTTP client: it keeps Retry-After on a 429 (the SDK's
 * RestException drops headers) and, when an API base URL is set, sends the SDK's requests there
 * instead of https://api.twilio.com — for Twilio-compatible proxies and the local fake in tests
 * (STEWARD_TWILIO_API_URL). The auth token goes only into this client.
 */
import twilio from 'twilio';
import { parseRetryAfter } from '../call-with-retry.js';
import { TwilioRateLimitedError } from './twilio-errors.js';

export const TWILIO_AUTH_TOKEN_ACCOUNT = 'twilio.authToken';
const TWILIO_API_ORIGIN = /^https:\/\/api(\.[a-z0-9-]+)*\.twilio\.com/;

export type TwilioClient = ReturnType<typeof twilio>;
type RequestOptions<TData> = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: TData };

export interface TwilioClientOptions {
  /** Replaces https://api.twilio.com (e.g. http://127.0.0.1:4010); default: STEWARD_TWILIO_API_URL or Twilio itself. */
  apiBaseUrl?: string;
  timeoutMs?: number;
}

class StewardTwilioHttpClient extends twilio.RequestClient {
  constructor(
    private readonly apiBaseUrl: string | undefined,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs, autoRetry: false });
  }

  override async request<TData>(opts: RequestOptions<TData>) {
    const uri = this.apiBaseUrl ? opts.uri.replace(TWILIO_API_ORIGIN, this.apiBaseUrl.replace(/\/+$/, '')) : opts.uri;
    const response = await super.request<TData>({ ...opts, uri });
    if (response.statusCode === 429) {
      const headers = (response.headers ?? {}) as Record<string, string | string[] | undefined>;
      throw new TwilioRateLimitedError(parseRetryAfter(headers['retry-after'] ?? headers['Retry-After']));
    }
    return response;
  }
}

export function twilioApiBaseUrl(): string | undefined {
  const fromEnv = process.env.STEWARD_TWILIO_API_URL;
  return fromEnv && fromEnv.trim() !== '' ? fromEnv.trim() : undefined;
}

export function createTwilioClient(accountSid: string, authToken: string, options: TwilioClientOptions = {}): TwilioClient {
  const httpClient = new StewardTwilioHttpClient(options.apiBaseUrl ?? twilioApiBaseUrl(), options.timeoutMs ?? 15_000);
  return twilio(accountSid, authToken, { httpClient });
}
