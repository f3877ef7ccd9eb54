/**
 * The local provider against a real node-llama-cpp load of the generated tiny GGUF: random
 * weights, so answers are gibberish, but tokenizer, chat template, grammar, sequences, KV cache
 * and embeddings are all the real thing. One model is loaded for the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LocalLlamaProvider } from '../../../src-main/core/llm/local/local-llama-provider.js';
import { openLlamaBackend, type BackendReport } from '../../../src-main/core/llm/local/llama-backend.js';
import { InvalidModelOutputError, ModelMissingError } from '../../../src-main/core/llm/llm-errors.js';
import { StewardError } from '../../../src-main/core/errors.js';
import type { ChatMessage, ToolDefinition } from '../../../src-main/core/llm/provider.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';
import { ToolCallFirstChatWrapper } from './tool-call-first-chat-wrapper.js';

const LONG_SYSTEM_PROMPT = `You are Steward, a careful assistant for a small business. ${'Always check the facts, cite the source, and ask before spending money. '.repeat(14)}`;

let backend: Awaited<ReturnType<typeof openLlamaBackend>>;
let provider: LocalLlamaProvider;

beforeAll(async () => {
  backend = await openLlamaBackend('auto');
  provider = await LocalLlamaProvider.open({ modelPath: tinyLlamaGgufPath(), modelId: 'tiny-test', sequences: 4, contextSize: 4096, llama: backend });
});

afterAll(async () => {
  await provider?.close();
  await backend?.llama.dispose();
});

function user(text: string): ChatMessage[] {
  return [{ role: 'user', content: text }];
}

describe('LocalLlamaProvider on a real tiny GGUF', () => {
  it('loads the model and reports the backend it chose and why', async () => {
    const info = await provider.info();
    const report: BackendReport = backend.report;
    expect(info).toMatchObject({ provider: 'local', kind: 'local', model: 'tiny-test', sequences: 4, contextSize: 4096, mmap: true });
    // llama.cpp's workers never take every core (Node's main thread samples tokens meanwhile).
    const cores = backend.llama.cpuMathCores;
    expect(info.threads).toBe(cores > 1 ? cores - 1 : 1);
    expect(info.backend).toBe(report.backend);
    expect(info.backendReason).toBe(report.reason);
    if (report.detected.length === 0) {
      // This machine has no GPU: CPU, and the user is told that is why.
      expect(info.backend).toBe('cpu');
      expect(info.gpu).toBeNull();
      expect(info.backendReason).toMatch(/No CUDA, Vulkan or Metal GPU was detected; running on the CPU/);
      expect(info.backendFellBack).toBe(false);
    } else {
      expect(info.backend === 'cpu').toBe(info.backendFellBack);
    }
  });

  it('counts tokens with the model tokenizer (byte-level: one token per byte, one per space)', async () => {
    expect(await provider.countTokens('hello world')).toBe(11);
    expect(await provider.countTokens('')).toBe(0);
    expect(provider.estimateCost({ promptTokens: 1000, completionTokens: 1000 })).toBe(0);
  });

  it('streams the answer: onToken pieces add up to the returned text', async () => {
    const pieces: string[] = [];
    const result = await provider.chat({ messages: user('Say something.'), maxTokens: 24, temperature: 0, onToken: (t) => pieces.push(t) });
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(result.text);
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.finishReason).toBe('length');
    expect(result.usage.completionTokens).toBe(24);
    expect(result.usage.promptTokens).toBeGreaterThan(5);
    expect(result.toolCalls).toEqual([]);
  });

  it('stops early when aborted and returns the partial text', async () => {
    const controller = new AbortController();
    const pieces: string[] = [];
    const result = await provider.chat({
      messages: user('Write a very long story.'),
      maxTokens: 3000,
      temperature: 0,
      signal: controller.signal,
      onToken: (t) => {
        pieces.push(t);
        if (pieces.length === 5) controller.abort();
      },
    });
    expect(result.finishReason).toBe('aborted');
    expect(result.text).toBe(pieces.join(''));
    expect(result.usage.completionTokens).toBeLessThan(100);
  });

  it('returns at once, aborted and empty, for a signal that was already aborted', async () => {
    const result = await provider.chat({ messages: user('Hi'), signal: AbortSignal.abort(), maxTokens: 50 });
    expect(result).toMatchObject({ finishReason: 'aborted', text: '' });
  });

  it('runs 4 requests at once on 4 sequences and queues the 5th until one is free', async () => {
    const events: Array<{ request: number; at: number }> = [];
    let clock = 0;
    const run = (request: number, maxTokens: number) =>
      provider.chat({ messages: user(`Question number ${request}?`), maxTokens, temperature: 0, onToken: () => events.push({ request, at: clock++ }) });
    const results = await Promise.all([run(0, 30), run(1, 30), run(2, 30), run(3, 30), run(4, 5)]);

    for (const r of results) expect(['length', 'stop']).toContain(r.finishReason);
    const first = (i: number) => events.find((e) => e.request === i)?.at ?? Infinity;
    const last = (i: number) => events.filter((e) => e.request === i).at(-1)?.at ?? -Infinity;
    const firstFinished = Math.min(...[0, 1, 2, 3].map(last));
    // Batching: all four pooled requests were producing tokens before any of them finished…
    for (const i of [0, 1, 2, 3]) expect(first(i)).toBeLessThan(firstFinished);
    // …and the fifth only started once a sequence was released.
    expect(first(4)).toBeGreaterThan(firstFinished);
  });

  it('returns a schema-valid object under a grammar built from the zod schema', async () => {
    const Triage = z.object({
      mood: z.enum(['calm', 'busy', 'angry']),
      urgent: z.boolean(),
      priority: z.number().int().min(1).max(5),
      labels: z.array(z.enum(['billing', 'support', 'sales'])).max(2),
      note: z.string().max(12),
    });
    const result = await provider.chatJson({ messages: user('Triage this email: "Where is my invoice?"'), schema: Triage, schemaName: 'Triage', maxTokens: 200 });
    expect(Triage.safeParse(result.value).success).toBe(true);
    expect(result.repaired).toBe(false);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
  });

  it('repairs once through the real model when zod rejects the first answer', async () => {
    let checks = 0;
    // The grammar guarantees the shape; a refinement the grammar cannot express fails once.
    const Flag = z.object({ ok: z.boolean() }).refine(() => ++checks > 1, { message: 'first answers are always rejected here' });
    const result = await provider.chatJson({ messages: user('Answer ok.'), schema: Flag, schemaName: 'Flag', maxTokens: 50 });
    expect(result.repaired).toBe(true);
    expect(typeof result.value.ok).toBe('boolean');
    expect(checks).toBe(2);
  });

  it('throws InvalidModelOutputError when the repaired answer is still invalid', async () => {
    const Never = z.object({ ok: z.boolean() }).refine(() => false, { message: 'never acceptable' });
    const error = await provider.chatJson({ messages: user('Answer.'), schema: Never, schemaName: 'Never', maxTokens: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidModelOutputError);
    expect((error as InvalidModelOutputError).code).toBe('provider_failed');
    expect((error as InvalidModelOutputError).userMessage).toMatch(/did not match the expected Never format, even after one repair attempt/);
  });

  it('reuses the evaluated system-prompt prefix: the second request evaluates far fewer tokens', async () => {
    const systemTokens = await provider.countTokens(LONG_SYSTEM_PROMPT);
    expect(systemTokens).toBeGreaterThan(900);
    const ask = (question: string) =>
      provider.chat({ messages: [{ role: 'system', content: LONG_SYSTEM_PROMPT }, { role: 'user', content: question }], maxTokens: 4, temperature: 0 });

    const before1 = provider.stats()!.inputTokensEvaluated;
    const first = await ask('What is on my calendar today?');
    const evaluated1 = provider.stats()!.inputTokensEvaluated - before1;
    // Something unrelated in between must not evict the prefix: it goes to another sequence.
    await provider.chat({ messages: [{ role: 'system', content: 'Other prompt.' }, { role: 'user', content: 'x' }], maxTokens: 4, temperature: 0 });
    const before2 = provider.stats()!.inputTokensEvaluated;
    const second = await ask('Draft a reply to Anna.');
    const evaluated2 = provider.stats()!.inputTokensEvaluated - before2;

    expect(evaluated1).toBeGreaterThanOrEqual(systemTokens);
    expect(evaluated2).toBeLessThan(evaluated1 / 10);
    expect(second.cachedPromptTokens).toBeGreaterThanOrEqual(systemTokens);
    expect(second.evaluatedPromptTokens).toBe(evaluated2);
    expect(first.usage.promptTokens - first.evaluatedPromptTokens).toBe(first.cachedPromptTokens);
  });

  it('warm-up evaluates the given system prompt so the first real request finds it cached', async () => {
    const system = `Warm-up prompt. ${'Be brief and precise. '.repeat(30)}`;
    await provider.warmUp({ systemPrompt: system });
    const result = await provider.chat({ messages: [{ role: 'system', content: system }, { role: 'user', content: 'First question' }], maxTokens: 2, temperature: 0 });
    expect(result.cachedPromptTokens).toBeGreaterThanOrEqual(await provider.countTokens(system));
  });

  it('embeds texts into vectors of the model embedding size, the same text always the same vector', async () => {
    const vectors = await provider.embed(['invoice overdue', 'team lunch on friday', 'invoice overdue']);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toHaveLength(128);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    expect(vectors[2]).toEqual(vectors[0]);
    expect(vectors[1]).not.toEqual(vectors[0]);
    expect(await provider.embed([])).toEqual([]);
  });

  it('embeds with a separate embedding model when one is configured', async () => {
    const withEmbedder = await LocalLlamaProvider.open({
      modelPath: tinyLlamaGgufPath(),
      embeddingModelPath: tinyLlamaGgufPath({ seed: 4, embeddingLength: 64, blockCount: 1 }),
      sequences: 1,
      contextSize: 2048,
      llama: backend,
    });
    try {
      const [vector] = await withEmbedder.embed(['quarterly report']);
      expect(vector).toHaveLength(64);
      expect((await withEmbedder.info()).embeddingModel).toMatch(/^tiny-llama-.*\.gguf$/);
    } finally {
      await withEmbedder.close();
    }
    const missing = new LocalLlamaProvider({ modelPath: tinyLlamaGgufPath(), embeddingModelPath: '/nowhere/bge-small.gguf', sequences: 1, contextSize: 2048, llama: backend });
    try {
      const error = await missing.embed(['x']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelMissingError);
      expect((error as ModelMissingError).userMessage).toMatch(/^The embedding model "bge-small" was not found at \/nowhere\/bge-small.gguf\. Download it with `npm run models -- pull bge-small`/);
      // The chat model itself is fine.
      expect((await missing.chat({ messages: user('hi'), maxTokens: 2, temperature: 0 })).usage.completionTokens).toBe(2);
    } finally {
      await missing.close();
    }
  });

  it("gives each sequence up to 32K tokens of context with the 'auto' setting when memory allows, and says why", async () => {
    const longModel = tinyLlamaGgufPath({ contextLength: 65_536 });
    const auto = await LocalLlamaProvider.open({ modelPath: longModel, sequences: 2, llama: backend });
    try {
      const info = await auto.info();
      expect(info.contextSize).toBe(32_768);
      expect(info.sequences).toBe(2);
      expect(info.contextReason).toBe('32K tokens per sequence: memory allows the longest automatic context');
      // A prompt longer than the old 8K default fits in one request.
      const longPrompt = 'ledger '.repeat(1600); // ~11k tokens with the byte-level vocabulary
      const result = await auto.chat({ messages: user(longPrompt), maxTokens: 1, temperature: 0 });
      expect(result.usage.promptTokens).toBeGreaterThan(8192);
    } finally {
      await auto.close();
    }
    // A model trained for less gets its full trained length, not more.
    const short = await LocalLlamaProvider.open({ modelPath: tinyLlamaGgufPath({ contextLength: 4096 }), sequences: 1, contextSize: 'auto', llama: backend });
    try {
      expect(await short.info()).toMatchObject({ contextSize: 4096, contextReason: '4K tokens per sequence: the longest the model was trained for' });
    } finally {
      await short.close();
    }
  });

  it('accepts a conversation that contains earlier tool calls and their results', async () => {
    const tools: ToolDefinition[] = [{ name: 'lookup_invoice', description: 'Find an invoice', parameters: { type: 'object', properties: { number: { type: 'string' } }, required: ['number'] } }];
    const base: ChatMessage[] = [{ role: 'user', content: 'Is invoice 42 paid?' }];
    const withResult: ChatMessage[] = [
      ...base,
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'lookup_invoice', arguments: { number: '42' } }] },
      { role: 'tool', toolCallId: 'call_1', name: 'lookup_invoice', content: '{"status":"paid","paidOn":"2024-05-01"}' },
    ];
    const plain = await provider.chat({ messages: base, tools, maxTokens: 3, temperature: 0 });
    const continued = await provider.chat({ messages: withResult, tools, maxTokens: 3, temperature: 0 });
    // The call and its result are part of the prompt the model saw.
    expect(continued.usage.promptTokens).toBeGreaterThan(plain.usage.promptTokens + 20);
  });
});

describe('native function calling', () => {
  const SendEmail = z.object({ to: z.enum(['anna@example.com', 'ben@example.com']), urgent: z.boolean() });
  const tools: ToolDefinition[] = [
    { name: 'send_email', description: 'Send an email to a contact', parameters: z.toJSONSchema(SendEmail) as Record<string, unknown> },
    { name: 'get_time', description: 'Current time', parameters: { type: 'object', properties: {} } },
  ];

  it('returns the calls the model proposes, with schema-valid arguments, without running anything', async () => {
    const toolProvider = await LocalLlamaProvider.open({
      modelPath: tinyLlamaGgufPath(),
      sequences: 1,
      contextSize: 4096,
      llama: backend,
      chatWrapper: new ToolCallFirstChatWrapper(),
    });
    try {
      const result = await toolProvider.chat({ messages: user('Email Anna that the invoice is paid.'), tools, maxTokens: 120, temperature: 0 });
      expect(result.finishReason).toBe('tool_calls');
      expect(result.toolCalls.length).toBeGreaterThan(0);
      const call = result.toolCalls[0]!;
      expect(call.id).toMatch(/^call_[0-9a-f]{24}$/);
      expect(['send_email', 'get_time']).toContain(call.name);
      if (call.name === 'send_email') expect(SendEmail.safeParse(call.arguments).success).toBe(true);
      else expect(call.arguments).toEqual({});
    } finally {
      await toolProvider.close();
    }
    // Closed means closed: a later call gets a clear error, not a crash.
    await expect(toolProvider.chat({ messages: user('Hi') })).rejects.toBeInstanceOf(StewardError);
  });
});
