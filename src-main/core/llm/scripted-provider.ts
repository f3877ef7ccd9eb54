/**
 * A deterministic LlmProvider driven by a script, for tests and for `npm run serve` end-to-end
 * runs (STEWARD_PROVIDER=scripted:/path/script.json). It answers with scripted text (streamed
 * piece by piece), tool calls, JSON values, typed errors or hangs, and records every request so
 * tests can assert what the agent asked.
 *
 * Which response answers a model call:
 *   1. the first rule whose `match` fits and that has uses left (`times`),
 *   2. else the next unused step, in order,
 *   3. else `fallback`,
 *   4. else ScriptExhaustedError.
 * chatJson goes through the shared repair policy, so it consumes one response for the first answer
 * and, when that breaks the schema, one more for the repair attempt (`match.attempt: 1`).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { sleepUnlessAborted } from '../async/sleep.js';
import { StewardError, ValidationError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import { completeJsonWithRepair } from './json-repair.js';
import { ModelMissingError, ProviderAuthError, ProviderCancelledError, ProviderFailedError, ProviderTimeoutError } from './llm-errors.js';
import type {
  CallerRole,
  ChatJsonRequest,
  ChatJsonResult,
  ChatMessage,
  ChatRequest,
  ChatResult,
  LlmProvider,
  ProviderInfo,
  TokenUsage,
  ToolCall,
  ToolDefinition,
} from './provider.js';

const CALLER_ROLES = ['manager', 'supervisor', 'employee', 'intent', 'memory', 'question', 'conversation', 'other'] as const satisfies readonly CallerRole[];

const UsageSchema = z.object({ promptTokens: z.number().int().min(0), completionTokens: z.number().int().min(0) }).strict();
/** Wait before answering, to simulate a slow model (and to let tests abort mid-call). */
const DelaySchema = z.number().int().min(0).max(600_000).optional();

export const ScriptResponseSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('text'),
      text: z.string(),
      /** Explicit stream pieces; by default the text is split into words (each with its leading space). */
      tokens: z.array(z.string()).optional(),
      tokenDelayMs: DelaySchema,
      delayMs: DelaySchema,
      finishReason: z.enum(['stop', 'length']).optional(),
      usage: UsageSchema.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('toolCalls'),
      toolCalls: z
        .array(z.object({ id: z.string().min(1).optional(), name: z.string().min(1), arguments: z.record(z.string(), z.unknown()) }).strict())
        .min(1, 'must hold at least one tool call'),
      text: z.string().optional(),
      delayMs: DelaySchema,
      usage: UsageSchema.optional(),
    })
    .strict(),
  z
    .object({
      /** A JSON value answered as text; chatJson validates it against the request's schema (a wrong value exercises repair). */
      type: z.literal('json'),
      value: z.unknown(),
      delayMs: DelaySchema,
      usage: UsageSchema.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('error'),
      error: z.enum(['timeout', 'failed', 'retryable', 'auth_missing', 'auth_rejected', 'model_missing']),
      message: z.string().optional(),
      delayMs: DelaySchema,
    })
    .strict(),
  z
    .object({
      /** Never answers until the call is aborted: tests timeouts, fallback and cancel. */
      type: z.literal('hang'),
    })
    .strict(),
]);
export type ScriptResponse = z.infer<typeof ScriptResponseSchema>;

const RegexSourceSchema = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a valid regular expression' },
);

export const ScriptMatchSchema = z
  .object({
    role: z.union([z.enum(CALLER_ROLES), z.array(z.enum(CALLER_ROLES)).min(1)]).optional(),
    /** Case-insensitive regular expression tested against the last user message. */
    lastUser: RegexSourceSchema.optional(),
    call: z.enum(['chat', 'chatJson']).optional(),
    schemaName: z.string().optional(),
    /** 0 = first answer, 1 = the repair attempt of chatJson. */
    attempt: z.union([z.literal(0), z.literal(1)]).optional(),
    hasTools: z.boolean().optional(),
    /** Case-insensitive regular expression tested against the system prompt (e.g. a conversation's persona). */
    system: RegexSourceSchema.optional(),
    /** The sampling temperature the call asked for (a conversation's preset). */
    temperature: z.number().optional(),
  })
  .strict();
export type ScriptMatch = z.infer<typeof ScriptMatchSchema>;

const ScriptRuleSchema = z
  .object({
    match: ScriptMatchSchema.prefault({}),
    response: ScriptResponseSchema,
    /** How many calls this rule may answer; unlimited when absent. */
    times: z.number().int().min(1).optional(),
  })
  .strict();

export const ScriptSchema = z
  .object({
    model: z.string().min(1).default('scripted-model'),
    contextSize: z.number().int().min(1).default(8192),
    steps: z.array(ScriptResponseSchema).default([]),
    rules: z.array(ScriptRuleSchema).default([]),
    fallback: ScriptResponseSchema.optional(),
    embeddingDimensions: z.number().int().min(1).max(8192).default(16),
    /** Exact text → vector, for tests that need chosen similarities; other texts get a hash-derived vector. */
    embeddings: z.record(z.string(), z.array(z.number())).default({}),
    /** Price used by estimateCost; free when absent (like a local model). */
    cost: z.object({ inputPerMillionUsd: z.number().min(0), outputPerMillionUsd: z.number().min(0) }).strict().optional(),
  })
  .strict()
  .superRefine((script, ctx) => {
    for (const [text, vector] of Object.entries(script.embeddings)) {
      if (vector.length !== script.embeddingDimensions) {
        ctx.addIssue({ code: 'custom', path: ['embeddings', text], message: `must have ${script.embeddingDimensions} numbers (embeddingDimensions)` });
      }
    }
  });
export type ScriptInput = z.input<typeof ScriptSchema>;

/** What a programmatic rule sees; also what `requests` records. */
export interface ScriptedCall {
  kind: 'chat' | 'chatJson' | 'embed';
  messages: ChatMessage[];
  lastUserText: string;
  role?: CallerRole;
  tools?: ToolDefinition[];
  schemaName?: string;
  /** 0 = first answer, 1 = repair attempt (chatJson only). */
  attempt: 0 | 1;
  maxTokens?: number;
  temperature?: number;
  /** top_p and the other sampling options the call asked for. */
  sampling?: ChatRequest['sampling'];
  /** The provider the call was pinned to (a conversation's model choice). */
  slot?: ChatRequest['slot'];
  complexity?: number;
  /** The texts of an embed call. */
  texts?: string[];
}

/** A rule written in code may compute its response from the call (not available in JSON scripts). */
export interface ScriptRule {
  match?: ScriptMatch;
  response: ScriptResponse | ((call: ScriptedCall) => ScriptResponse);
  times?: number;
}

export interface Script extends Omit<ScriptInput, 'rules'> {
  rules?: ScriptRule[];
}

export interface ScriptedProviderOptions {
  /** Provider id reported in results and the call log. */
  id?: string;
  /** The model name reported instead of the script's: a scripted stand-in for another installed model a conversation chose. */
  model?: string;
}

/** The script had nothing left to answer a call with: the test (or e2e script) is missing a step. */
export class ScriptExhaustedError extends StewardError {
  constructor(call: ScriptedCall) {
    super(
      'internal',
      `The scripted model has no step, rule or fallback left for this ${call.kind} call (role ${call.role ?? 'none'}, last user text "${call.lastUserText.slice(0, 80)}"). Add a step, a matching rule or a fallback to the script.`,
    );
  }
}

interface CompiledRule {
  rule: ScriptRule;
  lastUser: RegExp | null;
  used: number;
}

export class ScriptedProvider implements LlmProvider {
  readonly id: string;
  /** Every request, in order, including each repair attempt and embed call. */
  readonly requests: ScriptedCall[] = [];
  private readonly script: z.output<typeof ScriptSchema>;
  private readonly rules: CompiledRule[];
  private nextStep = 0;
  private closed = false;

  constructor(script: Script = {}, options: ScriptedProviderOptions = {}) {
    this.id = options.id ?? 'scripted';
    const { rules = [], ...data } = script;
    this.script = parseOrThrow(ScriptSchema, { ...data, ...(options.model && { model: options.model }) }, 'scripted provider script');
    this.rules = rules.map((rule, index) => ({ rule, lastUser: compileRegex(rule.match?.lastUser, `rules.${index}.match.lastUser`), used: 0 }));
  }

  /** Steps not yet consumed (tests assert a script was used up). */
  get remainingSteps(): number {
    return this.script.steps.length - this.nextStep;
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    const call = this.record('chat', request, 0, { tools: request.tools });
    const usagePrompt = approxTokens(request.messages);
    if (request.signal?.aborted) return this.result('', [], 'aborted', { promptTokens: usagePrompt, completionTokens: 0 });
    const response = this.pick(call);
    const answer = await this.perform(response, request.signal, request.onToken);
    return this.result(answer.text, answer.toolCalls, answer.finishReason, answer.usage ?? { promptTokens: usagePrompt, completionTokens: answer.pieces });
  }

  async chatJson<T>(request: ChatJsonRequest<T>): Promise<ChatJsonResult<T>> {
    const done = await completeJsonWithRepair({
      schema: request.schema,
      schemaName: request.schemaName,
      messages: request.messages,
      callModel: async (messages, attempt) => {
        const call = this.record('chatJson', { ...request, messages }, attempt, { schemaName: request.schemaName });
        if (request.signal?.aborted) throw new ProviderCancelledError('The JSON request');
        const answer = await this.perform(this.pick(call), request.signal, undefined);
        if (answer.finishReason === 'aborted') throw new ProviderCancelledError('The JSON request');
        return { text: answer.text, usage: answer.usage ?? { promptTokens: approxTokens(messages), completionTokens: Math.ceil(answer.text.length / 4) } };
      },
    });
    return { value: done.value, usage: done.usage, repaired: done.repaired, provider: this.id, model: this.script.model };
  }

  async embed(texts: string[], options?: { signal?: AbortSignal }): Promise<number[][]> {
    this.requests.push({ kind: 'embed', messages: [], lastUserText: '', attempt: 0, texts: [...texts] });
    if (options?.signal?.aborted) throw new ProviderCancelledError('The embedding request');
    return texts.map((text) => this.script.embeddings[text] ?? hashedVector(text, this.script.embeddingDimensions));
  }

  /** Approximation (characters / 4), the same rule the cloud provider documents. */
  async countTokens(text: string): Promise<number> {
    return Math.ceil(text.length / 4);
  }

  estimateCost(usage: TokenUsage): number {
    const cost = this.script.cost;
    if (!cost) return 0;
    return (usage.promptTokens * cost.inputPerMillionUsd + usage.completionTokens * cost.outputPerMillionUsd) / 1_000_000;
  }

  async info(): Promise<ProviderInfo> {
    return {
      provider: this.id,
      kind: 'scripted',
      model: this.script.model,
      contextSize: this.script.contextSize,
      backend: 'scripted',
      gpu: null,
      backendReason: 'Answers come from a test script, not a model.',
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private record(kind: 'chat' | 'chatJson', request: ChatRequest, attempt: 0 | 1, extra: Partial<ScriptedCall>): ScriptedCall {
    const call: ScriptedCall = {
      kind,
      messages: request.messages.map((m) => ({ ...m })),
      lastUserText: lastUserText(request.messages),
      attempt,
      ...(request.role !== undefined && { role: request.role }),
      ...(request.maxTokens !== undefined && { maxTokens: request.maxTokens }),
      ...(request.temperature !== undefined && { temperature: request.temperature }),
      ...(request.sampling !== undefined && { sampling: { ...request.sampling } }),
      ...(request.slot !== undefined && { slot: request.slot }),
      ...(request.complexity !== undefined && { complexity: request.complexity }),
      ...(extra.tools !== undefined && { tools: extra.tools }),
      ...(extra.schemaName !== undefined && { schemaName: extra.schemaName }),
    };
    this.requests.push(call);
    return call;
  }

  private pick(call: ScriptedCall): ScriptResponse {
    for (const compiled of this.rules) {
      const { rule } = compiled;
      if (rule.times !== undefined && compiled.used >= rule.times) continue;
      if (!matches(rule.match ?? {}, compiled.lastUser, call)) continue;
      compiled.used += 1;
      return typeof rule.response === 'function' ? parseOrThrow(ScriptResponseSchema, rule.response(call), 'scripted response') : rule.response;
    }
    const step = this.script.steps[this.nextStep];
    if (step) {
      this.nextStep += 1;
      return step;
    }
    if (this.script.fallback) return this.script.fallback;
    throw new ScriptExhaustedError(call);
  }

  private async perform(
    response: ScriptResponse,
    signal: AbortSignal | undefined,
    onToken: ((text: string) => void) | undefined,
  ): Promise<{ text: string; toolCalls: ToolCall[]; finishReason: ChatResult['finishReason']; usage?: TokenUsage; pieces: number }> {
    if (response.type === 'hang') {
      await waitForAbort(signal);
      return { text: '', toolCalls: [], finishReason: 'aborted', pieces: 0 };
    }
    if (response.delayMs && !(await sleepUnlessAborted(response.delayMs, signal))) {
      return { text: '', toolCalls: [], finishReason: 'aborted', pieces: 0 };
    }
    switch (response.type) {
      case 'error':
        throw this.scriptedError(response);
      case 'json': {
        const text = JSON.stringify(response.value) ?? 'undefined';
        onToken?.(text);
        return { text, toolCalls: [], finishReason: 'stop', usage: response.usage, pieces: Math.ceil(text.length / 4) };
      }
      case 'toolCalls': {
        const toolCalls = response.toolCalls.map((c, i) => ({ id: c.id ?? `call_${this.requests.length}_${i}`, name: c.name, arguments: c.arguments }));
        const text = response.text ?? '';
        if (text) onToken?.(text);
        return { text, toolCalls, finishReason: 'tool_calls', usage: response.usage, pieces: Math.ceil(text.length / 4) + toolCalls.length };
      }
      case 'text': {
        const pieces = response.tokens ?? splitIntoPieces(response.text);
        let text = '';
        for (const piece of pieces) {
          if (response.tokenDelayMs && !(await sleepUnlessAborted(response.tokenDelayMs, signal))) {
            return { text, toolCalls: [], finishReason: 'aborted', pieces: pieces.length };
          }
          if (signal?.aborted) return { text, toolCalls: [], finishReason: 'aborted', pieces: pieces.length };
          text += piece;
          onToken?.(piece);
        }
        return { text, toolCalls: [], finishReason: response.finishReason ?? 'stop', usage: response.usage, pieces: pieces.length };
      }
    }
  }

  private scriptedError(response: Extract<ScriptResponse, { type: 'error' }>): StewardError {
    const message = response.message ?? 'scripted failure';
    switch (response.error) {
      case 'timeout':
        return new ProviderTimeoutError(this.id, response.delayMs ?? 0);
      case 'failed':
        return new ProviderFailedError(this.id, message);
      case 'retryable':
        return new ProviderFailedError(this.id, message, { retryable: true });
      case 'auth_missing':
        return new ProviderAuthError(this.id, 'missing');
      case 'auth_rejected':
        return new ProviderAuthError(this.id, 'rejected');
      case 'model_missing':
        return new ModelMissingError({ modelId: this.script.model });
    }
  }

  private result(text: string, toolCalls: ToolCall[], finishReason: ChatResult['finishReason'], usage: TokenUsage): ChatResult {
    return { text, toolCalls, finishReason, usage, provider: this.id, model: this.script.model };
  }
}

/** Reads and validates a JSON script file (STEWARD_PROVIDER=scripted:/path/script.json). */
export async function loadScriptedProvider(file: string, options: ScriptedProviderOptions = {}): Promise<ScriptedProvider> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    throw new StewardError('not_found', `The provider script ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check the path after "scripted:".`, {
      cause: err,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new ValidationError(`provider script ${file}`, [{ path: '', message: `not valid JSON (${(err as Error).message})` }]);
  }
  const script = parseOrThrow(ScriptSchema, json, `provider script ${file}`);
  return new ScriptedProvider(script, options);
}

/** STEWARD_PROVIDER=scripted:/path/script.json → the provider; anything else is refused with the expected form. */
export async function loadScriptedProviderFromSpec(spec: string, options: ScriptedProviderOptions = {}): Promise<ScriptedProvider> {
  const match = /^scripted:(.+)$/.exec(spec.trim());
  if (!match?.[1]) throw new ValidationError('STEWARD_PROVIDER', [{ path: 'STEWARD_PROVIDER', message: 'must look like scripted:/path/to/script.json' }]);
  return loadScriptedProvider(match[1], options);
}

function compileRegex(source: string | undefined, where: string): RegExp | null {
  if (source === undefined) return null;
  try {
    return new RegExp(source, 'i');
  } catch (err) {
    throw new ValidationError('scripted provider script', [{ path: where, message: `must be a valid regular expression (${(err as Error).message})` }]);
  }
}

function matches(match: ScriptMatch, lastUser: RegExp | null, call: ScriptedCall): boolean {
  if (match.role !== undefined) {
    const roles = Array.isArray(match.role) ? match.role : [match.role];
    if (!call.role || !roles.includes(call.role)) return false;
  }
  if (match.call !== undefined && match.call !== call.kind) return false;
  if (match.schemaName !== undefined && match.schemaName !== call.schemaName) return false;
  if (match.attempt !== undefined && match.attempt !== call.attempt) return false;
  if (match.hasTools !== undefined && match.hasTools !== Boolean(call.tools?.length)) return false;
  if (lastUser && !lastUser.test(call.lastUserText)) return false;
  if (match.temperature !== undefined && match.temperature !== call.temperature) return false;
  if (match.system !== undefined && !new RegExp(match.system, 'i').test(call.messages.find((m) => m.role === 'system')?.content ?? '')) return false;
  return true;
}

function lastUserText(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (message?.role === 'user') return message.content;
  }
  return '';
}

function approxTokens(messages: ChatMessage[]): number {
  return Math.ceil(messages.reduce((sum, m) => sum + m.content.length, 0) / 4);
}

/** Words with their leading whitespace, so joining the pieces gives back the text exactly. */
export function splitIntoPieces(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** A unit vector derived from the text's hash: equal texts embed equally, different texts differ. */
function hashedVector(text: string, dimensions: number): number[] {
  const values: number[] = [];
  let counter = 0;
  while (values.length < dimensions) {
    const digest = createHash('sha256').update(`${counter}:${text}`).digest();
    for (let i = 0; i + 1 < digest.length && values.length < dimensions; i += 2) values.push((digest.readUInt16BE(i) / 65535) * 2 - 1);
    counter += 1;
  }
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
  return values.map((v) => v / norm);
}

function waitForAbort(signal: AbortSignal | undefined): Promise<void> {
  // Without a signal a hang lasts forever by design: it is how tests prove a caller's timeout works.
  if (!signal) return new Promise(() => undefined);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
