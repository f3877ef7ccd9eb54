/**
 * The local model provider: llama.cpp through node-llama-cpp, on the user's GPU when there is one.
 *
 * One LlamaContext holds N sequences (see pool-sizing.ts); each sequence has its own LlamaChat, so
 * up to N requests decode together in shared batches and the rest queue (sequence-pool.ts). A
 * sequence keeps its evaluated tokens between requests, and LlamaChat only evaluates the part of
 * a new prompt that differs, so routing a request to the sequence that already holds its system
 * prompt (or the earlier turns of its conversation) skips re-evaluating that prefix.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  InsufficientMemoryError,
  LlamaChat,
  type ChatModelFunctions,
  type ChatWrapper,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaGrammar,
  type LlamaLogLevel,
  type LlamaModel,
} from 'node-llama-cpp';
import { StewardError } from '../../errors.js';
import type { ChatJsonRequest, ChatJsonResult, ChatMessage, ChatRequest, ChatResult, LlmProvider, ProviderInfo, ToolCall, TokenUsage } from '../provider.js';
import { completeJsonWithRepair } from '../json-repair.js';
import { ModelLoadError, ProviderCancelledError, ProviderFailedError } from '../llm-errors.js';
import { assertCompleteGguf, type GgufHeader } from './gguf-header.js';
import { openLlamaBackend, type BackendReport, type GpuPreference } from './llama-backend.js';
import { planContext, type ContextSizeSetting } from './context-sizing.js';
import { defaultEvaluationThreads } from './evaluation-threads.js';
import { SequencePool } from './sequence-pool.js';
import { answerFingerprint, promptFingerprint, toChatFunctions, toChatHistory } from './chat-history.js';
import { jsonSchemaToGbnfSchema } from './json-schema-to-gbnf.js';
import { loadDraftModel, type DraftModel, type DraftModelOptions } from './draft-model.js';
import { LocalRanker } from './local-ranker.js';
import { EmbeddingPool } from './embedding-pool.js';

export interface LocalLlamaProviderOptions {
  /** Absolute path of the chat GGUF. */
  modelPath: string;
  /** Catalog id, used in info() and in the "how to get it" hint when the file is missing. */
  modelId?: string;
  /** Separate embedding GGUF; null/undefined embeds with the chat model. */
  embeddingModelPath?: string | null;
  /** Small draft GGUF with the same vocabulary for speculative decoding; null/undefined disables it. */
  draftModelPath?: string | null;
  /**
   * Embedding contexts evaluating texts side by side (embedding-pool.ts). Default 1: in the
   * inference worker native evaluations run one at a time anyway.
   */
  embeddingContexts?: number;
  /** Reranking GGUF (a classifier head, e.g. Qwen3-Reranker) for rank(); null/undefined: rank() says none is installed. */
  rerankerModelPath?: string | null;
  draft?: DraftModelOptions;
  /** settings.llm.gpu. Default 'auto'. */
  gpu?: GpuPreference;
  /**
   * Context per sequence (settings.llm.contextSize): a number of tokens (capped at the model's
   * trained size), or 'auto' — up to 32K where memory allows (context-sizing.ts). Default 'auto'.
   */
  contextSize?: ContextSizeSetting;
  /** Smallest context accepted when memory is short. Default 2048. */
  minContextSize?: number;
  /** Parallel sequences; 'auto' sizes from free memory (pool-sizing.ts). Default 'auto'. */
  sequences?: number | 'auto';
  /** Upper bound for 'auto'. Default 8 with the model on a GPU, 4 on the CPU (parallel decode gains less there). */
  maxSequences?: number;
  /** With an 'auto' context, lengthen it only while this many sequences still fit. Default 4 on a GPU, 2 on the CPU. */
  preferredSequences?: number;
  /**
   * CPU threads per evaluation. Default: all math cores but one, at least 1, whether the model runs
   * on the CPU or a GPU (evaluation-threads.ts says why).
   */
  threads?: number;
  /** Default sampling temperature for chat() (chatJson() defaults to 0). Default 0.7. */
  temperature?: number;
  /** Default answer length limit. Default 1024 tokens. */
  maxTokens?: number;
  /** Chat template handling; 'auto' lets node-llama-cpp pick from the model's template. */
  chatWrapper?: 'auto' | ChatWrapper;
  /** Share an already opened backend (then `gpu` is ignored and close() leaves it open). */
  llama?: { llama: Llama; report: BackendReport };
  logLevel?: LlamaLogLevel;
  logger?: (level: LlamaLogLevel, message: string) => void;
}

export interface LocalProviderInfo extends ProviderInfo {
  kind: 'local';
  modelPath: string;
  sequences: number;
  sequencesReason: string;
  /** Why this context length (context-sizing.ts). */
  contextReason: string;
  gpuLayers: number;
  mmap: boolean;
  embeddingModel: string;
  speculative: { enabled: boolean; reason: string };
  backendFellBack: boolean;
  /** Prebuilt llama.cpp binary or one compiled on this machine (llama-backend.ts). */
  build: BackendReport['build'];
  /** CPU threads per evaluation. */
  threads: number;
}

/** ChatResult plus what the KV cache saved, for benchmarks and the router's records. */
export interface LocalChatResult extends ChatResult {
  /** Prompt tokens actually evaluated for this request. */
  evaluatedPromptTokens: number;
  /** Prompt tokens reused from the sequence's cache (promptTokens − evaluatedPromptTokens). */
  cachedPromptTokens: number;
}

export interface LocalProviderStats {
  sequences: number;
  busy: number;
  queued: number;
  inputTokensEvaluated: number;
  outputTokensGenerated: number;
  draft: { used: number; unused: number; validated: number; refuted: number } | null;
}

interface Loaded {
  llama: Llama;
  ownsLlama: boolean;
  report: BackendReport;
  header: GgufHeader;
  model: LlamaModel;
  context: LlamaContext;
  pool: SequencePool<LlamaChat>;
  sequencesReason: string;
  contextReason: string;
  draft: DraftModel | null;
  draftReason: string;
  threads: number;
}

interface GenerateInput {
  messages: ChatMessage[];
  functions?: ChatModelFunctions;
  toolsForFingerprint?: ChatRequest['tools'];
  grammar?: LlamaGrammar;
  maxTokens: number;
  temperature: number;
  sampling?: ChatRequest['sampling'];
  signal?: AbortSignal;
  onToken?: (text: string) => void;
}

const PROVIDER = 'local';

const GB = 1e9;

/**
 * Why llama.cpp refused a model. A file bigger than all of this machine's memory fails inside
 * llama.cpp with only "failed to allocate" in its log, so the sizes are compared here to say so.
 */
async function loadFailureReason(llama: Llama, modelPath: string, err: unknown): Promise<string> {
  if (err instanceof InsufficientMemoryError) return 'there is not enough memory for it';
  try {
    const fileBytes = (await stat(modelPath)).size;
    const ram = (await llama.getRamState()).total;
    const vram = (await llama.getVramState()).total;
    if (fileBytes > ram + vram) {
      const gpu = vram > 0 ? ` and ${(vram / GB).toFixed(1)} GB of GPU memory` : '';
      return `there is not enough memory for it (the model alone is ${(fileBytes / GB).toFixed(1)} GB; this machine has ${(ram / GB).toFixed(1)} GB of RAM${gpu})`;
    }
  } catch {
    // Sizes are only for a better message; the plain reason below still holds.
  }
  return 'llama.cpp refused it';
}

/** OpenAI-style sampling parameters in node-llama-cpp's names (the repeat-penalty defaults stay as they are). */
function samplingOptions(sampling: ChatRequest['sampling']) {
  if (!sampling) return {};
  const penalties = sampling.frequencyPenalty !== undefined || sampling.presencePenalty !== undefined;
  return {
    ...(sampling.topP !== undefined && { topP: sampling.topP }),
    ...(sampling.seed !== undefined && { seed: sampling.seed }),
    ...(sampling.stop?.length && { customStopTriggers: sampling.stop }),
    ...(penalties && { repeatPenalty: { frequencyPenalty: sampling.frequencyPenalty ?? 0, presencePenalty: sampling.presencePenalty ?? 0 } }),
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class LocalLlamaProvider implements LlmProvider {
  readonly id = PROVIDER;
  private readonly options: LocalLlamaProviderOptions;
  private loading: Promise<Loaded> | null = null;
  private loaded: Loaded | null = null;
  private embedding: Promise<EmbeddingPool> | null = null;
  private embeddingModel: LlamaModel | null = null;
  private readonly ranker: LocalRanker;
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();
  private closed = false;

  constructor(options: LocalLlamaProviderOptions) {
    this.options = options;
    this.ranker = new LocalRanker(options.rerankerModelPath ?? null, () => this.ready(), PROVIDER);
  }

  /** Creates the provider and loads the model (the usual way to get one). */
  static async open(options: LocalLlamaProviderOptions): Promise<LocalLlamaProvider> {
    const provider = new LocalLlamaProvider(options);
    await provider.load();
    return provider;
  }

  get modelId(): string {
    return this.options.modelId ?? path.basename(this.options.modelPath).replace(/\.gguf$/i, '');
  }

  /** Loads backend, model, context and sequence pool once; later calls share the same promise. A failed load can be retried. */
  load(): Promise<void> {
    if (this.closed) return Promise.reject(new ProviderFailedError(PROVIDER, 'the local model was closed'));
    if (!this.loading) {
      this.loading = this.doLoad().then(
        (l) => (this.loaded = l),
        (err) => {
          this.loading = null;
          throw err;
        },
      );
    }
    return this.loading.then(() => undefined);
  }

  private async ready(): Promise<Loaded> {
    await this.load();
    if (!this.loaded) throw new ProviderFailedError(PROVIDER, 'the local model is not loaded');
    return this.loaded;
  }

  private async doLoad(): Promise<Loaded> {
    const o = this.options;
    // Reject a missing, foreign or truncated file before llama.cpp touches it.
    const header = await assertCompleteGguf(o.modelPath, { modelId: this.modelId, role: 'chat' });
    const backend = o.llama ?? (await openLlamaBackend(o.gpu ?? 'auto', { logLevel: o.logLevel, logger: o.logger }));
    const { llama, report } = backend;
    const ownsLlama = !o.llama;
    let model: LlamaModel | null = null;
    try {
      try {
        model = await llama.loadModel({ modelPath: o.modelPath, gpuLayers: 'auto', useMmap: llama.supportsMmap ? true : 'auto' });
      } catch (err) {
        throw new ModelLoadError(o.modelPath, await loadFailureReason(llama, o.modelPath, err), { cause: err });
      }
      const onGpu = model.gpuLayers > 0;
      const freeBytes = onGpu ? (await llama.getVramState()).free : (await llama.getRamState()).free;
      const loadedModel = model;
      const maxSequences = o.maxSequences ?? (onGpu ? 8 : 4);
      const plan = await planContext({
        setting: o.contextSize ?? 'auto',
        trainContextSize: model.trainContextSize,
        requestedSequences: o.sequences ?? 'auto',
        maxSequences,
        preferredSequences: o.preferredSequences ?? (onGpu ? 4 : 2),
        budget: { freeBytes, kind: onGpu ? 'vram' : 'ram' },
        estimateBytes: async (sequences, contextSize) => {
          const need = await loadedModel.fileInsights.estimateContextResourceRequirementsV2({ contextSize, sequences, modelGpuLayers: loadedModel.gpuLayers });
          return onGpu ? need.gpuVram : need.cpuRam;
        },
      });
      const wanted = plan.contextSize;
      const minContext = Math.min(o.minContextSize ?? 2048, wanted);
      let sequences = plan.sequences;
      const threads = o.threads ?? defaultEvaluationThreads(llama.cpuMathCores);
      let context: LlamaContext | null = null;
      for (;;) {
        try {
          context = await model.createContext({ sequences, contextSize: { min: minContext, max: wanted }, threads });
          break;
        } catch (err) {
          if (sequences <= 1) throw new ModelLoadError(o.modelPath, `no context of at least ${minContext} tokens fits in memory`, { cause: err });
          sequences = Math.max(1, Math.floor(sequences / 2));
        }
      }
      const sequencesReason = sequences === plan.sequences ? plan.sequencesReason : `${sequences} sequence(s): the context for ${plan.sequences} did not fit`;
      const contextReason =
        context.contextSize < wanted ? `${context.contextSize} tokens per sequence: ${wanted} did not fit in memory, so node-llama-cpp shrank it` : plan.contextReason;

      let draft: DraftModel | null = null;
      let draftReason = 'speculative decoding off: no draft model configured';
      if (o.draftModelPath) {
        try {
          const result = await loadDraftModel(llama, o.draftModelPath, model, { sequences, contextSize: context.contextSize, threads }, o.draft);
          draft = result.draft;
          draftReason = result.reason;
        } catch (err) {
          draftReason = `speculative decoding off: the draft model could not be loaded (${err instanceof StewardError ? err.userMessage : errorText(err)})`;
        }
      }

      const chats: LlamaChat[] = [];
      for (let i = 0; i < sequences; i++) {
        const sequence = context.getSequence(draft ? { tokenPredictor: draft.createPredictor() } : undefined);
        chats.push(new LlamaChat({ contextSequence: sequence, chatWrapper: o.chatWrapper ?? 'auto', autoDisposeSequence: true }));
      }
      return { llama, ownsLlama, report, header, model, context, pool: new SequencePool(chats), sequencesReason, contextReason, draft, draftReason, threads };
    } catch (err) {
      await model?.dispose().catch(() => undefined);
      if (ownsLlama) await llama.dispose().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Evaluates a tiny prompt so the first real request does not pay for lazy allocations. Given the
   * app's system prompt, it also leaves that prefix evaluated on a sequence, ready to be reused.
   */
  async warmUp(options: { systemPrompt?: string } = {}): Promise<void> {
    const messages: ChatMessage[] = options.systemPrompt ? [{ role: 'system', content: options.systemPrompt }] : [];
    messages.push({ role: 'user', content: 'Hi' });
    await this.generate({ messages, maxTokens: 1, temperature: 0 });
  }

  async chat(request: ChatRequest): Promise<LocalChatResult> {
    const functions = request.tools && request.tools.length > 0 ? toChatFunctions(request.tools) : undefined;
    return this.generate({
      messages: request.messages,
      functions,
      toolsForFingerprint: request.tools,
      maxTokens: request.maxTokens ?? this.options.maxTokens ?? 1024,
      temperature: request.temperature ?? this.options.temperature ?? 0.7,
      sampling: request.sampling,
      signal: request.signal,
      onToken: request.onToken,
    });
  }

  async chatJson<T>(request: ChatJsonRequest<T>): Promise<ChatJsonResult<T>> {
    const loaded = await this.ready();
    const grammar = await this.grammarFor(loaded.llama, z.toJSONSchema(request.schema, { unrepresentable: 'any' }));
    const result = await completeJsonWithRepair({
      schema: request.schema,
      schemaName: request.schemaName,
      messages: request.messages,
      callModel: async (messages) => {
        const r = await this.generate({
          messages,
          grammar,
          maxTokens: request.maxTokens ?? this.options.maxTokens ?? 1024,
          temperature: request.temperature ?? 0,
          sampling: request.sampling,
          signal: request.signal,
        });
        if (r.finishReason === 'aborted') throw new ProviderCancelledError('The model request');
        return { text: r.text, usage: r.usage };
      },
    });
    return { value: result.value, usage: result.usage, repaired: result.repaired, provider: PROVIDER, model: this.modelId };
  }

  /**
   * One generation under a grammar built from a JSON Schema, without parsing or repair: the
   * inference worker's half of chatJson (zod validation and the repair stay in the main process,
   * where the zod schema is).
   */
  async generateUnderJsonSchema(
    request: { messages: ChatMessage[]; maxTokens?: number; temperature?: number; signal?: AbortSignal },
    jsonSchema: Record<string, unknown>,
  ): Promise<LocalChatResult> {
    const loaded = await this.ready();
    const grammar = await this.grammarFor(loaded.llama, jsonSchema);
    return this.generate({
      messages: request.messages,
      grammar,
      maxTokens: request.maxTokens ?? this.options.maxTokens ?? 1024,
      temperature: request.temperature ?? 0,
      signal: request.signal,
    });
  }

  /** One grammar per distinct schema; building a grammar costs more than a short answer. */
  private grammarFor(llama: Llama, jsonSchema: unknown): Promise<LlamaGrammar> {
    const gbnf = jsonSchemaToGbnfSchema(jsonSchema);
    const key = JSON.stringify(gbnf);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      grammar = llama.createGrammarForJsonSchema(gbnf as Parameters<Llama['createGrammarForJsonSchema']>[0]) as Promise<LlamaGrammar>;
      grammar.catch(() => this.grammars.delete(key));
      this.grammars.set(key, grammar);
    }
    return grammar;
  }

  private async generate(input: GenerateInput): Promise<LocalChatResult> {
    const loaded = await this.ready();
    const { model, pool } = loaded;
    const fingerprint = promptFingerprint(input.messages, input.toolsForFingerprint);
    const history = toChatHistory(input.messages);
    const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
    const base = { provider: PROVIDER, model: this.modelId };

    let lease;
    try {
      lease = await pool.acquire(fingerprint, input.signal);
    } catch (err) {
      if (input.signal?.aborted) return { ...base, text: '', toolCalls: [], finishReason: 'aborted', usage, evaluatedPromptTokens: 0, cachedPromptTokens: 0 };
      throw err;
    }

    const chat = lease.resource;
    const sequence: LlamaContextSequence = chat.sequence;
    const meterBefore = sequence.tokenMeter.getState();
    let text = '';
    let completionTokens = 0;
    let evaluatedText = '';
    try {
      usage.promptTokens = this.countPromptTokens(chat, history, input.functions);
      const common = {
        maxTokens: Math.max(1, Math.min(input.maxTokens, sequence.contextSize)),
        temperature: input.temperature,
        ...samplingOptions(input.sampling),
        signal: input.signal,
        stopOnAbortSignal: true,
        onTextChunk: (chunk: string) => {
          text += chunk;
          input.onToken?.(chunk);
        },
        onToken: (tokens: readonly unknown[]) => {
          completionTokens += tokens.length;
        },
      };
      const response = input.functions
        ? await chat.generateResponse(history, { ...common, functions: input.functions, documentFunctionParams: true })
        : await chat.generateResponse(history, { ...common, grammar: input.grammar });

      const toolCalls: ToolCall[] = (response.functionCalls ?? []).map((call) => ({
        id: `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
        name: call.functionName,
        arguments: (call.params ?? {}) as Record<string, unknown>,
      }));
      for (const call of toolCalls) completionTokens += model.tokenize(`${call.name}${JSON.stringify(call.arguments)}`).length;
      const finishReason: ChatResult['finishReason'] =
        toolCalls.length > 0 ? 'tool_calls' : response.metadata.stopReason === 'abort' ? 'aborted' : response.metadata.stopReason === 'maxTokens' ? 'length' : 'stop';
      text = response.response;
      evaluatedText = fingerprint + answerFingerprint(text, toolCalls);
      // The sequence's meter counts every generated token, including a last one that never became text.
      usage.completionTokens = toolCalls.length > 0 ? completionTokens : Math.max(completionTokens, sequence.tokenMeter.diff(meterBefore).usedOutputTokens);
      const evaluated = Math.min(usage.promptTokens, sequence.tokenMeter.diff(meterBefore).usedInputTokens);
      return { ...base, text, toolCalls, finishReason, usage, evaluatedPromptTokens: evaluated, cachedPromptTokens: usage.promptTokens - evaluated };
    } catch (err) {
      usage.completionTokens = completionTokens;
      if (input.signal?.aborted) {
        const evaluated = Math.min(usage.promptTokens, sequence.tokenMeter.diff(meterBefore).usedInputTokens);
        return { ...base, text, toolCalls: [], finishReason: 'aborted', usage, evaluatedPromptTokens: evaluated, cachedPromptTokens: usage.promptTokens - evaluated };
      }
      if (err instanceof StewardError) throw err;
      throw new ProviderFailedError(PROVIDER, `generation failed (${errorText(err)})`, { cause: err });
    } finally {
      lease.release(evaluatedText);
    }
  }

  /** Exact prompt size: the chat wrapper's rendering of the history, tokenized by the model. */
  private countPromptTokens(chat: LlamaChat, history: ReturnType<typeof toChatHistory>, functions?: ChatModelFunctions): number {
    try {
      const state = chat.chatWrapper.generateContextState({ chatHistory: history, availableFunctions: functions, documentFunctionParams: true });
      return state.contextText.tokenize(chat.model.tokenizer).length;
    } catch {
      // Usage is bookkeeping: a wrapper that cannot render outside a generation must not fail the call.
      return chat.model.tokenize(history.map((h) => (h.type === 'model' ? h.response.filter((r) => typeof r === 'string').join('') : typeof h.text === 'string' ? h.text : '')).join('\n')).length;
    }
  }

  async embed(texts: string[], options: { signal?: AbortSignal } = {}): Promise<number[][]> {
    const pool = await this.embeddingContext();
    try {
      return await pool.embed(texts, () => {
        if (options.signal?.aborted) throw new ProviderCancelledError('The embedding request');
      });
    } catch (err) {
      if (err instanceof StewardError) throw err;
      throw new ProviderFailedError(PROVIDER, `embedding failed (${errorText(err)})`, { cause: err });
    }
  }

  /** Relevance of each document to the query (0…1) from the reranking model, loaded on first use. */
  async rank(query: string, documents: string[], options: { signal?: AbortSignal } = {}): Promise<number[]> {
    return this.ranker.rank(query, documents, options.signal);
  }

  private embeddingContext(): Promise<EmbeddingPool> {
    if (!this.embedding) {
      this.embedding = (async () => {
        const loaded = await this.ready();
        let model = loaded.model;
        const separate = this.options.embeddingModelPath;
        if (separate) {
          await assertCompleteGguf(separate, { role: 'embedding' });
          try {
            model = await loaded.llama.loadModel({ modelPath: separate, gpuLayers: 'auto' });
          } catch (err) {
            throw new ModelLoadError(separate, 'llama.cpp refused the embedding model', { cause: err });
          }
          this.embeddingModel = model;
        }
        const size = Math.min(model.trainContextSize, 8192);
        return EmbeddingPool.create({ model, contexts: this.options.embeddingContexts ?? 1, contextSize: size, threads: loaded.threads });
      })();
      this.embedding.catch(() => (this.embedding = null));
    }
    return this.embedding;
  }

  async countTokens(text: string): Promise<number> {
    const { model } = await this.ready();
    return model.tokenize(text).length;
  }

  estimateCost(_usage: TokenUsage): number {
    return 0;
  }

  /** What the backend detection decided, without loading anything else; null before load(). */
  backendReport(): BackendReport | null {
    return this.loaded?.report ?? null;
  }

  async info(): Promise<LocalProviderInfo> {
    const l = await this.ready();
    return {
      provider: PROVIDER,
      kind: 'local',
      model: this.modelId,
      modelPath: this.options.modelPath,
      contextSize: l.context.contextSize,
      backend: l.report.backend,
      gpu: l.report.gpuName,
      backendReason: l.report.reason,
      backendFellBack: l.report.fellBack,
      build: l.report.build,
      threads: l.threads,
      sequences: l.pool.size,
      sequencesReason: l.sequencesReason,
      contextReason: l.contextReason,
      gpuLayers: l.model.gpuLayers,
      mmap: l.model.useMmap,
      embeddingModel: this.options.embeddingModelPath ? path.basename(this.options.embeddingModelPath) : this.modelId,
      speculative: { enabled: l.draft !== null, reason: l.draftReason },
    };
  }

  /** Live counters: pool occupancy, tokens through the sequences, and draft-token outcomes. */
  stats(): LocalProviderStats | null {
    const l = this.loaded;
    if (!l) return null;
    let input = 0;
    let output = 0;
    const draft = { used: 0, unused: 0, validated: 0, refuted: 0 };
    for (const chat of l.pool.resources) {
      input += chat.sequence.tokenMeter.usedInputTokens;
      output += chat.sequence.tokenMeter.usedOutputTokens;
      const p = chat.sequence.tokenPredictions;
      draft.used += p.used;
      draft.unused += p.unused;
      draft.validated += p.validated;
      draft.refuted += p.refuted;
    }
    return { sequences: l.pool.size, busy: l.pool.busyCount, queued: l.pool.queuedCount, inputTokensEvaluated: input, outputTokensGenerated: output, draft: l.draft ? draft : null };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const loaded = await this.loading?.catch(() => null);
    if (!loaded) return;
    loaded.pool.close();
    const embedding = await this.embedding?.catch(() => null);
    await embedding?.dispose().catch(() => undefined);
    await this.embeddingModel?.dispose().catch(() => undefined);
    await this.ranker.close();
    for (const chat of loaded.pool.resources) chat.dispose();
    await loaded.context.dispose().catch(() => undefined);
    await loaded.draft?.context.dispose().catch(() => undefined);
    await loaded.draft?.model.dispose().catch(() => undefined);
    await loaded.model.dispose().catch(() => undefined);
    if (loaded.ownsLlama) await loaded.llama.dispose().catch(() => undefined);
    this.loaded = null;
  }
}
