/**
 * Every OpenAI parameter the local API takes, through the official `openai` client, on a REAL
 * LocalLlamaProvider with the generated tiny GGUF. Random weights make the text gibberish but
 * deterministic under greedy decoding, so each parameter is checked by what it must change:
 * a seed repeats an answer, a tiny top_p equals greedy, a stop sequence cuts the greedy answer
 * where it occurs, penalties change a looping answer. What node-llama-cpp cannot do is refused
 * with OpenAI's error shape naming the parameter.
 */
import { OpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLlamaBackend } from '../../../src-main/core/llm/local/llama-backend.js';
import { LocalLlamaProvider } from '../../../src-main/core/llm/local/local-llama-provider.js';
import { generateLocalApiKey, startLocalApiServer, type LocalApiServer } from '../../../src-main/core/llm/local-api/local-api-server.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';

const MODEL_ID = 'steward-tiny';
const CONTEXT = 2048;
const user = (content: string) => [{ role: 'user' as const, content }];

let backend: Awaited<ReturnType<typeof openLlamaBackend>>;
let provider: LocalLlamaProvider;
let server: LocalApiServer;
let client: OpenAI;
const key = generateLocalApiKey();

beforeAll(async () => {
  backend = await openLlamaBackend('auto');
  provider = await LocalLlamaProvider.open({ modelPath: tinyLlamaGgufPath(), modelId: MODEL_ID, sequences: 1, contextSize: CONTEXT, llama: backend });
  server = await startLocalApiServer({ provider, apiKey: key, port: 0 });
  client = new OpenAI({ baseURL: server.url, apiKey: key, maxRetries: 0, timeout: 60_000 });
});

afterAll(async () => {
  await server?.close();
  await provider?.close();
  await backend?.llama.dispose();
});

async function answer(params: Partial<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming>) {
  const completion = await client.chat.completions.create({ model: MODEL_ID, messages: user('Tell me about invoices.'), max_tokens: 24, temperature: 0, ...params });
  return { text: completion.choices[0]?.message.content ?? '', completion };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

describe('sampling parameters', () => {
  it('seed: the same seed repeats an answer at temperature 1, another seed changes it', async () => {
    const a = await answer({ temperature: 1, seed: 42 });
    const b = await answer({ temperature: 1, seed: 42 });
    const c = await answer({ temperature: 1, seed: 7 });
    expect(a.text.length).toBeGreaterThan(0);
    expect(b.text).toBe(a.text);
    expect(c.text).not.toBe(a.text);
  });

  it('top_p: a tiny nucleus leaves only the most likely token, so even temperature 1.5 answers greedily', async () => {
    const greedy = await answer({ temperature: 0 });
    const nucleus = await answer({ temperature: 1.5, top_p: 0.000001, seed: 3 });
    const wide = await answer({ temperature: 1.5, top_p: 1, seed: 3 });
    expect(nucleus.text).toBe(greedy.text);
    expect(wide.text).not.toBe(greedy.text);
  });

  it('stop: the answer ends just before the stop sequence, which it does not contain, with finish_reason stop', async () => {
    const greedy = await answer({ max_tokens: 40 });
    // A short piece of the greedy answer a few characters in, skipping replacement characters of split bytes.
    const at = [...greedy.text].findIndex((ch, i) => i >= 4 && /[\x21-\x7e]/.test(ch));
    expect(at, `no printable character in ${JSON.stringify(greedy.text)}`).toBeGreaterThan(0);
    const stopText = [...greedy.text][at]!;
    const cut = greedy.text.slice(0, greedy.text.indexOf(stopText));
    const stopped = await answer({ max_tokens: 40, stop: [stopText, 'never-appears'] });
    expect(stopped.text).toBe(cut);
    expect(stopped.text).not.toContain(stopText);
    expect(stopped.completion.choices[0]?.finish_reason).toBe('stop');
    const single = await answer({ max_tokens: 40, stop: stopText });
    expect(single.text).toBe(cut);
  });

  it('frequency_penalty and presence_penalty change a greedy answer that repeats itself', async () => {
    const plain = await answer({ max_tokens: 48 });
    const frequency = await answer({ max_tokens: 48, frequency_penalty: 2 });
    const presence = await answer({ max_tokens: 48, presence_penalty: 2 });
    expect(frequency.text).not.toBe(plain.text);
    expect(presence.text).not.toBe(plain.text);
  });

  it('out-of-range values are refused with the parameter named', async () => {
    const e = await refusal(answer({ top_p: 1.5 }));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/top_p/);
    expect((await refusal(answer({ frequency_penalty: 3 }))).message).toMatch(/frequency_penalty.*between -2 and 2/);
    expect((await refusal(answer({ stop: ['a', 'b', 'c', 'd', 'e'] }))).message).toMatch(/stop.*up to 4/);
  });
});

describe('what the engine cannot do is refused, not ignored', () => {
  it('logprobs and top_logprobs get a 400 naming the parameter', async () => {
    const e = await refusal(answer({ logprobs: true }));
    expect(e.status).toBe(400);
    expect((e.error as { param?: string }).param).toBe('logprobs');
    expect(e.code).toBe('unsupported_parameter');
    expect(e.message).toMatch(/log-probabilities/);
    expect((await refusal(answer({ top_logprobs: 3 }))).status).toBe(400);
    expect((await refusal(answer({ logit_bias: { '50256': -100 } }))).status).toBe(400);
    // Turning them off is fine.
    expect((await answer({ logprobs: false })).text.length).toBeGreaterThan(0);
  });
});

describe('model names', () => {
  it('an unknown model gets a 404 like /v1/models/<id> does; the answer says which model answered', async () => {
    const e = await refusal(answer({ model: 'gpt-4o' }));
    expect(e).toBeInstanceOf(OpenAI.NotFoundError);
    expect(e.message).toContain(`serves '${MODEL_ID}'`);
    expect(await client.models.retrieve('gpt-4o').catch((x: unknown) => x)).toBeInstanceOf(OpenAI.NotFoundError);
    const ok = await answer({});
    expect(ok.completion.model).toBe(MODEL_ID);
    expect((await client.models.list()).data.map((m) => m.id)).toEqual([MODEL_ID]);
  });
});

describe('answers, finish reasons and lengths', () => {
  it('n = 3 returns three choices, and usage counts the prompt once and every answer', async () => {
    const { completion } = await answer({ n: 3, temperature: 1, seed: 11, max_tokens: 6 });
    expect(completion.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(completion.choices.every((c) => c.finish_reason === 'length')).toBe(true);
    expect(completion.usage?.completion_tokens).toBe(18);
    expect((await refusal(answer({ n: 9 }))).message).toMatch(/n.*at most 8/);
  });

  it('n = 2 streams two choices, each ending with its own finish chunk', async () => {
    const stream = await client.chat.completions.create({ model: MODEL_ID, messages: user('Two, please.'), max_tokens: 5, temperature: 0, n: 2, stream: true });
    const text = ['', ''];
    const finished: (string | null | undefined)[] = [];
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (!choice) continue;
      text[choice.index] += choice.delta.content ?? '';
      if (choice.finish_reason) finished[choice.index] = choice.finish_reason;
    }
    expect(text[0]!.length).toBeGreaterThan(0);
    expect(text[1]).toBe(text[0]);
    expect(finished).toEqual(['length', 'length']);
  });

  it("finish_reason 'length' comes with exactly max_tokens completion tokens", async () => {
    for (const max of [1, 7, 19]) {
      const { completion } = await answer({ max_tokens: max });
      expect(completion.choices[0]?.finish_reason).toBe('length');
      expect(completion.usage?.completion_tokens).toBe(max);
    }
  });

  it('without max_tokens the answer may fill the context instead of stopping at a hidden 1,024 tokens', async () => {
    const completion = await client.chat.completions.create({ model: MODEL_ID, messages: user('Go on for as long as you can.'), temperature: 0 });
    expect(completion.usage?.completion_tokens).toBeGreaterThan(1024);
    expect(completion.usage!.completion_tokens + completion.usage!.prompt_tokens).toBeLessThanOrEqual(CONTEXT);
  });
});

describe('tool_choice', () => {
  const tools: OpenAI.Chat.ChatCompletionTool[] = [
    {
      type: 'function',
      function: {
        name: 'send_invoice',
        description: 'Send an invoice',
        parameters: { type: 'object', properties: { customer: { type: 'string', maxLength: 12 }, amount: { type: 'integer', minimum: 1, maximum: 999 } }, required: ['customer', 'amount'], additionalProperties: false },
      },
    },
    { type: 'function', function: { name: 'list_files', parameters: { type: 'object', properties: { folder: { type: 'string', maxLength: 12 } }, required: ['folder'], additionalProperties: false } } },
  ];

  it("'required' always yields a tool call whose arguments match one tool's schema", async () => {
    const { completion } = await answer({ tools, tool_choice: 'required', max_tokens: 200 });
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    const fn = (call as OpenAI.Chat.ChatCompletionMessageFunctionToolCall).function;
    const args = JSON.parse(fn.arguments) as Record<string, unknown>;
    if (fn.name === 'send_invoice') {
      expect(typeof args.customer).toBe('string');
      expect(Number.isInteger(args.amount)).toBe(true);
    } else {
      expect(fn.name).toBe('list_files');
      expect(typeof args.folder).toBe('string');
    }
  });

  it('a named function is the one called; an unknown name or no tools is a 400', async () => {
    const { completion } = await answer({ tools, tool_choice: { type: 'function', function: { name: 'list_files' } }, max_tokens: 200 });
    const call = completion.choices[0]?.message.tool_calls?.[0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('list_files');
    expect(typeof (JSON.parse(call.function.arguments) as { folder: unknown }).folder).toBe('string');

    const unknown = await refusal(answer({ tools, tool_choice: { type: 'function', function: { name: 'delete_everything' } } }));
    expect(unknown.status).toBe(400);
    expect(unknown.message).toMatch(/delete_everything.*send_invoice, list_files/);
    expect((await refusal(answer({ tool_choice: 'required' }))).message).toMatch(/no 'tools'/);
  });
});

describe('/v1/completions', () => {
  it('completes a prompt with text_completion objects, several prompts, n and echo', async () => {
    const plain = await client.completions.create({ model: MODEL_ID, prompt: 'Once upon a time', max_tokens: 12, temperature: 0 });
    expect(plain.object).toBe('text_completion');
    expect(plain.model).toBe(MODEL_ID);
    expect(plain.choices[0]?.text.length).toBeGreaterThan(0);
    expect(plain.choices[0]?.finish_reason).toBe('length');
    expect(plain.usage?.completion_tokens).toBe(12);

    const echoed = await client.completions.create({ model: MODEL_ID, prompt: ['Once upon a time', 'Dear Dana'], max_tokens: 4, temperature: 0, echo: true, n: 2 });
    expect(echoed.choices.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    expect(echoed.choices[0]?.text.startsWith('Once upon a time')).toBe(true);
    expect(echoed.choices[3]?.text.startsWith('Dear Dana')).toBe(true);

    // OpenAI's default of 16 tokens when max_tokens is left out.
    const defaults = await client.completions.create({ model: MODEL_ID, prompt: 'Once upon a time', temperature: 0 });
    expect(defaults.usage?.completion_tokens).toBe(16);
  });

  it('streams a completion and refuses suffix and logprobs', async () => {
    const stream = await client.completions.create({ model: MODEL_ID, prompt: 'Hello', max_tokens: 8, temperature: 0, stream: true });
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(finish).toBe('length');
    expect((await refusal(client.completions.create({ model: MODEL_ID, prompt: 'x', suffix: 'y' }))).status).toBe(400);
    expect((await refusal(client.completions.create({ model: MODEL_ID, prompt: 'x', logprobs: 2 }))).status).toBe(400);
    expect(await client.completions.create({ model: 'davinci-002', prompt: 'x' }).catch((e: unknown) => e)).toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe('CORS for browser clients', () => {
  it('answers the preflight without a key and marks every reply as readable by any page', async () => {
    const preflight = await fetch(`${server.url}/chat/completions`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-stainless-os' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-stainless-os');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');

    const listed = await fetch(`${server.url}/models`, { headers: { Origin: 'http://localhost:5173', Authorization: `Bearer ${key}` } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe('*');
    // The key still decides: the preflight opened nothing.
    const keyless = await fetch(`${server.url}/models`, { headers: { Origin: 'http://localhost:5173' } });
    expect(keyless.status).toBe(401);
    expect(((await keyless.json()) as { error: { message: string } }).error.message).toContain('Models screen, under Local API server');
  });
});
