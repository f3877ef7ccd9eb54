/**
 * BambooHR's REST API through fetch (no official Node SDK exists), every answer checked with zod
 * before use. Base: {apiBaseUrl}/api/gateway.php/{companyDomain}/v1, HTTP Basic auth with the API
 * key as the user name and "x" as the password, JSON both ways. Reads are retried on 429/5xx;
 * creating an employee is retried only on 429 (BambooHR did not act), never after a 5xx or a lost
 * answer, where it may have.
 */
import { z } from 'zod';
import { callWithRetry, type RetryVerdict } from '../call-with-retry.js';
import { IntegrationError, IntegrationRateLimitedError, IntegrationRejectedError } from '../integration-errors.js';
import type { CreatedEmployee, DirectoryEntry, Hris, NewEmployee, TimeOffRequest } from '../hris/hris.js';
import { BAMBOOHR, mapBamboohrResponse, networkError } from './bamboohr-errors.js';

export const BAMBOOHR_API_KEY_ACCOUNT = 'bamboohr.apiKey';

const text = z.string().nullish().transform((v) => (v === undefined || v === null || v === '' ? null : v));
const id = z.union([z.string(), z.number()]).transform(String);

const DirectorySchema = z.object({
  employees: z.array(
    z.object({ id, displayName: text, firstName: text, lastName: text, jobTitle: text, workEmail: text, department: text, location: text, supervisor: text }).loose(),
  ),
});

const TimeOffSchema = z.array(
  z
    .object({
      id,
      employeeId: id,
      name: z.string().default(''),
      start: z.string(),
      end: z.string(),
      type: z.object({ name: z.string() }).loose().nullish(),
      status: z.object({ status: z.string() }).loose().nullish(),
      amount: z.object({ unit: z.string(), amount: z.union([z.string(), z.number()]) }).loose().nullish(),
    })
    .loose(),
);

const WhoAmISchema = z.object({ firstName: text, lastName: text }).loose();

export interface BamboohrClientOptions {
  apiBaseUrl: string;
  companyDomain: string;
  apiKey: string;
  timeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  retryBaseDelayMs?: number;
}

export class BamboohrClient implements Hris {
  readonly name = BAMBOOHR;
  private readonly base: string;

  constructor(private readonly options: BamboohrClientOptions) {
    this.base = `${options.apiBaseUrl.replace(/\/+$/, '')}/api/gateway.php/${encodeURIComponent(options.companyDomain)}/v1`;
  }

  async whoAmI(signal?: AbortSignal): Promise<string> {
    // Employee 0 is the user the API key belongs to.
    const me = answer(WhoAmISchema, await this.getJson('/employees/0/?fields=firstName,lastName', 'reading the API key owner', signal), 'reading the API key owner');
    return [me.firstName, me.lastName].filter(Boolean).join(' ') || 'the API key owner';
  }

  async createEmployee(employee: NewEmployee, signal?: AbortSignal): Promise<CreatedEmployee> {
    const response = await this.send('POST', '/employees/', 'creating the employee', false, signal, JSON.stringify(employee));
    const location = response.headers.get('location');
    const newId = location ? /\/employees\/(\d+)\/?$/.exec(location)?.[1] : undefined;
    if (!newId) throw new IntegrationRejectedError(BAMBOOHR, 'it answered without the new employee\'s id (no Location header); check BambooHR before trying again, the employee may exist', null);
    return { id: newId, url: location };
  }

  async directory(signal?: AbortSignal): Promise<DirectoryEntry[]> {
    const parsed = answer(DirectorySchema, await this.getJson('/employees/directory', 'reading the employee directory', signal), 'reading the employee directory');
    return parsed.employees.map((e) => ({ id: e.id, displayName: e.displayName ?? [e.firstName, e.lastName].filter(Boolean).join(' '), firstName: e.firstName, lastName: e.lastName, jobTitle: e.jobTitle, workEmail: e.workEmail, department: e.department, location: e.location, supervisor: e.supervisor }));
  }

  async timeOffRequests(range: { start: string; end: string; employeeId?: string; status?: string }, signal?: AbortSignal): Promise<TimeOffRequest[]> {
    const query = new URLSearchParams({ start: range.start, end: range.end });
    if (range.employeeId) query.set('employeeId', range.employeeId);
    if (range.status) query.set('status', range.status);
    const parsed = answer(TimeOffSchema, await this.getJson(`/time_off/requests/?${query}`, 'reading time-off requests', signal), 'reading time-off requests');
    return parsed.map((r) => ({ id: r.id, employeeId: r.employeeId, name: r.name, start: r.start, end: r.end, type: r.type?.name ?? 'Time off', status: r.status?.status ?? 'unknown', amount: r.amount ? `${r.amount.amount} ${r.amount.unit}` : null }));
  }

  private async getJson(path: string, what: string, signal?: AbortSignal): Promise<unknown> {
    const response = await this.send('GET', path, what, true, signal);
    try {
      return await response.json();
    } catch {
      throw new IntegrationRejectedError(BAMBOOHR, `its answer while ${what} was not JSON; check the API base URL in Integrations › BambooHR (HRIS)`, null);
    }
  }

  private async send(method: 'GET' | 'POST', path: string, what: string, safeToRepeat: boolean, signal?: AbortSignal, body?: string): Promise<Response> {
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const auth = Buffer.from(`${this.options.apiKey}:x`).toString('base64');
    return callWithRetry(
      async () => {
        let response: Response;
        try {
          const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
          response = await fetch(`${this.base}${path}`, {
            method,
            headers: { Authorization: `Basic ${auth}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
            body,
            signal: AbortSignal.any(signals),
            redirect: 'error',
          });
        } catch (err) {
          if (signal?.aborted) throw signal.reason;
          throw networkError(err, this.base, Math.round(timeoutMs / 1000));
        }
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          throw mapBamboohrResponse(response.status, response.headers, what, this.options.companyDomain);
        }
        return response;
      },
      { safeToRepeat, classify: classifyBamboohrError, signal, sleep: this.options.sleep, baseDelayMs: this.options.retryBaseDelayMs ?? 500 },
    );
  }
}

/** An answer of the wrong shape is refused by name, never half-used. */
function answer<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new IntegrationRejectedError(BAMBOOHR, `its answer while ${what} was not in the documented shape (${issue ? `${issue.path.join('.') || 'the answer'}: ${issue.message}` : 'unknown'}); check the API base URL in Integrations › BambooHR (HRIS)`, null);
}

export function classifyBamboohrError(err: unknown): RetryVerdict {
  if (err instanceof IntegrationRateLimitedError) return { kind: 'rate_limited', retryAfterMs: err.retryAfterSeconds === null ? null : err.retryAfterSeconds * 1000 };
  if (err instanceof IntegrationError && (err.failure === 'server' || err.failure === 'network' || err.failure === 'timeout')) return { kind: 'transient' };
  return { kind: 'final' };
}
