/**
 * The HRIS tools with the BambooHR client against the local fake of BambooHR's documented API:
 * what reaches BambooHR (Basic auth with the key and "x", JSON), creating an employee once (a
 * second create of the same work email finds them), the directory, time off, the connection
 * test, and 401/403/404/429/5xx/timeouts with clear messages and nothing created where nothing
 * may be.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StewardError } from '../../../src-main/core/errors.js';
import { BAMBOOHR_API_KEY_ACCOUNT } from '../../../src-main/core/integrations/bamboohr/bamboohr-client.js';
import { bamboohrIntegration } from '../../../src-main/core/integrations/bamboohr/bamboohr-integration.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { HrisCreateEmployeeParams, createHrisCreateEmployeeTool } from '../../../src-main/core/tools/builtin/hris/hris-create-employee.js';
import { createHrisDirectoryTool } from '../../../src-main/core/tools/builtin/hris/hris-directory.js';
import { HrisTimeOffParams, createHrisTimeOffTool } from '../../../src-main/core/tools/builtin/hris/hris-time-off.js';
import { startBamboohrFake, type BamboohrFake } from '../../fakes/bamboohr-fake.js';
import { recordingSleep, settingsWith, toolContext } from '../twilio/support.js';

let fake: BamboohrFake;
beforeEach(async () => {
  fake = await startBamboohrFake();
});
afterEach(async () => fake.close());

function setup(options: { key?: string; companyDomain?: string; timeoutSeconds?: number } = {}) {
  const settings = settingsWith({ bamboohr: { companyDomain: options.companyDomain ?? fake.companyDomain, apiBaseUrl: fake.url, timeoutSeconds: options.timeoutSeconds ?? 30 } });
  const secrets = createMemorySecretStore({ [BAMBOOHR_API_KEY_ACCOUNT]: options.key ?? fake.apiKey });
  const timing = recordingSleep();
  const deps = { sleep: timing.sleep, retryBaseDelayMs: 10 };
  return { settings, secrets, timing, ctx: () => toolContext(settings, secrets), create: createHrisCreateEmployeeTool(deps), directory: createHrisDirectoryTool(deps), timeOff: createHrisTimeOffTool({ ...deps, today: () => '2027-01-04' }) };
}

const DANA = { firstName: 'Dana', lastName: 'Lee', workEmail: 'dana.lee@acme.example', jobTitle: 'Senior Engineer', department: 'Engineering', hireDate: '2027-01-05' };

async function refusal(promise: Promise<unknown>): Promise<StewardError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StewardError);
  return err as StewardError;
}

describe('hris.createEmployee with BambooHR', () => {
  it('adds the new hire once, as BambooHR documents it, and reports the new id', async () => {
    const { create, ctx } = setup();
    const result = await create.execute(HrisCreateEmployeeParams.parse(DANA), ctx());
    expect(fake.created()).toHaveLength(1);
    expect(fake.created()[0]).toMatchObject({ ...DANA, displayName: 'Dana Lee' });
    const post = fake.requests.find((r) => r.operation === 'create')!;
    expect(post.path).toBe('/api/gateway.php/acme/v1/employees/');
    expect(post.headers.authorization).toBe(`Basic ${Buffer.from(`${fake.apiKey}:x`).toString('base64')}`);
    expect(post.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post.body)).toEqual(DANA);
    expect(result.output).toEqual({ employeeId: fake.created()[0]!.id, url: expect.stringContaining(`/employees/${fake.created()[0]!.id}`), alreadyExisted: false, displayName: 'Dana Lee' });
    expect(result.summary).toBe(`Added Dana Lee to BambooHR as employee ${fake.created()[0]!.id} (Senior Engineer).`);
  });

  it('is an outside action that asks, names the person on the card and says what cannot be undone', () => {
    const { create } = setup();
    expect(create.name).toBe('hris.createEmployee');
    expect(create.sideEffect).toBe('external');
    expect(create.defaultPermission).toBe('ask');
    expect(create.describe!(HrisCreateEmployeeParams.parse(DANA))).toBe('Add Dana Lee, Senior Engineer (Engineering), starting 2027-01-05, dana.lee@acme.example to BambooHR.');
    expect(create.cannotUndo).toMatch(/Steward cannot delete it/);
  });

  it('does not create the same person twice: a retry or a resumed workflow finds them by work email', async () => {
    const { create, ctx } = setup();
    const first = await create.execute(HrisCreateEmployeeParams.parse(DANA), ctx());
    const again = await create.execute(HrisCreateEmployeeParams.parse({ ...DANA, workEmail: 'DANA.LEE@acme.example' }), ctx());
    expect(fake.created()).toHaveLength(1);
    expect(again.output).toMatchObject({ employeeId: first.output.employeeId, alreadyExisted: true });
    expect(again.summary).toMatch(/is already in BambooHR as employee \d+; nothing new was created/);
  });

  it('blank optional fields from a workflow are left out; bad ones are refused before anything is sent', async () => {
    const { create, ctx } = setup();
    await create.execute(HrisCreateEmployeeParams.parse({ firstName: 'Sam', lastName: 'Park', department: '', hireDate: ' ' }), ctx());
    expect(JSON.parse(fake.requests.find((r) => r.operation === 'create')!.body)).toEqual({ firstName: 'Sam', lastName: 'Park' });
    const bad = HrisCreateEmployeeParams.safeParse({ firstName: 'Sam', lastName: '', hireDate: '2027-02-30', workEmail: 'not-an-email' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['lastName: must not be empty', 'workEmail: must be an email address such as dana@example.com', 'hireDate: is not a real calendar date']);
    expect(fake.created()).toHaveLength(1);
  });

  it('401: a wrong key is refused with where to fix it; nothing is created', async () => {
    const { create, ctx } = setup({ key: 'wrong-key' });
    const err = await refusal(create.execute(HrisCreateEmployeeParams.parse(DANA), ctx()));
    expect(err.code).toBe('unauthorized');
    expect(err.userMessage).toBe('BambooHR did not accept the credentials. Paste a valid API key in Integrations › BambooHR (HRIS) (BambooHR → your name → API Keys). Nothing was changed.');
    expect(fake.created()).toHaveLength(0);
  });

  it('404: an unknown company domain is named', async () => {
    const { directory, ctx } = setup({ companyDomain: 'acme-typo' });
    const err = await refusal(directory.execute({}, ctx()));
    expect(err.userMessage).toMatch(/BambooHR found no .* for the company "acme-typo"\. Check the company domain in Integrations › BambooHR \(HRIS\)/);
  });

  it('429: waits as long as BambooHR asks and then creates once; a long wait is refused with the time', async () => {
    const { create, ctx, timing } = setup();
    fake.fail('directory', { status: 429, retryAfter: '3' });
    fake.fail('create', { status: 429, retryAfter: '2' });
    await create.execute(HrisCreateEmployeeParams.parse(DANA), ctx());
    expect(timing.waits).toEqual([3000, 2000]);
    expect(fake.created()).toHaveLength(1);

    fake.fail('create', { status: 429, retryAfter: '120' });
    const err = await refusal(create.execute(HrisCreateEmployeeParams.parse({ firstName: 'Kim', lastName: 'Ng' }), ctx()));
    expect(err.userMessage).toBe('BambooHR is limiting how fast Steward may call it. Wait about 120 seconds and try again.');
    expect(fake.created()).toHaveLength(1);
  });

  it('a 500 on create is not retried (BambooHR may have acted); reads are', async () => {
    const { create, directory, ctx } = setup();
    fake.fail('create', { status: 500 });
    const err = await refusal(create.execute(HrisCreateEmployeeParams.parse({ firstName: 'Kim', lastName: 'Ng' }), ctx()));
    expect(err.userMessage).toMatch(/BambooHR had an internal problem \(HTTP 500\)/);
    expect(fake.requests.filter((r) => r.operation === 'create')).toHaveLength(1);
    fake.fail('directory', { status: 503 });
    expect((await directory.execute({}, ctx())).output.total).toBe(1);
  });

  it('403 on the directory: the duplicate check is skipped, the hire still goes in', async () => {
    const { create, ctx } = setup();
    fake.fail('directory', { status: 403, message: 'Directory sharing disabled' });
    const result = await create.execute(HrisCreateEmployeeParams.parse(DANA), ctx());
    expect(result.output.alreadyExisted).toBe(false);
    expect(fake.created()).toHaveLength(1);
  });

  it('a silent server times out with a clear message', async () => {
    const { directory, ctx } = setup({ timeoutSeconds: 1 });
    for (let i = 0; i < 3; i += 1) fake.fail('directory', { hang: true });
    const err = await refusal(directory.execute({}, ctx()));
    expect(err.userMessage).toMatch(/BambooHR did not answer within 1 seconds/);
  });
});

describe('hris.directory and hris.timeOff', () => {
  it('reads the directory, narrowed by name or department', async () => {
    fake.addEmployee({ firstName: 'Priya', lastName: 'Shah', jobTitle: 'Director of Engineering', department: 'Engineering', workEmail: 'priya@acme.example' });
    fake.addEmployee({ firstName: 'Omar', lastName: 'Haddad', jobTitle: 'Engineer', department: 'Engineering', supervisor: 'Priya Shah' });
    const { directory, ctx } = setup();
    const all = await directory.execute({}, ctx());
    expect(all.output.employees.map((e) => e.displayName)).toEqual(['Hana Ito', 'Priya Shah', 'Omar Haddad']);
    expect(all.output.employees[2]).toMatchObject({ jobTitle: 'Engineer', supervisor: 'Priya Shah', workEmail: null });
    const eng = await directory.execute({ department: 'engineering' }, ctx());
    expect(eng.summary).toBe('2 of 3 employees in BambooHR: Priya Shah (Director of Engineering), Omar Haddad (Engineer).');
    expect((await directory.execute({ search: 'priya@' }, ctx())).output.employees).toHaveLength(1);
    expect(directory.sideEffect).toBe('none');
  });

  it('reads time-off requests overlapping the dates (default the next 30 days)', async () => {
    const omar = fake.addEmployee({ firstName: 'Omar', lastName: 'Haddad' });
    fake.addTimeOff({ employeeId: omar.id, start: '2027-01-10', end: '2027-01-14', type: 'Vacation', status: 'approved', amount: { unit: 'days', amount: '5' } });
    fake.addTimeOff({ employeeId: omar.id, start: '2027-03-01', end: '2027-03-01', type: 'Sick', status: 'requested', amount: { unit: 'days', amount: '1' } });
    const { timeOff, ctx } = setup();
    const soon = await timeOff.execute(HrisTimeOffParams.parse({}), ctx());
    expect(fake.requests.at(-1)!.path).toBe('/api/gateway.php/acme/v1/time_off/requests/?start=2027-01-04&end=2027-02-03');
    expect(soon.output.requests).toEqual([{ id: '1', employeeId: omar.id, name: 'Omar Haddad', start: '2027-01-10', end: '2027-01-14', type: 'Vacation', status: 'approved', amount: '5 days' }]);
    expect(soon.summary).toBe('1 time-off request in BambooHR from 2027-01-04 to 2027-02-03: Omar Haddad: Vacation 2027-01-10–2027-01-14 (approved).');
    const pending = await timeOff.execute(HrisTimeOffParams.parse({ start: '2027-01-01', end: '2027-12-31', status: 'requested' }), ctx());
    expect(pending.output.requests.map((r) => r.type)).toEqual(['Sick']);
    const backwards = HrisTimeOffParams.safeParse({ start: '2027-02-01', end: '2027-01-01' });
    expect(backwards.error?.issues[0]).toMatchObject({ path: ['end'], message: 'must not be before start' });
  });
});

describe('the BambooHR integration', () => {
  it('says what is missing, then tests the key by reading who it belongs to', async () => {
    const none = { settings: settingsWith({}), secrets: createMemorySecretStore() };
    expect(await bamboohrIntegration.setupProblem(none)).toBe('BambooHR is not set up: enter your company domain in Integrations › BambooHR (HRIS).');
    const noKey = { settings: settingsWith({ bamboohr: { companyDomain: 'acme', apiBaseUrl: fake.url } }), secrets: createMemorySecretStore() };
    expect(await bamboohrIntegration.setupProblem(noKey)).toMatch(/The BambooHR API key is not set: create one in BambooHR \(your name → API Keys\) and paste it in Integrations › BambooHR \(HRIS\)/);
    const { settings, secrets } = setup();
    const ok = await bamboohrIntegration.test({ settings, secrets });
    expect(ok).toEqual({ ok: true, message: 'Connected to BambooHR company "acme" as Hana Ito.', account: 'Hana Ito (acme)' });
    const wrong = setup({ key: 'nope' });
    const refused = await bamboohrIntegration.test({ settings: wrong.settings, secrets: wrong.secrets });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/did not accept the credentials/);
    expect(() => settingsWith({ bamboohr: { companyDomain: 'https://acme.bamboohr.com' } })).toThrow(/the part before \.bamboohr\.com/);
  });
});
