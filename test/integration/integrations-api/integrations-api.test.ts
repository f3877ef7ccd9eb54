import { afterEach, describe, expect, it } from 'vitest';
import { INTEGRATIONS_METHODS, type IntegrationsMethodName } from '../../../src-preload/schemas/integrations-api.js';
import { SettingsSchema, type Settings } from '../../../src-preload/schemas/settings.js';
import { integrationsHandlers } from '../../../src-main/core/api/handlers/integrations.js';
import type { Core } from '../../../src-main/core/core-types.js';
import { INTEGRATIONS } from '../../../src-main/core/integrations/index.js';
import { IntegrationService } from '../../../src-main/core/integrations/integration-service.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { parseOrThrow } from '../../../src-main/core/validation.js';
import { startOpenAiFake, type OpenAiFake } from '../../fakes/openai-fake.js';
import { startSilentServer, startSmtpFixture } from '../../unit/tools/helpers/smtp-fixture.js';

const PASSWORD = 'correct-horse-battery-staple';
const CLOUD_KEY = 'sk-test-0123456789abcdefghij';

type Deps = { core: Core; integrations: IntegrationService };

/** Just what the handlers reach: settings, the keychain and the core's one IntegrationService over them. */
function fakeCore(settings: unknown, secrets: Record<string, string> = {}): { core: Deps; store: ReturnType<typeof createMemorySecretStore> } {
  const store = createMemorySecretStore(secrets);
  const value: Settings = SettingsSchema.parse(settings);
  const core = { settings: { get: () => value }, secrets: store } as unknown as Core;
  return { core: { core, integrations: new IntegrationService(INTEGRATIONS, { secrets: store, settings: () => value }) }, store };
}

/** What the dispatcher does: validate input, run, validate output. */
async function call(deps: Deps, method: IntegrationsMethodName, input: unknown): Promise<unknown> {
  const spec = INTEGRATIONS_METHODS[method];
  const parsed = parseOrThrow(spec.input, input, `request "${method}"`);
  const handler = integrationsHandlers[method] as unknown as { run(input: unknown, deps: Deps): Promise<unknown> };
  return parseOrThrow(spec.output, await handler.run(parsed, deps), `${method} output`);
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('integrations.status and integrations.setSecret', () => {
  it('reports which secrets are present without returning any value', async () => {
    const { core } = fakeCore({}, { 'llm.cloud.apiKey': CLOUD_KEY });
    const status = await call(core, 'integrations.status', {});
    expect(status).toMatchObject({ cloudKeySet: true, smtpPasswordSet: false, keychain: { backend: 'memory' } });
    expect(JSON.stringify(status)).not.toContain(CLOUD_KEY);
  });

  it('stores and removes the SMTP password in the keychain', async () => {
    const { core, store } = fakeCore({});
    expect(await call(core, 'integrations.setSecret', { account: 'smtp.password', value: PASSWORD })).toEqual({ stored: true });
    expect(store.entries().get('smtp.password')).toBe(PASSWORD);
    expect(await call(core, 'integrations.status', {})).toMatchObject({ smtpPasswordSet: true });
    expect(await call(core, 'integrations.setSecret', { account: 'smtp.password', value: null })).toEqual({ stored: false });
    expect(store.entries().has('smtp.password')).toBe(false);
  });

  it('refuses accounts outside the allow-list and changes nothing', async () => {
    const { core, store } = fakeCore({}, { 'db.key': 'original-database-key' });
    await expect(call(core, 'integrations.setSecret', { account: 'db.key', value: 'overwritten' })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'account', message: expect.stringContaining('smtp.password') }],
    });
    expect(store.entries().get('db.key')).toBe('original-database-key');
  });
});

describe('integrations.test smtp (real smtp-server on 127.0.0.1)', () => {
  const smtpSettings = (port: number, user: string | null = 'ann') => ({
    integrations: { smtp: { host: '127.0.0.1', port, security: 'none', user, from: 'ann@example.com', timeoutSeconds: 2 } },
  });

  it('succeeds with the saved settings and the keychain password', async () => {
    const server = await startSmtpFixture({ user: 'ann', password: PASSWORD });
    cleanups.push(() => server.close());
    const { core } = fakeCore(smtpSettings(server.port), { 'smtp.password': PASSWORD });
    const result = (await call(core, 'integrations.test', { service: 'smtp' })) as { ok: boolean; message: string };
    expect(result.ok).toBe(true);
    expect(result.message).toContain(`127.0.0.1:${server.port}`);
    expect(server.authAttempts).toEqual([expect.objectContaining({ username: 'ann' })]);
  });

  it('says the login was refused without echoing the password', async () => {
    const server = await startSmtpFixture({ user: 'ann', password: 'the-real-one-xyz' });
    cleanups.push(() => server.close());
    const { core } = fakeCore(smtpSettings(server.port), { 'smtp.password': PASSWORD });
    const result = (await call(core, 'integrations.test', { service: 'smtp' })) as { ok: boolean; message: string };
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/did not accept the user name or password/);
    expect(result.message).not.toContain(PASSWORD);
    expect(result.message).not.toContain(Buffer.from(PASSWORD).toString('base64'));
  });

  it('names the missing password, the missing server and a refused connection', async () => {
    const server = await startSmtpFixture({ user: 'ann', password: PASSWORD });
    cleanups.push(() => server.close());
    expect(await call(fakeCore(smtpSettings(server.port)).core, 'integrations.test', { service: 'smtp' })).toMatchObject({ ok: false, message: expect.stringMatching(/password for "ann" is not set/) });
    expect(await call(fakeCore({}).core, 'integrations.test', { service: 'smtp' })).toMatchObject({ ok: false, message: expect.stringMatching(/No SMTP server is set up/) });
    const closed = await startSilentServer();
    const port = closed.port;
    await closed.close();
    expect(await call(fakeCore(smtpSettings(port, null)).core, 'integrations.test', { service: 'smtp' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Could not connect to the SMTP server 127\.0\.0\.1/),
    });
  });

  it('gives up on a server that never answers, within the configured timeout', async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const result = (await call(fakeCore(smtpSettings(silent.port, null)).core, 'integrations.test', { service: 'smtp' })) as { ok: boolean; message: string };
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/did not answer within 2 seconds/) });
  });
});

describe('integrations.test cloud (openai SDK against the local fake)', () => {
  let fake: OpenAiFake;
  const cloudSettings = (url: string) => ({ llm: { cloud: { enabled: true, baseUrl: url, model: 'gpt-4o-mini', timeoutSeconds: 2 } } });
  const modelList = { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1, owned_by: 'openai' }, { id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' }] };

  it('lists models with the keychain key and finds the configured one', async () => {
    fake = await startOpenAiFake();
    cleanups.push(() => fake.close());
    fake.reply('/v1/models', { status: 200, body: modelList });
    const result = await call(fakeCore(cloudSettings(fake.url), { 'llm.cloud.apiKey': CLOUD_KEY }).core, 'integrations.test', { service: 'cloud' });
    expect(result).toEqual({ ok: true, message: expect.stringContaining('2 models listed. The model "gpt-4o-mini" is available.') });
    expect(fake.requestsTo('/v1/models')[0]?.headers.authorization).toBe(`Bearer ${CLOUD_KEY}`);
  });

  it('explains a refused key, a missing key and a hanging server without leaking the key', async () => {
    fake = await startOpenAiFake();
    cleanups.push(() => fake.close());
    fake.reply('/v1/models', { status: 401, body: { error: { message: `Incorrect API key provided: ${CLOUD_KEY}`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } }, { hang: true });
    const core = fakeCore(cloudSettings(fake.url), { 'llm.cloud.apiKey': CLOUD_KEY }).core;
    const refused = (await call(core, 'integrations.test', { service: 'cloud' })) as { ok: boolean; message: string };
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/refused the API key \(HTTP 401\)/) });
    expect(refused.message).not.toContain(CLOUD_KEY);
    expect(await call(fakeCore(cloudSettings(fake.url)).core, 'integrations.test', { service: 'cloud' })).toMatchObject({ ok: false, message: expect.stringMatching(/No cloud API key is set/) });
    expect(await call(core, 'integrations.test', { service: 'cloud' })).toMatchObject({ ok: false, message: expect.stringMatching(/did not answer within 2 seconds/) });
  });
});
