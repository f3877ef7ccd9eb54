/**
 * The local OpenAI-compatible API server backed by the ScriptedProvider, used through the real
 * `openai` client (raw, and via Steward's OpenAiCompatibleProvider): real client, real server.
 */
import { createServer } from 'node:net';
import { OpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../../../src-main/core/errors.js';
import { ProviderAuthError, ProviderFailedError } from '../../../src-main/core/llm/llm-errors.js';
import type { ChatRequest, ChatResult } from '../../../src-main/core/llm/provider.js';
import { LocalApiHostRefusedError, LocalApiPortError } from '../../../src-main/core/llm/local-api/listen-local.js';
import { ensureLocalApiKey, generateLocalApiKey, LOCAL_API_KEY_ACCOUNT, startLocalApiServer, type LocalApiServer } from '../../../src-main/core/llm/local-api/local-api-server.js';
import { CLOUD_API_KEY_ACCOUNT, OpenAiCompatibleProvider } from '../../../src-main/core/llm/openai/openai-provider.js';
import { ScriptedProvider } from '../../../src-main/core/llm/scripted-provider.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';

const user = (content: string) => [{ role: 'user' as const, content }];

describe('local API server + openai client', () => {
  const key = generateLocalApiKey();
  const scripted = new ScriptedProvider({
    model: 'steward-test-model',
    embeddingDimensions: 4,
    embeddings: { alpha: [0.5, -0.25, 0.125, 1] },
    rules: [
      { match: { lastUser: '^stream me$' }, response: { type: 'text', text: 'Streaming works fine' } },
      { match: { lastUser: 'weather', hasTools: true }, response: { type: 'toolCalls', toolCalls: [{ id: 'call_w', name: 'get_weather', arguments: { city: 'Oslo' } }] } },
      { match: { lastUser: 'summarise tool' }, response: (call) => ({ type: 'text', text: `tool said ${call.messages.at(-1)?.content}` }) },
      { match: { call: 'chatJson', schemaName: 'Contact' }, response: { type: 'json', value: { name: 'Ada', email: 'ada@example.com' } } },
      { match: { call: 'chatJson', schemaName: 'json_object' }, response: { type: 'json', value: { ok: true } } },
      { match: { lastUser: 'slow' }, response: { type: 'text', text: 'a b c d e f g h', tokenDelayMs: 40 } },
      { match: { lastUser: 'hang' }, response: { type: 'hang' } },
    ],
    fallback: { type: 'text', text: 'Hello from Steward' },
  });
  let server: LocalApiServer;
  let client: OpenAI;
  let steward: OpenAiCompatibleProvider;

  beforeAll(async () => {
    server = await startLocalApiServer({ provider: scripted, apiKey: key, port: 0 });
    client = new OpenAI({ baseURL: server.url, apiKey: key, maxRetries: 0 });
    steward = new OpenAiCompatibleProvider({
      baseUrl: server.url,
      model: server.modelName,
      apiKey: { mode: 'required', secrets: createMemorySecretStore({ [CLOUD_API_KEY_ACCOUNT]: key }) },
      timeoutMs: 10_000,
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists the served model', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['steward-test-model']);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('answers a chat completion', async () => {
    const result = await steward.chat({ messages: [{ role: 'system', content: 'Be brief.' }, ...user('hi')], maxTokens: 20, temperature: 0 });
    expect(result).toMatchObject({ text: 'Hello from Steward', finishReason: 'stop', model: 'steward-test-model' });
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    const seen = scripted.requests.at(-1);
    expect(seen?.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(seen?.maxTokens).toBe(20);
  });

  it('streams token by token over SSE', async () => {
    const pieces: string[] = [];
    const result = await steward.chat({ messages: user('stream me'), onToken: (t) => pieces.push(t) });
    expect(pieces).toEqual(['Streaming', ' works', ' fine']);
    expect(result.text).toBe('Streaming works fine');
    expect(result.usage.completionTokens).toBe(3);

    // The raw client sees OpenAI's chunk shape and the usage chunk it asked for.
    const stream = await client.chat.completions.create({ model: 'steward-test-model', messages: user('stream me'), stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(3);
  });

  it('passes tools through and returns tool calls, then a tool result round trip', async () => {
    const tools = [{ name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
    const first = await steward.chat({ messages: user('what is the weather?'), tools });
    expect(first.finishReason).toBe('tool_calls');
    expect(first.toolCalls).toEqual([{ id: 'call_w', name: 'get_weather', arguments: { city: 'Oslo' } }]);
    expect(scripted.requests.at(-1)?.tools).toEqual(tools);

    const streamed = await steward.chat({ messages: user('weather again'), tools, onToken: () => undefined });
    expect(streamed.toolCalls).toEqual(first.toolCalls);

    const second = await steward.chat({
      messages: [
        ...user('summarise tool'),
        { role: 'assistant', content: '', toolCalls: first.toolCalls },
        { role: 'tool', content: 'sunny, 21°C', toolCallId: 'call_w', name: 'get_weather' },
      ],
      tools,
    });
    expect(second.text).toBe('tool said sunny, 21°C');
    // The wire only carries the call id; the server recovers the tool's name from the assistant turn.
    expect(scripted.requests.at(-1)?.messages.at(-1)).toEqual({ role: 'tool', content: 'sunny, 21°C', toolCallId: 'call_w', name: 'get_weather' });
  });

  it('returns json_schema output validated by the schema sent', async () => {
    const Contact = z.object({ name: z.string(), email: z.email() });
    const result = await steward.chatJson({ messages: user('who?'), schema: Contact, schemaName: 'Contact' });
    expect(result.value).toEqual({ name: 'Ada', email: 'ada@example.com' });
    expect(scripted.requests.at(-1)).toMatchObject({ kind: 'chatJson', schemaName: 'Contact' });

    const raw = await client.chat.completions.create({ model: 'steward-test-model', messages: user('anything'), response_format: { type: 'json_object' } });
    expect(JSON.parse(raw.choices[0]?.message.content ?? '')).toEqual({ ok: true });

    const streamed = await client.chat.completions.create({
      model: 'steward-test-model',
      messages: user('who?'),
      stream: true,
      response_format: { type: 'json_schema', json_schema: { name: 'Contact', schema: z.toJSONSchema(Contact) as Record<string, unknown> } },
    });
    let text = '';
    for await (const chunk of streamed) text += chunk.choices[0]?.delta.content ?? '';
    expect(JSON.parse(text)).toEqual({ name: 'Ada', email: 'ada@example.com' });
  });

  it('embeds as floats and as base64 (the SDK default)', async () => {
    expect(await steward.embed(['alpha', 'beta'])).toEqual([[0.5, -0.25, 0.125, 1], (await scripted.embed(['beta']))[0]]);
    const viaDefault = await client.embeddings.create({ model: 'steward-test-model', input: 'alpha' });
    expect(viaDefault.data[0]?.embedding).toEqual([0.5, -0.25, 0.125, 1]);
    expect(viaDefault.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('stops the model when the client aborts a stream', async () => {
    const controller = new AbortController();
    const pieces: string[] = [];
    const result = await steward.chat({
      messages: user('slow'),
      signal: controller.signal,
      onToken: (t) => {
        pieces.push(t);
        if (pieces.length === 2) controller.abort();
      },
    });
    expect(result.finishReason).toBe('aborted');
    expect(result.text).toBe('a b');
  });

  it('refuses a wrong or missing key with 401 in OpenAI error shape, never echoing the key', async () => {
    const wrong = new OpenAiCompatibleProvider({
      baseUrl: server.url,
      model: 'steward-test-model',
      apiKey: { mode: 'required', secrets: createMemorySecretStore({ [CLOUD_API_KEY_ACCOUNT]: 'sk-wrong-key-0123456789abcdef' }) },
    });
    await expect(wrong.chat({ messages: user('hi') })).rejects.toBeInstanceOf(ProviderAuthError);

    const missing = await fetch(`${server.url}/models`);
    expect(missing.status).toBe(401);
    const body = (await missing.json()) as { error: { code: string; message: string; type: string } };
    expect(body.error).toMatchObject({ code: 'invalid_api_key', type: 'invalid_request_error' });
    expect(body.error.message).toMatch(/Authorization: Bearer/);

    const bad = await fetch(`${server.url}/models`, { headers: { Authorization: 'Bearer sk-wrong-key-0123456789abcdef' } });
    expect(bad.status).toBe(401);
    expect(await bad.text()).not.toContain('sk-wrong-key');
  });

  it('rejects a bad body with 400 naming the field', async () => {
    const post = (body: unknown, path = '/chat/completions') =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const cases: Array<[unknown, string, string?]> = [
      [{ model: 'steward-test-model' }, 'messages'],
      [{ model: 'steward-test-model', messages: [{ role: 'wizard', content: 'hi' }] }, 'messages[0].role'],
      [{ model: 'steward-test-model', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] }, 'messages[0].content'],
      [{ model: 'steward-test-model', messages: user('hi'), temperature: 7 }, 'temperature'],
      [{ model: 'steward-test-model', messages: user('hi'), response_format: { type: 'json_schema', json_schema: { name: 'A', schema: { type: 'nonsense' } } } }, 'response_format.json_schema.schema'],
      [{ model: 'steward-test-model', input: [1, 2, 3] }, 'input', '/embeddings'],
    ];
    for (const [body, param, path] of cases) {
      const response = await post(body, path);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = ((await response.json()) as { error: { param: string; message: string } }).error;
      expect(error.param, JSON.stringify(body)).toBe(param);
      expect(error.message).toContain(param);
    }
    const notJson = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { Authorization: `Bearer ${key}` }, body: '{oops' });
    expect(notJson.status).toBe(400);
  });

  it('answers unknown paths with 404 and provider failures with a typed status', async () => {
    const response = await fetch(`${server.url}/audio/speech`, { method: 'POST', headers: { Authorization: `Bearer ${key}` }, body: '{}' });
    expect(response.status).toBe(404);

    const failing = new ScriptedProvider({ fallback: { type: 'error', error: 'timeout' } });
    const other = await startLocalApiServer({ provider: failing, apiKey: key, port: 0 });
    try {
      const result = await fetch(`${other.url}/chat/completions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}` },
        body: JSON.stringify({ model: other.modelName, messages: user('hi') }),
      });
      expect(result.status).toBe(504);
      expect(((await result.json()) as { error: { code: string } }).error.code).toBe('timeout');
    } finally {
      await other.close();
    }
  });

  it('moves to the next free port when the asked one is taken, or says so when told not to', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const moved = await startLocalApiServer({ provider: scripted, apiKey: key, port: taken });
      expect(moved.requestedPort).toBe(taken);
      expect(moved.port).not.toBe(taken);
      await moved.close();
      const error = await startLocalApiServer({ provider: scripted, apiKey: key, port: taken, portAttempts: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LocalApiPortError);
      expect((error as LocalApiPortError).userMessage).toContain(`Port ${taken}`);
    } finally {
      blocker.close();
    }
  });

  it('refuses to bind beyond loopback and refuses a weak key', async () => {
    await expect(startLocalApiServer({ provider: scripted, apiKey: key, host: '0.0.0.0', port: 0 })).rejects.toBeInstanceOf(LocalApiHostRefusedError);
    await expect(startLocalApiServer({ provider: scripted, apiKey: 'short', port: 0 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('reports a failure after the stream started as an error, without retrying the shown text', async () => {
    class FailsMidStream extends ScriptedProvider {
      override async chat(request: ChatRequest): Promise<ChatResult> {
        this.requests.push({ kind: 'chat', messages: request.messages, lastUserText: '', attempt: 0 });
        request.onToken?.('Par');
        throw new ProviderFailedError('local', 'it ran out of memory');
      }
    }
    const failing = new FailsMidStream();
    const other = await startLocalApiServer({ provider: failing, apiKey: key, port: 0 });
    try {
      const viaOther = new OpenAiCompatibleProvider({ baseUrl: other.url, model: other.modelName, apiKey: { mode: 'required', secrets: createMemorySecretStore({ [CLOUD_API_KEY_ACCOUNT]: key }) } });
      const pieces: string[] = [];
      const error = await viaOther.chat({ messages: user('hi'), onToken: (t) => pieces.push(t) }).catch((e: unknown) => e);
      expect(pieces).toEqual(['Par']);
      expect(error).toBeInstanceOf(ProviderFailedError);
      expect((error as ProviderFailedError).userMessage).toMatch(/stopped with an error while answering.*ran out of memory/);
      expect(failing.requests).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('keeps one local API key in the keychain', async () => {
    const secrets = createMemorySecretStore();
    const first = await ensureLocalApiKey(secrets);
    expect(first).toMatch(/^sk-steward-/);
    expect(await ensureLocalApiKey(secrets)).toBe(first);
    expect(await secrets.get(LOCAL_API_KEY_ACCOUNT)).toBe(first);
  });

  it('closes while a request hangs', async () => {
    const other = await startLocalApiServer({ provider: scripted, apiKey: key, port: 0 });
    const pending = fetch(`${other.url}/chat/completions`, { method: 'POST', headers: { Authorization: `Bearer ${key}` }, body: JSON.stringify({ model: other.modelName, messages: user('hang') }) }).catch(
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 50));
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
