/**
 * LlmProvider for any OpenAI-compatible chat-completions server (OpenAI, Ollama, vLLM, LM Studio,
 * llama.cpp's server, Steward's own local API) on the official `openai` SDK.
 *
 * The SDK's own retries are off: ours honour Retry-After, add jitter, stop on 400/401/403 and
 * never retry a stream that already showed text to the user. The key is read from the keychain
 * for every call (so a key changed in Settings applies at once) and is scrubbed from every error.
 */
import { BadRequestError, OpenAI } from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { StewardError } from '../../errors.js';
import type { SecretStore } from '../../ports.js';
import { completeJsonWithRepair } from '../json-repair.js';
import { ProviderAuthError, ProviderCancelledError, ProviderTimeoutError } from '../llm-errors.js';
import { costOf, priceFor, type ModelPrice, type PriceAware } from '../pricing.js';
import type { ChatJsonRequest, ChatJsonResult, ChatMessage, ChatRequest, ChatResult, LlmProvider, ProviderInfo, TokenUsage } from '../provider.js';
import { afterAttempts, hostOf, mapCloudError } from './openai-errors.js';
import {
  approximatePromptTokens,
  approximateTokens,
  parseToolCalls,
  responseFormatFor,
  toFinishReason,
  toOpenAiMessages,
  toOpenAiTools,
  ToolCallAccumulator,
} from './openai-wire.js';
import { sleepUnlessAborted } from '../../async/sleep.js';
import { StallTimer } from '../../async/stall-timer.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy.js';

/** Keychain account of the cloud API key (settings never hold it). */
export const CLOUD_API_KEY_ACCOUNT = 'llm.cloud.apiKey';

/**
 * Where the key comes from. 'required': a missing key is an error (api.openai.com and other
 * remote services). 'optional': send the saved key if there is one, else none (a local server
 * that may or may not check keys). 'none': never read the keychain (a server known to need no key).
 */
export type ApiKeySource = { mode: 'required' | 'optional'; secrets: SecretStore; account?: string } | { mode: 'none' };

export interface OpenAiProviderOptions {
  /** Provider id in results and the call log. */
  id?: string;
  baseUrl: string;
  model: string;
  /** Model for /v1/embeddings; defaults to text-embedding-3-small on api.openai.com, else the chat model. */
  embeddingModel?: string;
  apiKey: ApiKeySource;
  /** Per attempt; for streams, the longest silence between two pieces. Default 60 s (settings.llm.cloud.timeoutSeconds). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Reported by info(); servers do not tell us, so this is configuration. */
  contextSize?: number;
  /** Overrides the price table (e.g. a self-hosted model the user prices at 0). */
  price?: ModelPrice;
  /** How errors name it (a provider's own name, "OpenRouter"); default OpenAI or "cloud (<host>)". */
  label?: string;
  /** Where errors send the user to fix its address or key; default Integrations › Cloud model. */
  place?: string;
}

interface AttemptContext {
  client: OpenAI;
  signal: AbortSignal;
  /** Restarts the silence timer: a stream that keeps producing text is not timed out. */
  touch(): void;
  /** Set once text reached the caller: from then on a failure cannot be retried without showing text twice. */
  delivered: boolean;
}

export class OpenAiCompatibleProvider implements LlmProvider, PriceAware {
  readonly id: string;
  readonly priceKnown: boolean;
  private readonly options: OpenAiProviderOptions;
  private readonly label: string;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly price: ModelPrice | null;
  /** Some servers refuse strict json_schema; after one refusal we stop asking for it. */
  private strictRefused = false;

  constructor(options: OpenAiProviderOptions) {
    this.options = options;
    this.id = options.id ?? 'cloud';
    this.label = options.label ?? (isOpenAiHost(options.baseUrl) ? 'OpenAI' : `cloud (${hostOf(options.baseUrl)})`);
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.price = options.price ?? priceFor(options.model);
    this.priceKnown = this.price !== null;
  }

  get model(): string {
    return this.options.model;
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    const base = {
      model: this.options.model,
      messages: toOpenAiMessages(request.messages),
      ...(request.tools?.length && { tools: toOpenAiTools(request.tools) }),
      ...this.limits(request),
    };
    let partial = '';
    try {
      if (request.onToken) {
        const onToken = request.onToken;
        return await this.withRetries(request.signal, async (ctx) => {
          partial = '';
          const params: ChatCompletionCreateParamsStreaming = { ...base, stream: true, stream_options: { include_usage: true } };
          const stream = await ctx.client.chat.completions.create(params, { signal: ctx.signal });
          const toolCalls = new ToolCallAccumulator();
          let finish: string | null = null;
          let usage: TokenUsage | null = null;
          for await (const chunk of stream) {
            ctx.touch();
            if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
            const choice = chunk.choices[0];
            if (!choice) continue;
            const piece = choice.delta?.content;
            if (piece) {
              partial += piece;
              ctx.delivered = true;
              onToken(piece);
            }
            toolCalls.add(choice.delta?.tool_calls);
            if (choice.finish_reason) finish = choice.finish_reason;
          }
          // The SDK ends the iteration quietly when aborted; withRetries tells a timeout from a cancel.
          if (ctx.signal.aborted) throw new Error('stream aborted');
          const calls = toolCalls.result();
          return this.result(partial, calls, toFinishReason(finish, calls.length > 0), usage ?? this.approximateUsage(request.messages, partial));
        });
      }
      return await this.withRetries(request.signal, async (ctx) => {
        const params: ChatCompletionCreateParamsNonStreaming = { ...base, stream: false };
        const completion = await ctx.client.chat.completions.create(params, { signal: ctx.signal });
        const choice = completion.choices[0];
        const text = choice?.message.content ?? '';
        const calls = parseToolCalls(
          (choice?.message.tool_calls ?? []).flatMap((call) => (call.type === 'function' ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }] : [])),
        );
        const usage = completion.usage
          ? { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens }
          : this.approximateUsage(request.messages, text);
        return this.result(text, calls, toFinishReason(choice?.finish_reason, calls.length > 0), usage);
      });
    } catch (err) {
      // An aborted chat is not a failure: the caller gets what was shown so far (matches the local provider).
      if (err instanceof ProviderCancelledError) return this.result(partial, [], 'aborted', this.approximateUsage(request.messages, partial));
      throw err;
    }
  }

  async chatJson<T>(request: ChatJsonRequest<T>): Promise<ChatJsonResult<T>> {
    const done = await completeJsonWithRepair({
      schema: request.schema,
      schemaName: request.schemaName,
      messages: request.messages,
      callModel: (messages) =>
        this.withRetries(request.signal, async (ctx) => {
          const create = async (strict: boolean) => {
            const params: ChatCompletionCreateParamsNonStreaming = {
              model: this.options.model,
              messages: toOpenAiMessages(messages),
              response_format: responseFormatFor(request.schema, request.schemaName, strict),
              stream: false,
              ...this.limits(request),
            };
            return ctx.client.chat.completions.create(params, { signal: ctx.signal });
          };
          let completion;
          try {
            completion = await create(!this.strictRefused);
          } catch (err) {
            if (!(err instanceof BadRequestError) || this.strictRefused) throw err;
            this.strictRefused = true;
            completion = await create(false);
          }
          const message = completion.choices[0]?.message;
          const text = message?.content ?? message?.refusal ?? '';
          const usage = completion.usage
            ? { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens }
            : this.approximateUsage(messages, text);
          return { text, usage };
        }),
    });
    return { value: done.value, usage: done.usage, repaired: done.repaired, provider: this.id, model: this.options.model };
  }

  async embed(texts: string[], options?: { signal?: AbortSignal }): Promise<number[][]> {
    if (texts.length === 0) return [];
    return this.withRetries(options?.signal, async (ctx) => {
      const response = await ctx.client.embeddings.create({ model: this.embeddingModel(), input: texts, encoding_format: 'float' }, { signal: ctx.signal });
      return [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
    });
  }

  /**
   * Approximate: characters / 4, which is close for English with OpenAI's tokenizers and needs no
   * tokenizer download. Use it for budgeting and context checks, never for billing (billing uses
   * the usage the server reports).
   */
  async countTokens(text: string): Promise<number> {
    return approximateTokens(text);
  }

  /** Dollars for this usage at this model's price; 0 when the price is unknown (see `priceKnown`). */
  estimateCost(usage: TokenUsage): number {
    return costOf(this.price, usage).usd;
  }

  async info(): Promise<ProviderInfo> {
    return {
      provider: this.id,
      kind: 'openai',
      model: this.options.model,
      contextSize: this.options.contextSize ?? 128_000,
      backend: 'remote',
      gpu: null,
      backendReason: `OpenAI-compatible server at ${hostOf(this.options.baseUrl)}`,
    };
  }

  async close(): Promise<void> {
    // Stateless: each call builds its client, so there is nothing to release.
  }

  private limits(request: Pick<ChatRequest, 'maxTokens' | 'temperature' | 'sampling'>) {
    const sampling = request.sampling ?? {};
    return {
      ...(sampling.topP !== undefined && { top_p: sampling.topP }),
      ...(sampling.seed !== undefined && { seed: sampling.seed }),
      ...(sampling.stop?.length && { stop: sampling.stop }),
      ...(sampling.frequencyPenalty !== undefined && { frequency_penalty: sampling.frequencyPenalty }),
      ...(sampling.presencePenalty !== undefined && { presence_penalty: sampling.presencePenalty }),
      // OpenAI's newer models refuse max_tokens; many compatible servers only know max_tokens.
      ...(request.maxTokens !== undefined &&
        (isOpenAiHost(this.options.baseUrl) ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens })),
      ...(request.temperature !== undefined && { temperature: request.temperature }),
    };
  }

  private embeddingModel(): string {
    return this.options.embeddingModel ?? (isOpenAiHost(this.options.baseUrl) ? 'text-embedding-3-small' : this.options.model);
  }

  private result(text: string, toolCalls: ChatResult['toolCalls'], finishReason: ChatResult['finishReason'], usage: TokenUsage): ChatResult {
    return { text, toolCalls, finishReason, usage, provider: this.id, model: this.options.model };
  }

  private approximateUsage(messages: ChatMessage[], answer: string): TokenUsage {
    return { promptTokens: approximatePromptTokens(messages), completionTokens: approximateTokens(answer) };
  }

  private async readKey(): Promise<string | null> {
    const source = this.options.apiKey;
    if (source.mode === 'none') return null;
    const key = await source.secrets.get(source.account ?? CLOUD_API_KEY_ACCOUNT);
    if (key && key.trim() !== '') return key.trim();
    if (source.mode === 'required') throw new ProviderAuthError(this.label, 'missing', { place: this.options.place });
    return null;
  }

  private createClient(apiKey: string | null): OpenAI {
    return new OpenAI({
      baseURL: this.options.baseUrl,
      // The SDK insists on a key; for keyless servers we pass a placeholder and drop the header below.
      apiKey: apiKey ?? 'no-key',
      ...(apiKey === null && { defaultHeaders: { Authorization: null } }),
      // Never pick up OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment: settings decide.
      organization: null,
      project: null,
      maxRetries: 0,
      // Our own timer (per attempt, reset while a stream flows) decides; this is only a backstop.
      timeout: this.timeoutMs * 4,
      // The SDK's debug logging can print request details; Steward logs through its own redacting paths.
      logLevel: 'off',
    });
  }

  private async withRetries<T>(signal: AbortSignal | undefined, attempt: (ctx: AttemptContext) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new ProviderCancelledError(`The ${this.label} request`);
    const apiKey = await this.readKey();
    const client = this.createClient(apiKey);
    const errorContext = { label: this.label, model: this.options.model, baseUrl: this.options.baseUrl, timeoutMs: this.timeoutMs, apiKey, place: this.options.place };
    for (let tries = 1; ; tries += 1) {
      const silence = new StallTimer(this.timeoutMs, signal);
      const ctx: AttemptContext = { client, signal: silence.signal, touch: () => silence.touch(), delivered: false };
      silence.touch();
      try {
        return await attempt(ctx);
      } catch (err) {
        if (signal?.aborted) throw new ProviderCancelledError(`The ${this.label} request`);
        if (silence.stalled) throw new ProviderTimeoutError(this.label, this.timeoutMs, { cause: new Error('no answer within the timeout') });
        const mapped = mapCloudError(err, errorContext);
        const retryable = isRetryable(mapped);
        if (!retryable || ctx.delivered || tries >= this.retry.maxAttempts) throw retryable ? afterAttempts(mapped, tries) : mapped;
        const delay = retryDelayMs(tries - 1, headersOf(err), this.retry);
        if (delay === null) throw afterAttempts(mapped, tries);
        if (!(await sleepUnlessAborted(delay, signal))) throw new ProviderCancelledError(`The ${this.label} request`);
      } finally {
        silence.dispose();
      }
    }
  }
}

function isRetryable(error: StewardError): boolean {
  return 'retryable' in error && (error as { retryable: unknown }).retryable === true;
}

function headersOf(err: unknown): Headers | undefined {
  const headers = (err as { headers?: unknown } | null)?.headers;
  return headers instanceof Headers ? headers : undefined;
}

export function isOpenAiHost(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}
