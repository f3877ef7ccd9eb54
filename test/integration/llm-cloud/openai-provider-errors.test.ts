/**
 * The OpenAI-compatible provider, through the real `openai` SDK, against a local fake that
 * follows OpenAI's wire format: retries, typed errors, timeouts, JSON repair and key hygiene.
 */
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toErrorPayload } from '../../../src-main/core/errors.js';
import { InvalidModelOutputError, ProviderAuthError, ProviderFailedError, ProviderTimeoutError } from '../../../src-main/core/llm/llm-errors.js';
import { createCloudProvider } from '../../../src-main/core/llm/openai/cloud-provider-factory.js';
import { CLOUD_API_KEY_ACCOUNT, OpenAiCompatibleProvider, type OpenAiProviderOptions } from '../../../src-main/core/llm/openai/openai-provider.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { completionBody, embeddingsBody, errorBody, startOpenAiFake, streamChunks, type OpenAiFake } from '../../fakes/openai-fake.js';

const KEY = 'sk-test-DO-NOT-LEAK-0123456789abcdef';
const CHAT = '/v1/chat/completions';
const user = (content: string) => [{ role: 'user' as const, content }];

describe('OpenAiCompatibleProvider against the OpenAI fake', () => {
  let fake: OpenAiFake;
  beforeEach(async () => {
    fake = await startOpenAiFake();
  });
  afterEach(async () => {
    await fake.close();
  });

  function provider(overrides: Partial<OpenAiProviderOptions> = {}) {
    return new OpenAiCompatibleProvider({
      baseUrl: fake.url,
      model: 'gpt-4o-mini',
      apiKey: { mode: 'required', secrets: createMemorySecretStore({ [CLOUD_API_KEY_ACCOUNT]: KEY }) },
      retry: { baseDelayMs: 1, maxDelayMs: 2_000, maxAttempts: 3 },
      timeoutMs: 5_000,
      ...overrides,
    });
  }

  it('sends the saved key and returns text, usage and cost from the price table', async () => {
    fake.reply(CHAT, { status: 200, body: completionBody({ content: 'Done.', usage: { prompt_tokens: 1000, completion_tokens: 500 } }) });
    const cloud = provider();
    const result = await cloud.chat({ messages: user('hi'), maxTokens: 50, temperature: 0.2 });
    expect(result).toMatchObject({ text: 'Done.', finishReason: 'stop', usage: { promptTokens: 1000, completionTokens: 500 }, provider: 'cloud', model: 'gpt-4o-mini' });
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(fake.requests[0]?.body).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 50, temperature: 0.2 });
    // gpt-4o-mini: $0.15 in / $0.60 out per million tokens.
    expect(cloud.estimateCost(result.usage)).toBeCloseTo((1000 * 0.15 + 500 * 0.6) / 1e6, 12);
    expect(cloud.priceKnown).toBe(true);
  });

  it('marks a model missing from the price table as price unknown (cost 0)', () => {
    const custom = provider({ model: 'llama3.1:8b' });
    expect(custom.priceKnown).toBe(false);
    expect(custom.estimateCost({ promptTokens: 1e6, completionTokens: 1e6 })).toBe(0);
  });

  it('retries a 429 after the Retry-After the server asked for, then succeeds', async () => {
    fake.reply(
      CHAT,
      { status: 429, body: errorBody('Rate limit reached', 'requests', 'rate_limit_exceeded'), headers: { 'retry-after': '0.05' } },
      { status: 200, body: completionBody({ content: 'after retry' }) },
    );
    const result = await provider().chat({ messages: user('hi') });
    expect(result.text).toBe('after retry');
    expect(fake.requestsTo(CHAT)).toHaveLength(2);
  });

  it('gives up at once when Retry-After is longer than it is willing to wait', async () => {
    fake.reply(CHAT, { status: 429, body: errorBody('Rate limit reached', 'requests', 'rate_limit_exceeded'), headers: { 'retry-after': '3600' } });
    const error = await provider().chat({ messages: user('hi') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderFailedError);
    expect((error as ProviderFailedError).userMessage).toMatch(/rate limited/);
    expect(fake.requestsTo(CHAT)).toHaveLength(1);
  });

  it('turns a persistent 500 into a typed error after the capped number of attempts', async () => {
    const failure = { status: 500, body: errorBody('The server had an error', 'server_error') };
    fake.reply(CHAT, failure, failure, failure, failure);
    const error = await provider().chat({ messages: user('hi') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderFailedError);
    expect((error as ProviderFailedError).userMessage).toMatch(/HTTP 500.*tried 3 times/);
    expect(fake.requestsTo(CHAT)).toHaveLength(3);
  });

  it('does not retry a 400 and says what the server rejected', async () => {
    fake.reply(CHAT, { status: 400, body: errorBody("Invalid value for 'temperature'", 'invalid_request_error', null, 'temperature') });
    const error = await provider().chat({ messages: user('hi'), temperature: 1.5 }).catch((e: unknown) => e);
    expect((error as ProviderFailedError).userMessage).toMatch(/rejected the request \(HTTP 400: Invalid value for 'temperature'\)/);
    expect(fake.requestsTo(CHAT)).toHaveLength(1);
  });

  it('reports a refused key (401) without the key anywhere in the error', async () => {
    fake.reply(CHAT, { status: 401, body: errorBody(`Incorrect API key provided: ${KEY}.`, 'invalid_request_error', 'invalid_api_key') });
    const error = await provider().chat({ messages: user('hi') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderAuthError);
    expect((error as ProviderAuthError).userMessage).toMatch(/rejected the saved API key/);
    expect(fake.requestsTo(CHAT)).toHaveLength(1);
    for (const text of [inspect(error, { depth: 10 }), String((error as Error).stack), JSON.stringify(toErrorPayload(error)), JSON.stringify(error)]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain('DO-NOT-LEAK');
    }
  });

  it('scrubs the key from a 400 message that echoes it', async () => {
    fake.reply(CHAT, { status: 400, body: errorBody(`bad header ${KEY}`, 'invalid_request_error') });
    const error = await provider().chat({ messages: user('hi') }).catch((e: unknown) => e);
    expect(inspect(error, { depth: 10 })).not.toContain('DO-NOT-LEAK');
    expect((error as ProviderFailedError).userMessage).toContain('[redacted]');
  });

  it('asks for a key before calling when none is saved, and calls no server', async () => {
    const cloud = provider({ apiKey: { mode: 'required', secrets: createMemorySecretStore() } });
    const error = await cloud.chat({ messages: user('hi') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderAuthError);
    expect((error as ProviderAuthError).userMessage).toMatch(/No API key is saved.*Add one in Integrations › Cloud model\./);
    expect(fake.requests).toHaveLength(0);
  });

  it('sends no Authorization header in no-key mode', async () => {
    fake.reply(CHAT, { status: 200, body: completionBody({ content: 'ok' }) });
    await provider({ apiKey: { mode: 'none' } }).chat({ messages: user('hi') });
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('lets a loopback server built from settings run without a saved key', async () => {
    fake.reply(CHAT, { status: 200, body: completionBody({ content: 'local ok' }) });
    const local = createCloudProvider({ enabled: true, baseUrl: fake.url, model: 'llama3.1', timeoutSeconds: 5 }, createMemorySecretStore());
    expect((await local.chat({ messages: user('hi') })).text).toBe('local ok');
    const remote = createCloudProvider({ enabled: true, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', timeoutSeconds: 5 }, createMemorySecretStore());
    await expect(remote.chat({ messages: user('hi') })).rejects.toBeInstanceOf(ProviderAuthError);
  });

  it('times out a server that never answers with ProviderTimeoutError', async () => {
    fake.reply(CHAT, { hang: true });
    const error = await provider({ timeoutMs: 200 }).chat({ messages: user('hi') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(fake.requestsTo(CHAT)).toHaveLength(1);
  });

  it('times out a stream that goes silent, keeping the shown text out of a retry', async () => {
    fake.reply(CHAT, { stream: streamChunks(['Hel', 'lo']), hangAfter: 2 });
    const pieces: string[] = [];
    const error = await provider({ timeoutMs: 300 })
      .chat({ messages: user('hi'), onToken: (t) => pieces.push(t) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(pieces).toEqual(['Hel']);
  });

  it('streams tokens and reads usage from the final chunk', async () => {
    fake.reply(CHAT, { stream: streamChunks(['Good', ' morning', '!'], { prompt_tokens: 9, completion_tokens: 3 }) });
    const pieces: string[] = [];
    const result = await provider().chat({ messages: user('hi'), onToken: (t) => pieces.push(t) });
    expect(pieces).toEqual(['Good', ' morning', '!']);
    expect(result).toMatchObject({ text: 'Good morning!', finishReason: 'stop', usage: { promptTokens: 9, completionTokens: 3 } });
    expect(fake.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('retries a stream that failed before showing any text', async () => {
    fake.reply(CHAT, { status: 503, body: errorBody('overloaded', 'server_error') }, { stream: streamChunks(['ok']) });
    const result = await provider().chat({ messages: user('hi'), onToken: () => undefined });
    expect(result.text).toBe('ok');
    expect(fake.requestsTo(CHAT)).toHaveLength(2);
  });

  it('returns the text shown so far when the caller aborts a stream', async () => {
    fake.reply(CHAT, { stream: streamChunks(['one', ' two', ' three']), hangAfter: 3 });
    const controller = new AbortController();
    const result = await provider().chat({
      messages: user('count'),
      signal: controller.signal,
      onToken: (t) => {
        if (t === ' two') controller.abort();
      },
    });
    expect(result.finishReason).toBe('aborted');
    expect(result.text).toBe('one two');
  });

  it('reads tool calls and sends tools as functions', async () => {
    fake.reply(CHAT, { status: 200, body: completionBody({ toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q":"invoices"}' }] }) });
    const result = await provider().chat({
      messages: user('find invoices'),
      tools: [{ name: 'lookup', description: 'Search', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
    });
    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([{ id: 'call_1', name: 'lookup', arguments: { q: 'invoices' } }]);
    expect(fake.requests[0]?.body).toMatchObject({ tools: [{ type: 'function', function: { name: 'lookup', description: 'Search' } }] });
  });

  it('treats tool arguments that are not JSON as invalid model output', async () => {
    fake.reply(CHAT, { status: 200, body: completionBody({ toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q": oops' }] }) });
    await expect(provider().chat({ messages: user('x'), tools: [{ name: 'lookup', description: '', parameters: {} }] })).rejects.toBeInstanceOf(InvalidModelOutputError);
  });

  describe('chatJson', () => {
    const Invoice = z.object({ customer: z.string(), amount: z.number().positive() });

    it('asks for strict json_schema output and returns the validated value', async () => {
      fake.reply(CHAT, { status: 200, body: completionBody({ content: '{"customer":"Acme","amount":120}', usage: { prompt_tokens: 20, completion_tokens: 8 } }) });
      const result = await provider().chatJson({ messages: user('invoice Acme 120'), schema: Invoice, schemaName: 'Invoice draft' });
      expect(result).toMatchObject({ value: { customer: 'Acme', amount: 120 }, repaired: false, usage: { promptTokens: 20, completionTokens: 8 } });
      const format = (fake.requests[0]?.body as { response_format: { type: string; json_schema: { name: string; strict: boolean; schema: { required: string[] } } } }).response_format;
      expect(format.type).toBe('json_schema');
      expect(format.json_schema.name).toBe('Invoice_draft');
      expect(format.json_schema.strict).toBe(true);
      expect(format.json_schema.schema.required).toEqual(['customer', 'amount']);
    });

    it('repairs one invalid answer by showing the model what was wrong', async () => {
      fake.reply(
        CHAT,
        { status: 200, body: completionBody({ content: '{"customer":"Acme","amount":-5}' }) },
        { status: 200, body: completionBody({ content: '{"customer":"Acme","amount":5}' }) },
      );
      const result = await provider().chatJson({ messages: user('invoice'), schema: Invoice, schemaName: 'Invoice' });
      expect(result.value.amount).toBe(5);
      expect(result.repaired).toBe(true);
      const repairMessages = (fake.requests[1]?.body as { messages: Array<{ role: string; content: string }> }).messages;
      expect(repairMessages.at(-2)).toMatchObject({ role: 'assistant', content: '{"customer":"Acme","amount":-5}' });
      expect(repairMessages.at(-1)?.content).toMatch(/amount/);
    });

    it('throws InvalidModelOutputError when the repair is still invalid', async () => {
      fake.reply(CHAT, { status: 200, body: completionBody({ content: 'Sure! Here it is' }) }, { status: 200, body: completionBody({ content: '{"customer":1}' }) });
      const error = await provider().chatJson({ messages: user('invoice'), schema: Invoice, schemaName: 'Invoice' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidModelOutputError);
      expect(fake.requestsTo(CHAT)).toHaveLength(2);
    });

    it('does not ask for strict mode when the schema has optional fields', async () => {
      fake.reply(CHAT, { status: 200, body: completionBody({ content: '{"customer":"A"}' }) });
      await provider().chatJson({ messages: user('x'), schema: z.object({ customer: z.string(), note: z.string().optional() }), schemaName: 'Loose' });
      expect((fake.requests[0]?.body as { response_format: { json_schema: { strict: boolean } } }).response_format.json_schema.strict).toBe(false);
    });

    it('drops strict mode when a server refuses it, and remembers that', async () => {
      fake.reply(
        CHAT,
        { status: 400, body: errorBody("Invalid schema for response_format 'Invoice'", 'invalid_request_error', null, 'response_format') },
        { status: 200, body: completionBody({ content: '{"customer":"A","amount":1}' }) },
        { status: 200, body: completionBody({ content: '{"customer":"B","amount":2}' }) },
      );
      const cloud = provider();
      expect((await cloud.chatJson({ messages: user('x'), schema: Invoice, schemaName: 'Invoice' })).value.customer).toBe('A');
      expect((await cloud.chatJson({ messages: user('y'), schema: Invoice, schemaName: 'Invoice' })).value.customer).toBe('B');
      const stricts = fake.requestsTo(CHAT).map((r) => (r.body as { response_format: { json_schema: { strict: boolean } } }).response_format.json_schema.strict);
      expect(stricts).toEqual([true, false, false]);
    });
  });

  it('embeds through /v1/embeddings in input order', async () => {
    fake.reply('/v1/embeddings', {
      status: 200,
      body: { ...embeddingsBody([[0, 1], [1, 0]]), data: [{ object: 'embedding', index: 1, embedding: [1, 0] }, { object: 'embedding', index: 0, embedding: [0, 1] }] },
    });
    const vectors = await provider().embed(['first', 'second']);
    expect(vectors).toEqual([[0, 1], [1, 0]]);
    expect(fake.requests[0]?.body).toMatchObject({ model: 'gpt-4o-mini', input: ['first', 'second'], encoding_format: 'float' });
  });

  it('counts tokens approximately and describes itself', async () => {
    const cloud = provider();
    expect(await cloud.countTokens('12345678')).toBe(2);
    expect(await cloud.info()).toMatchObject({ kind: 'openai', model: 'gpt-4o-mini', backend: 'remote' });
  });
});
