/**
 * A local BambooHR API following its documented wire format for the endpoints Steward uses
 * (https://documentation.bamboohr.com/reference):
 *
 * Base {url}/api/gateway.php/{companyDomain}/v1 · HTTP Basic auth, the API key as the user name
 * and any password ("x") · JSON with `Accept: application/json`.
 * - GET  /employees/0/?fields=firstName,lastName   the API key's own employee (connection test)
 * - GET  /employees/{id}/?fields=…                 one employee, 404 when unknown
 * - POST /employees/                               add (firstName, lastName required) → 201, empty body,
 *                                                  `Location: …/v1/employees/{id}`
 * - GET  /employees/directory                      { fields: [...], employees: [...] }
 * - GET  /time_off/requests/?start=&end=[&employeeId=&status=]   requests overlapping the dates
 * Errors are what BambooHR sends: 400 with the reason in `X-BambooHR-Error-Message`, 401 for a
 * wrong key, 403 without the permission, 404 for an unknown company, 429/503 with Retry-After.
 * Tests can queue faults per operation and read every request. Exported for the HR demo too.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type BamboohrOperation = 'me' | 'employee' | 'create' | 'directory' | 'timeOff';
export type BamboohrFault = { status: number; message?: string; retryAfter?: string } | { hang: true };

export interface FakeEmployee {
  id: string;
  firstName: string;
  lastName: string;
  displayName: string;
  jobTitle: string | null;
  workEmail: string | null;
  department: string | null;
  location: string | null;
  hireDate: string | null;
  supervisor: string | null;
}

export interface FakeTimeOff {
  id: string;
  employeeId: string;
  start: string;
  end: string;
  type: string;
  status: 'requested' | 'approved' | 'denied' | 'canceled';
  amount: { unit: 'days' | 'hours'; amount: string };
}

export interface BamboohrRecordedRequest {
  method: string;
  path: string;
  operation: BamboohrOperation | 'unknown';
  headers: IncomingHttpHeaders;
  body: string;
}

export interface BamboohrFake {
  /** For settings.integrations.bamboohr.apiBaseUrl. */
  url: string;
  companyDomain: string;
  apiKey: string;
  requests: BamboohrRecordedRequest[];
  employees: FakeEmployee[];
  timeOff: FakeTimeOff[];
  /** Employees created through the API, in order. */
  created(): FakeEmployee[];
  addEmployee(fields: Partial<FakeEmployee> & { firstName: string; lastName: string }): FakeEmployee;
  addTimeOff(request: Omit<FakeTimeOff, 'id'>): FakeTimeOff;
  /** The next request of this operation gets this answer instead (queue several for several). */
  fail(operation: BamboohrOperation, fault: BamboohrFault): void;
  close(): Promise<void>;
}

const WRITABLE = ['firstName', 'lastName', 'jobTitle', 'workEmail', 'department', 'location', 'hireDate', 'supervisor'] as const;

export async function startBamboohrFake(options: { companyDomain?: string; apiKey?: string } = {}): Promise<BamboohrFake> {
  const companyDomain = options.companyDomain ?? 'acme';
  const apiKey = options.apiKey ?? `fake-bamboohr-${randomUUID().replace(/-/g, '')}`;
  const employees: FakeEmployee[] = [];
  const createdIds: string[] = [];
  const timeOff: FakeTimeOff[] = [];
  const requests: BamboohrRecordedRequest[] = [];
  const faults = new Map<BamboohrOperation, BamboohrFault[]>();
  let nextId = 40_000;

  const addEmployee: BamboohrFake['addEmployee'] = (fields) => {
    const employee: FakeEmployee = { jobTitle: null, workEmail: null, department: null, location: null, hireDate: null, supervisor: null, ...fields, id: String(nextId++), displayName: `${fields.firstName} ${fields.lastName}` };
    employees.push(employee);
    return employee;
  };
  // The API key's own user: employee 0 resolves to them.
  const owner = addEmployee({ firstName: 'Hana', lastName: 'Ito', jobTitle: 'HR Manager', workEmail: 'hana@acme.example', department: 'HR' });

  const prefix = `/api/gateway.php/${companyDomain}/v1`;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://bamboohr');
      const method = req.method ?? 'GET';
      const body = Buffer.concat(chunks).toString('utf8');
      const route = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length).replace(/\/+$/, '') : null;
      const operation: BamboohrOperation | 'unknown' =
        route === '/employees' && method === 'POST' ? 'create' : route === '/employees/directory' ? 'directory' : route === '/employees/0' ? 'me' : route && /^\/employees\/\d+$/.test(route) ? 'employee' : route === '/time_off/requests' ? 'timeOff' : 'unknown';
      requests.push({ method, path: `${url.pathname}${url.search}`, operation, headers: req.headers, body });

      const fail = (status: number, message: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'X-BambooHR-Error-Message': message, 'Content-Type': 'text/plain', ...headers });
        res.end();
      };
      const json = (value: unknown) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      // An unknown company is a 404 before any authentication, as BambooHR answers it.
      if (route === null) return fail(404, 'Company not found');
      const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
      const [user] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
      if (user !== apiKey) return fail(401, 'Invalid API key');
      if (operation !== 'unknown') {
        const fault = faults.get(operation)?.shift();
        if (fault && 'hang' in fault) return;
        if (fault) return fail(fault.status, fault.message ?? `HTTP ${fault.status}`, fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {});
      }
      if (req.headers.accept !== 'application/json' && method === 'GET') return fail(406, 'Send Accept: application/json for JSON');

      switch (operation) {
        case 'create': {
          if (!/^application\/json/.test(String(req.headers['content-type']))) return fail(400, 'Content-Type must be application/json');
          let fields: Record<string, unknown>;
          try {
            fields = JSON.parse(body || '{}') as Record<string, unknown>;
          } catch {
            return fail(400, 'Malformed JSON');
          }
          if (typeof fields.firstName !== 'string' || !fields.firstName || typeof fields.lastName !== 'string' || !fields.lastName) return fail(400, 'firstName and lastName are required');
          const unknown = Object.keys(fields).filter((k) => !(WRITABLE as readonly string[]).includes(k));
          if (unknown.length) return fail(400, `Unknown field(s): ${unknown.join(', ')}`);
          if (typeof fields.hireDate === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(fields.hireDate)) return fail(400, 'hireDate must be YYYY-MM-DD');
          const employee = addEmployee(fields as unknown as FakeEmployee);
          createdIds.push(employee.id);
          res.writeHead(201, { Location: `http://${req.headers.host}${prefix}/employees/${employee.id}` });
          return res.end();
        }
        case 'directory':
          return json({
            fields: ['displayName', 'firstName', 'lastName', 'jobTitle', 'workEmail', 'department', 'location', 'supervisor'].map((id) => ({ id, type: id === 'workEmail' ? 'email' : 'text', name: id })),
            employees: employees.map(({ hireDate: _hire, ...e }) => ({ ...e, photoUploaded: false, photoUrl: null })),
          });
        case 'me':
        case 'employee': {
          const id = operation === 'me' ? owner.id : route!.split('/').pop();
          const employee = employees.find((e) => e.id === id);
          if (!employee) return fail(404, 'Employee not found');
          const wanted = (url.searchParams.get('fields') ?? 'firstName,lastName').split(',');
          return json({ id: employee.id, ...Object.fromEntries(wanted.map((f) => [f, (employee as unknown as Record<string, unknown>)[f] ?? null])) });
        }
        case 'timeOff': {
          const start = url.searchParams.get('start');
          const end = url.searchParams.get('end');
          if (!start || !end) return fail(400, 'start and end are required (YYYY-MM-DD)');
          const employeeId = url.searchParams.get('employeeId');
          const status = url.searchParams.get('status');
          return json(
            timeOff
              .filter((r) => r.end >= start && r.start <= end && (!employeeId || r.employeeId === employeeId) && (!status || status.split(',').includes(r.status)))
              .map((r) => ({
                id: r.id,
                employeeId: r.employeeId,
                status: { lastChanged: r.start, lastChangedByUserId: owner.id, status: r.status },
                name: employees.find((e) => e.id === r.employeeId)?.displayName ?? '',
                start: r.start,
                end: r.end,
                created: r.start,
                type: { id: '78', name: r.type, icon: 'palm-trees' },
                amount: r.amount,
                actions: { view: true, edit: false, cancel: false, approve: false, deny: false, bypass: false },
                dates: {},
                notes: {},
              })),
          );
        }
        default:
          return fail(404, `No such endpoint: ${method} ${route}`);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    companyDomain,
    apiKey,
    requests,
    employees,
    timeOff,
    created: () => employees.filter((e) => createdIds.includes(e.id)),
    addEmployee,
    addTimeOff(request) {
      const full = { ...request, id: String(timeOff.length + 1) };
      timeOff.push(full);
      return full;
    },
    fail(operation, fault) {
      faults.set(operation, [...(faults.get(operation) ?? []), fault]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
