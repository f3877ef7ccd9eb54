/**
 * The googleapis clients for Calendar and Gmail over an authorized OAuth2 client. googleapis'
 * own retries are off (retry: false): callWithRetry decides, so a send is never repeated.
 */
import { google, type calendar_v3, type gmail_v1 } from 'googleapis';
import type { OAuth2Client } from 'google-auth-library';
import { googleEndpoints } from './google-endpoints.js';

export const GOOGLE_REQUEST_TIMEOUT_MS = 20_000;

export function calendarApi(auth: OAuth2Client, timeoutMs = GOOGLE_REQUEST_TIMEOUT_MS): calendar_v3.Calendar {
  const rootUrl = googleEndpoints().apiRootUrl;
  return google.calendar({ version: 'v3', auth, retry: false, timeout: timeoutMs, ...(rootUrl && { rootUrl }) });
}

export function gmailApi(auth: OAuth2Client, timeoutMs = GOOGLE_REQUEST_TIMEOUT_MS): gmail_v1.Gmail {
  const rootUrl = googleEndpoints().apiRootUrl;
  return google.gmail({ version: 'v1', auth, retry: false, timeout: timeoutMs, ...(rootUrl && { rootUrl }) });
}
