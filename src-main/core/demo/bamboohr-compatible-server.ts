/**
 * A local HR system that speaks BambooHR's documented REST API (the part Steward uses), so the
 * HR demo has an HRIS to create employees in without anyone's BambooHR account:
 *
 * Base: /api/gateway.php/{companyDomain}/v1 · HTTP Basic auth with the API key as the user name
 * and any password ("x") · JSON with `Accept: application/json`.
 * - POST /employees/               add an employee (firstName and lastName required) → 201, empty
 *                                  body, `Location: …/v1/employees/{id}`
 * - GET  /employees/directory      { fields: [...], employees: [...] }
 * - GET  /employees/{id}/?fields=  the listed fields of one employee (404 when unknown); id 0 is
 *                                  the API key's owner (the first employee added)
 * - GET  /time_off/requests/?start=&end=  time-off requests overlapping the dates
 * Errors are what BambooHR sends: 401 for a wrong key, 404, 400 with the reason in the
 * `X-BambooHR-Error-Message` header.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const EMPLOYEE_FIELDS = ['firstName', 'lastName', 'displayName', 'jobTitle', 'workEmail', 'department', 'division', 'location', 'hireDate', 'supervisor', 'supervisorEId', 'payRate', 'employmentHistoryStatus', 'status'] as const;
export type EmployeeField = (typeof EMPLOYEE_FIELDS)[number];

export type HrisEmployee = { id: string } & Partial<Record<EmployeeField, string>>;

export interface TimeOffRequest {
  id: string;
  employeeId: string;
  name: string;
  start: string;
  end: string;
  type: string;
  status: 'approved' | 'requested' | 'denied';
}

export interface BambooHrServer {
  url: string;
  companyDomain: string;
  /** The API root the client is given: <url>/api/gateway.php/<companyDomain>/v1 */
  apiBase: string;
  apiKey: string;
  employees(): HrisEmployee[];
  /** Every employee-creating request that was accepted, in order (the demo's "exactly once" check). */
  created(): HrisEmployee[];
  addEmployee(fields: Omit<HrisEmployee, 'id'>): HrisEmployee;
  addTimeOff(request: Omit<TimeOffRequest, 'id'>): TimeOffRequest;
  close(): Promise<void>;
}

// eslint-disable-next-line max-lines-per-function -- the demo's stand-in for BambooHR: one route table, one case per endpoint
export async function startBambooHrServer(options: { companyDomain?: string; apiKey?: string; port?: number } = {}): Promise<BambooHrServer> {
  const companyDomain = options.companyDomain ?? 'acme';
  const apiKey = options.apiKey ?? randomUUID().replace(/-/g, '');
  const employees: HrisEmployee[] = [];
  const created: HrisEmployee[] = [];
  const timeOff: TimeOffRequest[] = [];
  let nextId = 100;

  const addEmployee = (fields: Omit<HrisEmployee, 'id'>): HrisEmployee => {
    const employee: HrisEmployee = {
      ...fields,
      id: String(nextId++),
      displayName: fields.displayName ?? `${fields.firstName ?? ''} ${fields.lastName ?? ''}`.trim(),
      status: fields.status ?? 'Active',
    };
    employees.push(employee);
    return employee;
  };

  const prefix = `/api/gateway.php/${companyDomain}/v1`;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://hris');
      const method = req.method ?? 'GET';
      const fail = (status: number, message: string) => {
        res.writeHead(status, { 'X-BambooHR-Error-Message': message, 'Content-Type': 'text/plain' });
        res.end(message);
      };
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(value));
      };
      if (!url.pathname.startsWith(`${prefix}/`)) return fail(404, `Unknown company or path ${url.pathname}`);
      const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
      const user = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0] : undefined;
      if (user !== apiKey) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="BambooHR API"', 'X-BambooHR-Error-Message': 'Invalid API key' });
        return res.end();
      }
      const route = url.pathname.slice(prefix.length).replace(/\/+$/, '');

      if (route === '/employees' && method === 'POST') {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        } catch {
          return fail(400, 'The request body is not valid JSON.');
        }
        if (typeof body.firstName !== 'string' || !body.firstName.trim() || typeof body.lastName !== 'string' || !body.lastName.trim()) {
          return fail(400, 'firstName and lastName are required.');
        }
        const fields: Omit<HrisEmployee, 'id'> = {};
        for (const name of EMPLOYEE_FIELDS) if (typeof body[name] === 'string' || typeof body[name] === 'number') fields[name] = String(body[name]);
        const employee = addEmployee(fields);
        created.push(employee);
        res.writeHead(201, { Location: `http://${req.headers.host ?? '127.0.0.1'}${prefix}/employees/${employee.id}` });
        return res.end();
      }
      if (route === '/employees/directory' && method === 'GET') {
        return json(200, {
          fields: ['displayName', 'firstName', 'lastName', 'jobTitle', 'workEmail', 'department', 'location', 'supervisor'].map((id) => ({ id, type: id === 'workEmail' ? 'email' : 'text', name: id })),
          employees: employees.filter((e) => e.status !== 'Inactive'),
        });
      }
      const one = /^\/employees\/(\d+)$/.exec(route);
      if (one && method === 'GET') {
        const employee = one[1] === '0' ? employees[0] : employees.find((e) => e.id === one[1]);
        if (!employee) return fail(404, `Employee ${one[1]} not found.`);
        const wanted = (url.searchParams.get('fields') ?? 'firstName,lastName').split(',').filter(Boolean);
        return json(200, { id: employee.id, ...Object.fromEntries(wanted.map((f) => [f, employee[f as EmployeeField] ?? null])) });
      }
      if (route === '/time_off/requests' && method === 'GET') {
        const start = url.searchParams.get('start');
        const end = url.searchParams.get('end');
        if (!start || !end) return fail(400, 'start and end (YYYY-MM-DD) are required.');
        return json(
          200,
          timeOff.filter((r) => r.end >= start && r.start <= end).map((r) => ({ id: r.id, employeeId: r.employeeId, name: r.name, start: r.start, end: r.end, type: { name: r.type }, status: { status: r.status } })),
        );
      }
      return fail(404, `No such endpoint: ${method} ${route}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    companyDomain,
    apiBase: `${url}${prefix}`,
    apiKey,
    employees: () => employees.map((e) => ({ ...e })),
    created: () => created.map((e) => ({ ...e })),
    addEmployee,
    addTimeOff(request) {
      const full = { ...request, id: String(timeOff.length + 1) };
      timeOff.push(full);
      return full;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
