/**
 * Steward's local OpenAI-compatible API backed by a REAL LocalLlamaProvider on the generated tiny
 * GGUF, used through the official `openai` client and through Steward's own
 * OpenAiCompatibleProvider (real model, real server, real clients). Random weights mean the text
 * is gibberish, so these tests check what a client relies on: shapes, lengths, finish reasons,
 * that streams add up and end, that grammar-constrained JSON really matches the schema sent, and
 * that embeddings have the model's size. One model is loaded for the whole file.
 */
import { OpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderAuthError } from '../../../src-main/core/llm/llm-errors.js';
import { openLlamaBackend } from '../../../src-main/core/llm/local/llama-backend.js';
import { LocalLlamaProvider } from '../../../src-main/core/llm/local/local-llama-provider.js';
import { generateLocalApiKey, startLocalApiServer, type LocalApiServer } from '../../../src-main/core/llm/local-api/local-api-server.js';
import { CLOUD_API_KEY_ACCOUNT, OpenAiCompatibleProvider } from '../../../src-main/core/llm/openai/openai-provider.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';

const MODEL_ID = 'steward-tiny';
/** The tiny model's hidden size (tiny-gguf.ts default embeddingLength): the length of every embedding. */
const EMBEDDING_SIZE = 128;

const Triage = z.object({
  mood: z.enum(['calm', 'busy', 'angry']),
  urgent: z.boolean(),
  priority: z.number().int().min(1).max(5),
  labels: z.array(z.enum(['billing', 'support', 'sales'])).max(2),
  note: z.string().max(12),
});

const user = (content: string) => [{ role: 'user' as const, content }];

/**
 * A length-limited answer reports about `max` completion tokens. Not exactly: LocalLlamaProvider
 * counts streamed pieces, and a last token that ends inside an incomplete UTF-8 character (common
 * with random bytes) is never streamed, so it reports max − 1 or − 2 where node-llama-cpp's token
 * meter says max. Tighten to toBe(max) once usage comes from the meter.
 */
function expectTokensUpTo(reported: number | undefined, max: number): void {
  expect(reported).toBeGreaterThanOrEqual(max - 3);
  expect(reported).toBeLessThanOrEqual(max);
}

let backend: Awaited<ReturnType<typeof openLlamaBackend>>;
let provider: LocalLlamaProvider;
let server: LocalApiServer;
let client: OpenAI;
let steward: OpenAiCompatibleProvider;
const key = generateLocalApiKey();

function stewardClient(apiKey: string): OpenAiCompatibleProvider {
  return new OpenAiCompatibleProvider({
    baseUrl: server.url,
    model: server.modelName,
    apiKey: { mode: 'required', secrets: createMemorySecretStore({ [CLOUD_API_KEY_ACCOUNT]: apiKey }) },
    timeoutMs: 20_000,
    retry: { maxAttempts: 1 },
  });
}

beforeAll(async () => {
  backend = await openLlamaBackend('auto');
  provider = await LocalLlamaProvider.open({ modelPath: tinyLlamaGgufPath(), modelId: MODEL_ID, sequences: 2, contextSize: 2048, llama: backend });
  server = await startLocalApiServer({ provider, apiKey: key, port: 0 });
  client = new OpenAI({ baseURL: server.url, apiKey: key, maxRetries: 0, timeout: 20_000 });
  steward = stewardClient(key);
});

afterAll(async () => {
  await server?.close();
  await provider?.close();
  await backend?.llama.dispose();
});

describe('local API on a real tiny model, through the openai client', () => {
  it('lists the loaded model under its id', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual([MODEL_ID]);
    expect((await client.models.retrieve(MODEL_ID)).owned_by).toBe('steward');
  });

  it('answers a non-streaming chat completion with generated text and honest usage', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL_ID,
      messages: [{ role: 'system', content: 'Be brief.' }, ...user('Say something.')],
      max_tokens: 16,
      temperature: 0,
    });
    const choice = completion.choices[0];
    expect(choice?.message.role).toBe('assistant');
    expect(typeof choice?.message.content).toBe('string');
    expect(choice?.message.content?.length).toBeGreaterThan(0);
    // Random weights never end a turn on their own, so the answer runs into max_tokens.
    expect(choice?.finish_reason).toBe('length');
    expectTokensUpTo(completion.usage?.completion_tokens, 16);
    // Byte-level vocabulary: the prompt is at least as many tokens as its characters.
    expect(completion.usage?.prompt_tokens).toBeGreaterThan('Be brief.Say something.'.length);
    expect(completion.model).toBe(MODEL_ID);

    const viaSteward = await steward.chat({ messages: user('Say something else.'), maxTokens: 12, temperature: 0 });
    expect(viaSteward.text.length).toBeGreaterThan(0);
    expect(viaSteward.finishReason).toBe('length');
    expectTokensUpTo(viaSteward.usage.completionTokens, 12);
  });

  it('streams chunks that add up to a non-empty answer and then finish', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL_ID,
      messages: user('Stream a few words.'),
      max_tokens: 20,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const content = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(content.length).toBeGreaterThan(0);
    // More than one piece of text arrived before the end: it really streamed.
    expect(chunks.filter((c) => (c.choices[0]?.delta.content ?? '').length > 0).length).toBeGreaterThan(1);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('length');
    expectTokensUpTo(chunks.at(-1)?.usage?.completion_tokens, 20);

    const pieces: string[] = [];
    const viaSteward = await steward.chat({ messages: user('Stream again.'), maxTokens: 10, temperature: 0, onToken: (t) => pieces.push(t) });
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(viaSteward.text);
    expect(viaSteward.finishReason).toBe('length');
  });

  it('serves two clients at once from the sequence pool', async () => {
    const ask = (text: string) => client.chat.completions.create({ model: MODEL_ID, messages: user(text), max_tokens: 8, temperature: 0 });
    const [a, b] = await Promise.all([ask('First client.'), ask('Second client.')]);
    for (const completion of [a, b]) {
      expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);
      expectTokensUpTo(completion.usage?.completion_tokens, 8);
    }
  });

  it('returns grammar-constrained JSON that parses and matches the json_schema sent', async () => {
    const schema = z.toJSONSchema(Triage) as Record<string, unknown>;
    const completion = await client.chat.completions.create({
      model: MODEL_ID,
      messages: user('Triage this email: "Where is my invoice?"'),
      max_tokens: 200,
      response_format: { type: 'json_schema', json_schema: { name: 'Triage', schema, strict: true } },
    });
    const content = completion.choices[0]?.message.content ?? '';
    const parsed = Triage.safeParse(JSON.parse(content));
    expect(parsed.success, content).toBe(true);
    expect(completion.choices[0]?.finish_reason).toBe('stop');

    // Steward's own cloud provider asks for the same thing as response_format json_schema.
    const result = await steward.chatJson({ messages: user('Triage: "The site is down!"'), schema: Triage, schemaName: 'Triage', maxTokens: 200 });
    expect(Triage.safeParse(result.value).success).toBe(true);
  });

  it("embeds into vectors of the model's embedding size, float and base64 alike", async () => {
    // The SDK asks for base64 by default and decodes it.
    const viaSdk = await client.embeddings.create({ model: MODEL_ID, input: ['invoice overdue', 'team lunch on friday'] });
    expect(viaSdk.data.map((d) => d.index)).toEqual([0, 1]);
    for (const item of viaSdk.data) {
      expect(item.embedding).toHaveLength(EMBEDDING_SIZE);
      expect(item.embedding.every(Number.isFinite)).toBe(true);
    }
    expect(viaSdk.data[0]?.embedding).not.toEqual(viaSdk.data[1]?.embedding);
    expect(viaSdk.usage.prompt_tokens).toBeGreaterThan(0);

    const [again] = await steward.embed(['invoice overdue']);
    expect(again).toHaveLength(EMBEDDING_SIZE);
    // Float over the wire and base64 over the wire carry the same numbers (to float32 precision).
    again!.forEach((v, i) => expect(v).toBeCloseTo(viaSdk.data[0]!.embedding[i]!, 5));
  });

  it('refuses a wrong key with 401 before the model does any work', async () => {
    const before = provider.stats()!;
    const wrong = new OpenAI({ baseURL: server.url, apiKey: 'sk-wrong-key-0123456789abcdef', maxRetries: 0 });
    const error = await wrong.chat.completions.create({ model: MODEL_ID, messages: user('hi'), max_tokens: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);

    await expect(stewardClient('sk-wrong-key-0123456789abcdef').chat({ messages: user('hi'), maxTokens: 4 })).rejects.toBeInstanceOf(ProviderAuthError);

    const after = provider.stats()!;
    expect(after.inputTokensEvaluated).toBe(before.inputTokensEvaluated);
    expect(after.outputTokensGenerated).toBe(before.outputTokensGenerated);
  });
});
