/**
 * The router with a cloud provider chosen by name for a conversation (request.cloudProvider):
 * that provider answers alone (even with the app's cloud model off), images are judged by its own
 * model, every answer says where it came from, and the providers are rebuilt when their settings
 * change. Scripted providers stand in for the servers (the wire is covered by the integration
 * and e2e tests with the real openai SDK against local fakes).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Settings } from '../../../src-preload/schemas/settings.js';
import type { CloudSettings } from '../../../src-main/core/llm/openai/cloud-provider-factory.js';
import { ChosenCloudProviders } from '../../../src-main/core/llm/router/chosen-cloud-providers.js';
import { HybridRouter, type RouterSettings } from '../../../src-main/core/llm/router/hybrid-router.js';
import { ScriptedProvider } from '../../../src-main/core/llm/scripted-provider.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { answeredByText } from '../../../src-renderer/features/chat/answered-by.js';

type Providers = Settings['llm']['cloudProviders'];

function world(options: { cloudEnabled?: boolean } = {}) {
  let providers: Providers = [
    { id: 'openai', preset: 'openai', name: 'OpenAI', baseUrl: 'http://127.0.0.1:9001/v1', enabled: true, model: 'llama3.1' },
    { id: 'openrouter', preset: 'openrouter', name: 'OpenRouter', baseUrl: 'http://127.0.0.1:9002/v1', enabled: true, model: 'openai/gpt-4o-mini' },
  ];
  const settings = (): RouterSettings => ({
    cloud: { enabled: options.cloudEnabled ?? true, baseUrl: 'http://127.0.0.1:9001/v1', model: 'llama3.1', timeoutSeconds: 60, providerId: 'openai' },
    routing: { cloudComplexityThreshold: 0.6, fallbackTimeoutSeconds: 60, allowFallbackToCloud: true, allowFallbackToLocal: true },
    cloudProviders: providers,
    visionModels: {},
    localModel: 'local-3b.gguf',
  });
  const built: CloudSettings[] = [];
  const chosen = new ChosenCloudProviders({
    settings: () => ({ ...settings(), cloudProviders: providers }),
    secrets: createMemorySecretStore(),
    // Each built provider answers as the server it stands for: its model, its address in the text.
    create: (cloud) => {
      built.push(cloud);
      return new ScriptedProvider(
        { model: cloud.model, rules: [{ match: { call: 'chatJson' }, response: { type: 'json', value: cloud.baseUrl } }], fallback: { type: 'text', text: `answer from ${cloud.baseUrl}` } },
        { id: 'cloud' },
      );
    },
  });
  const local = new ScriptedProvider({ model: 'local-3b.gguf', fallback: { type: 'text', text: 'local answer' } }, { id: 'local' });
  const inUse = new ScriptedProvider({ model: 'llama3.1', fallback: { type: 'text', text: 'answer from the default' } }, { id: 'cloud' });
  const router = new HybridRouter({ local, cloud: inUse, settings, cloudFor: (id) => chosen.get(id) });
  return {
    router,
    built,
    setProviders: (next: Providers) => {
      providers = next;
    },
    providers: () => providers,
  };
}

const user = (content: string) => [{ role: 'user' as const, content }];
const image = { name: 'chart.png', mediaType: 'image/png', dataBase64: 'iVBORw0KGgo=' };

describe('a cloud provider chosen by name', () => {
  it('answers alone, even with the app’s cloud model off, and says where the answer came from', async () => {
    const w = world({ cloudEnabled: false });
    const viaB = await w.router.chat({ messages: user('hi'), slot: 'cloud', cloudProvider: 'openrouter' });
    expect(viaB).toMatchObject({ text: 'answer from http://127.0.0.1:9002/v1', model: 'openai/gpt-4o-mini', answeredBy: { location: 'cloud', provider: 'OpenRouter' } });
    // A JSON call (the intent of a turn) goes to the same provider.
    const json = await w.router.chatJson({ messages: user('hi'), slot: 'cloud', cloudProvider: 'openrouter', schemaName: 'where', schema: z.string() });
    expect(json).toMatchObject({ value: 'http://127.0.0.1:9002/v1', answeredBy: { location: 'cloud', provider: 'OpenRouter' } });
    const auto = await w.router.chat({ messages: user('hi') });
    expect(auto).toMatchObject({ text: 'local answer', answeredBy: { location: 'local', provider: null } });
  });

  it('the cloud model in use is named by its provider', async () => {
    const w = world();
    expect(await w.router.chat({ messages: user('hi'), slot: 'cloud' })).toMatchObject({ text: 'answer from the default', answeredBy: { location: 'cloud', provider: 'OpenAI' } });
  });

  it('judges images by the chosen provider’s model: one that reads them gets them, a text-only one refuses by name', async () => {
    const w = world();
    const withImage = [{ role: 'user' as const, content: 'what is this?', images: [image] }];
    expect((await w.router.chat({ messages: withImage, slot: 'cloud', cloudProvider: 'openrouter' })).answeredBy).toEqual({ location: 'cloud', provider: 'OpenRouter' });
    await expect(w.router.chat({ messages: withImage, slot: 'cloud', cloudProvider: 'openai' })).rejects.toThrow(/The cloud model llama3\.1 is not known to read images, so it cannot look at “chart\.png”/);
  });

  it('is rebuilt when its settings change, and refused with what to fix when it cannot answer', async () => {
    const w = world();
    await w.router.chat({ messages: user('hi'), slot: 'cloud', cloudProvider: 'openrouter' });
    await w.router.chat({ messages: user('hi'), slot: 'cloud', cloudProvider: 'openrouter' });
    expect(w.built).toHaveLength(1);
    w.setProviders(w.providers().map((p) => (p.id === 'openrouter' ? { ...p, model: 'qwen/qwen3-32b' } : p)));
    expect((await w.router.chat({ messages: user('hi'), slot: 'cloud', cloudProvider: 'openrouter' })).model).toBe('qwen/qwen3-32b');
    expect(w.built.map((c) => [c.model, c.providerId])).toEqual([
      ['openai/gpt-4o-mini', 'openrouter'],
      ['qwen/qwen3-32b', 'openrouter'],
    ]);

    w.setProviders(w.providers().map((p) => (p.id === 'openrouter' ? { ...p, enabled: false } : p)));
    await expect(w.router.chat({ messages: user('hi'), slot: 'cloud', cloudProvider: 'openrouter' })).rejects.toThrow(
      'This conversation is set to answer with OpenRouter, but OpenRouter is switched off: switch it on under Models › Cloud providers, or pick another model in the chat header.',
    );
    w.setProviders([
      ...w.providers().filter((p) => p.id !== 'openrouter'),
      { id: 'remote', preset: 'custom', name: 'Remote', baseUrl: 'https://models.example.com/v1', enabled: true, model: 'big' },
    ]);
    await expect(w.router.chat({ messages: user('hi'), slot: 'cloud', cloudProvider: 'remote' })).rejects.toThrow(/but no API key is saved for Remote: add it under Models › Cloud providers/);
    await expect(w.router.chat({ messages: user('hi'), slot: 'cloud', cloudProvider: 'openrouter' })).rejects.toThrow(/No cloud provider “openrouter” is configured/);
  });
});

describe('the reply footer’s “answered by”', () => {
  it('names the model and where it ran; a reply stored before that was recorded shows the model alone', () => {
    expect(answeredByText({ model: 'qwen2.5-1.5b', location: 'local', provider: null })).toBe('qwen2.5-1.5b · on this computer');
    expect(answeredByText({ model: 'gpt-4o-mini', location: 'cloud', provider: 'OpenRouter' })).toBe('gpt-4o-mini · OpenRouter');
    expect(answeredByText({ model: 'gpt-4o-mini', location: 'cloud', provider: null })).toBe('gpt-4o-mini · cloud');
    expect(answeredByText({ model: 'old-model' })).toBe('old-model');
  });
});
