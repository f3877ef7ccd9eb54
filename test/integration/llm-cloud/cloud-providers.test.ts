/**
 * Cloud providers side by side (issue 17): two OpenAI-compatible servers at once (local fakes
 * speaking the documented wire format, reached through the real openai SDK), each with its own
 * key in the keychain, its model list, a test, and one of them used as the router's cloud model
 * with its own key. The single cloud model of earlier versions is migrated with its key in place.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudProviderMethodSchemas } from '../../../src-preload/schemas/cloud-providers.js';
import { createCloudProvider } from '../../../src-main/core/llm/openai/cloud-provider-factory.js';
import { CLOUD_API_KEY_ACCOUNT } from '../../../src-main/core/llm/openai/openai-provider.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';
import { completionBody, errorBody, startOpenAiFake, type OpenAiFake } from '../../fakes/openai-fake.js';
import { createInProcessApi, type InProcessApi } from '../../unit/renderer/support/in-process-api.js';

const MODELS = '/v1/models';
const CHAT = '/v1/chat/completions';
const modelList = (...ids: string[]) => ({ status: 200, body: { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) } });

let ollama: OpenAiFake;
let router: OpenAiFake;
let t: TestCore;
let api: InProcessApi;

beforeEach(async () => {
  [ollama, router] = await Promise.all([startOpenAiFake(), startOpenAiFake()]);
  t = await createTestCore();
  api = createInProcessApi(t.core);
});
afterEach(async () => {
  await t.dispose();
  await Promise.all([ollama.close(), router.close()]);
});

async function userMessageOf(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).not.toBeNull();
  return (err as { message: string }).message;
}

describe('cloud providers', () => {
  it('keeps two providers side by side, each with its own key, models and test, and uses either one as the cloud model', async () => {
    const listed = CloudProviderMethodSchemas['cloudProviders.list'].output.parse(await api.call('cloudProviders.list', {}));
    expect(listed.providers).toEqual([]);
    expect(listed.presets.map((p) => [p.id, p.baseUrl])).toEqual([
      ['openai', 'https://api.openai.com/v1'],
      ['openrouter', 'https://openrouter.ai/api/v1'],
      ['ollama', 'http://127.0.0.1:11434/v1'],
      ['lmstudio', 'http://127.0.0.1:1234/v1'],
      ['vllm', 'http://127.0.0.1:8000/v1'],
      ['llamacpp', 'http://127.0.0.1:8080/v1'],
      ['custom', 'https://'],
    ]);

    const a = await api.call('cloudProviders.save', { preset: 'ollama', name: 'Ollama', baseUrl: ollama.url });
    const b = await api.call('cloudProviders.save', { preset: 'openrouter', name: 'OpenRouter', baseUrl: `${router.url}/`, apiKey: 'sk-or-router-key' });
    expect([a.id, b.id]).toEqual(['ollama', 'openrouter']);
    expect(b).toMatchObject({ baseUrl: router.url, keySet: true, inUse: false, enabled: true, model: null });
    expect(a.keySet).toBe(false);
    // The key is in the keychain under the provider's own account, never in settings.
    expect(await t.secrets.get('llm.cloudProviders.openrouter.apiKey')).toBe('sk-or-router-key');
    expect(JSON.stringify(await api.call('settings.get', {}))).not.toContain('sk-or-router-key');

    ollama.reply(MODELS, modelList('qwen3:4b', 'gemma3:4b'));
    router.reply(MODELS, modelList('openai/gpt-4o-mini', 'anthropic/claude-3.5-haiku'));
    expect((await api.call('cloudProviders.models', { id: 'ollama' })).models).toEqual(['gemma3:4b', 'qwen3:4b']);
    expect((await api.call('cloudProviders.models', { id: 'openrouter' })).models).toEqual(['anthropic/claude-3.5-haiku', 'openai/gpt-4o-mini']);
    expect(ollama.requestsTo(MODELS)[0]!.headers.authorization).toBe('Bearer no-key');
    expect(router.requestsTo(MODELS)[0]!.headers.authorization).toBe('Bearer sk-or-router-key');

    // Use B's model as the cloud model: the router's provider now sends B's key to B.
    const used = await api.call('cloudProviders.use', { id: 'openrouter', model: 'openai/gpt-4o-mini' });
    expect(used).toMatchObject({ inUse: true, model: 'openai/gpt-4o-mini' });
    const cloud = (await api.call('settings.get', {})).llm.cloud;
    expect(cloud).toMatchObject({ enabled: true, baseUrl: router.url, model: 'openai/gpt-4o-mini', providerId: 'openrouter' });
    router.reply(CHAT, { status: 200, body: completionBody({ content: 'from the router', model: 'openai/gpt-4o-mini' }) });
    expect((await createCloudProvider(cloud, t.secrets).chat({ messages: [{ role: 'user', content: 'hi' }] })).text).toBe('from the router');
    expect(router.requestsTo(CHAT)[0]!.headers.authorization).toBe('Bearer sk-or-router-key');
    expect((router.requestsTo(CHAT)[0]!.body as { model: string }).model).toBe('openai/gpt-4o-mini');

    // Switch to A: only one answers as the cloud model at a time.
    await api.call('cloudProviders.use', { id: 'ollama', model: 'qwen3:4b' });
    const after = await api.call('cloudProviders.list', {});
    expect(after.providers.map((p) => [p.id, p.inUse])).toEqual([
      ['ollama', true],
      ['openrouter', false],
    ]);

    // Disabling the provider in use switches the cloud model off; removing one deletes its key.
    await api.call('cloudProviders.save', { id: 'ollama', preset: 'ollama', name: 'Ollama', baseUrl: ollama.url, enabled: false });
    expect((await api.call('settings.get', {})).llm.cloud.enabled).toBe(false);
    expect(await api.call('cloudProviders.remove', { id: 'openrouter' })).toEqual({ removed: true });
    expect(await t.secrets.get('llm.cloudProviders.openrouter.apiKey')).toBeNull();
  });

  it('tests a connection and says what is wrong: a refused key, a wrong address, a model it does not list', async () => {
    await api.call('cloudProviders.save', { preset: 'openrouter', name: 'OpenRouter', baseUrl: router.url, apiKey: 'sk-wrong' });
    router.reply(MODELS, { status: 401, body: errorBody('Invalid API key', 'invalid_request_error', 'invalid_api_key') });
    const refused = await api.call('cloudProviders.test', { id: 'openrouter' });
    expect(refused).toMatchObject({ ok: false, models: [] });
    expect(refused.message).toMatch(/refused the API key \(HTTP 401\)\. Check the key and paste it again/);
    expect(refused.message).not.toContain('sk-wrong');

    router.reply(MODELS, { status: 404, body: errorBody('Not found', 'invalid_request_error') });
    expect((await api.call('cloudProviders.test', { id: 'openrouter' })).message).toMatch(/has no \/models endpoint \(HTTP 404\)\. Check the address — it usually ends in \/v1/);

    await api.call('cloudProviders.save', { id: 'openrouter', preset: 'openrouter', name: 'OpenRouter', baseUrl: router.url, model: 'gone/model' });
    router.reply(MODELS, modelList('openai/gpt-4o-mini'));
    const missing = await api.call('cloudProviders.test', { id: 'openrouter' });
    expect(missing).toMatchObject({ ok: false, models: ['openai/gpt-4o-mini'] });
    expect(missing.message).toMatch(/1 model listed, but not "gone\/model" — pick one of the listed models/);

    router.reply(MODELS, modelList('openai/gpt-4o-mini'));
    await api.call('cloudProviders.save', { id: 'openrouter', preset: 'openrouter', name: 'OpenRouter', baseUrl: router.url, model: 'openai/gpt-4o-mini' });
    expect(await api.call('cloudProviders.test', { id: 'openrouter' })).toMatchObject({ ok: true, message: 'Connected to OpenRouter: 1 model listed. "openai/gpt-4o-mini" is available.' });
  });

  it('refuses bad input by name and changes nothing', async () => {
    expect(await userMessageOf(api.call('cloudProviders.save', { preset: 'openai', name: 'Remote', baseUrl: 'http://api.example.com/v1' }))).toMatch(/must start with https:\/\//);
    expect(await userMessageOf(api.call('cloudProviders.save', { preset: 'nope' as never, name: 'X', baseUrl: ollama.url }))).toMatch(/must be one of openai, openrouter, ollama/);
    expect(await userMessageOf(api.call('cloudProviders.save', { id: 'missing', preset: 'ollama', name: 'X', baseUrl: ollama.url }))).toMatch(/No cloud provider "missing" is configured/);
    expect(await userMessageOf(api.call('cloudProviders.use', { id: 'missing' }))).toMatch(/No cloud provider "missing"/);
    await api.call('cloudProviders.save', { preset: 'ollama', name: 'Ollama', baseUrl: ollama.url });
    expect(await userMessageOf(api.call('cloudProviders.use', { id: 'ollama' }))).toMatch(/Ollama has no model chosen\. Press Test connection/);
    // A remote server without a key is told to add one before anything is sent.
    await api.call('cloudProviders.save', { preset: 'openai', name: 'OpenAI', baseUrl: 'https://api.openai.com/v1' });
    expect(await userMessageOf(api.call('cloudProviders.models', { id: 'openai' }))).toMatch(/needs an API key/);
    expect((await api.call('cloudProviders.list', {})).providers.map((p) => p.id)).toEqual(['ollama', 'openai']);
    expect((await api.call('settings.get', {})).llm.cloud.enabled).toBe(false);
  });

  it('migrates the single cloud model of earlier versions into a provider without moving or losing its key', async () => {
    await t.secrets.set(CLOUD_API_KEY_ACCOUNT, 'sk-legacy-key');
    await api.call('settings.update', { patch: { llm: { cloud: { enabled: true, baseUrl: router.url, model: 'legacy-model' } } } });
    const { providers } = await api.call('cloudProviders.list', {});
    expect(providers).toEqual([{ id: 'cloud', preset: 'custom', name: 'Cloud model', baseUrl: router.url, enabled: true, model: 'legacy-model', keySet: true, inUse: true }]);
    expect(await t.secrets.get(CLOUD_API_KEY_ACCOUNT)).toBe('sk-legacy-key');
    const cloud = (await api.call('settings.get', {})).llm.cloud;
    expect(cloud.providerId).toBe('cloud');
    router.reply(CHAT, { status: 200, body: completionBody({ content: 'still works' }) });
    expect((await createCloudProvider(cloud, t.secrets).chat({ messages: [{ role: 'user', content: 'hi' }] })).text).toBe('still works');
    expect(router.requestsTo(CHAT)[0]!.headers.authorization).toBe('Bearer sk-legacy-key');
    // Only once: a second read changes nothing.
    expect((await api.call('cloudProviders.list', {})).providers).toHaveLength(1);
  });
});
