/**
 * The one interface every model caller uses. Local (node-llama-cpp), OpenAI-compatible and the
 * scripted test provider implement it; the router implements it too, so no caller knows which
 * provider answered.
 */
import type { z } from 'zod';

/** Who is calling: the router uses it to pick a provider, the call log to attribute cost. */
export type CallerRole = 'manager' | 'supervisor' | 'employee' | 'intent' | 'memory' | 'question' | 'conversation' | 'other';

export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * A picture given to a vision-capable model with a user message (an attached image). Untrusted
 * content like an attached document: its origin is named where it enters (attachmentOrigin).
 */
export interface ChatImage {
  name: string;
  /** image/png, image/jpeg, image/gif or image/webp — read from the bytes, not the file name. */
  mediaType: string;
  dataBase64: string;
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string; images?: ChatImage[] }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; content: string; toolCallId: string; name: string };

/** A function the model may call; `parameters` is a JSON Schema object (z.toJSONSchema of the tool's zod schema). */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
  /** Called with each streamed piece of text as it is generated. */
  onToken?: (text: string) => void;
  role?: CallerRole;
  /** Hint for the router's complexity estimate, 0 (trivial) to 1 (hard). */
  complexity?: number;
  /** Sampling beyond temperature (the local API passes OpenAI's parameters through here). */
  sampling?: SamplingOptions;
  /**
   * The model the user chose for this conversation (chat header): the router asks only that
   * provider, with no fallback to the other — the user said which one answers.
   */
  slot?: 'local' | 'cloud';
  /**
   * With slot 'local': the installed local model the conversation chose (its id in the models
   * folder). The model layer loads it in place of the current chat model — one loaded chat model at
   * a time — before answering; absent means whichever local model is loaded.
   */
  localModel?: string;
  /** Told when the call must first load the chosen local model (the chat shows “Loading <model>…”). */
  onModelLoading?: (model: string) => void;
  /**
   * With slot 'cloud': the configured cloud provider the conversation chose (an id in
   * settings.llm.cloudProviders): its address, its key and its model answer, whichever provider is
   * the app's default. Absent means the cloud model in use (settings.llm.cloud).
   */
  cloudProvider?: string;
}

/**
 * The model a conversation is kept on, for calls made about it outside the chat answer (memory
 * learning from its turns): a conversation kept on this computer is never sent to a cloud model,
 * and one set to a cloud provider goes to that provider, not the default one.
 */
export interface ConversationModel {
  slot: 'local' | 'cloud';
  cloudProvider?: string;
}

/** Where the model that answered ran, as the router knows it: on this computer, or at which cloud provider. */
export interface AnsweredBy {
  location: 'local' | 'cloud';
  /** The cloud provider's name (Models › Cloud providers); null for a local model or an unnamed cloud one. */
  provider: string | null;
}

/** OpenAI's sampling parameters that llama.cpp also implements; each provider passes on every one it gets. */
export interface SamplingOptions {
  topP?: number;
  seed?: number;
  /** Text that ends the answer; the answer stops before it and does not contain it. */
  stop?: string[];
  /** -2..2 as in OpenAI's API: lowers the odds of tokens already in the answer, by count or once. */
  frequencyPenalty?: number;
  presencePenalty?: number;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatResult {
  text: string;
  toolCalls: ToolCall[];
  finishReason: 'stop' | 'length' | 'tool_calls' | 'aborted';
  usage: TokenUsage;
  provider: string;
  model: string;
  /** Set by the router: where `model` ran. */
  answeredBy?: AnsweredBy;
  /** Set by the router: the call's cost at the price of the provider that answered (0 on this computer). */
  costUsd?: number;
}

export interface ChatJsonRequest<T> extends Omit<ChatRequest, 'tools' | 'onToken'> {
  schema: z.ZodType<T>;
  /** Short name for the schema (used by OpenAI structured outputs and in error messages). */
  schemaName: string;
}

export interface ChatJsonResult<T> {
  value: T;
  usage: TokenUsage;
  /** True when the first answer broke the schema and the one repair attempt fixed it. */
  repaired: boolean;
  provider: string;
  model: string;
  /** Set by the router: where `model` ran. */
  answeredBy?: AnsweredBy;
  /** Set by the router: the call's cost at the price of the provider that answered (0 on this computer). */
  costUsd?: number;
}

export interface ProviderInfo {
  provider: string;
  kind: 'local' | 'openai' | 'scripted' | 'router';
  model: string;
  contextSize: number;
  /** 'cuda' | 'vulkan' | 'metal' | 'cpu' for local; 'remote' for cloud. */
  backend: string;
  gpu: string | null;
  /** Why this backend was chosen (e.g. "CUDA prebuilt refused by driver; fell back to CPU"). */
  backendReason: string | null;
}

export interface LlmProvider {
  readonly id: string;
  chat(request: ChatRequest): Promise<ChatResult>;
  /** Returns a value that passed `schema`; repairs once, then throws InvalidModelOutputError. */
  chatJson<T>(request: ChatJsonRequest<T>): Promise<ChatJsonResult<T>>;
  /** purpose 'self-check': Steward testing the model on its own behalf (not the user's work; not in the call log). */
  embed(texts: string[], options?: { signal?: AbortSignal; purpose?: 'self-check' }): Promise<number[][]>;
  /**
   * How relevant each document is to the query, 0…1 in the documents' order, from a reranking
   * model (memory's reranker stage). Optional: a provider without one leaves it out, and one that
   * has the method but no reranker installed throws ModelMissingError (role 'reranker').
   */
  rank?(query: string, documents: string[], options?: { signal?: AbortSignal; purpose?: 'self-check' }): Promise<number[]>;
  countTokens(text: string): Promise<number>;
  /** Cost in US dollars of a call with this usage (0 for local models). */
  estimateCost(usage: TokenUsage): number;
  info(): Promise<ProviderInfo>;
  close(): Promise<void>;
}
