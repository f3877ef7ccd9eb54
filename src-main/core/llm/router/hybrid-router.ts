/**
 * The hybrid router: an LlmProvider in front of the local and the cloud provider. It picks one
 * per call (routing-rules.ts, complexity.ts), falls back to the other on a timeout, an error or
 * JSON still invalid after the one repair, and records every attempt in the call log.
 *
 * Timeouts: with a fallback available, the first provider gets
 * settings.llm.routing.fallbackTimeoutSeconds to produce its answer (for streamed chat: its first
 * piece of text). Once text has streamed to the caller the call is never moved — the user already
 * sees that answer — so later errors are reported as they are.
 */
import { performance } from 'node:perf_hooks';
import type { Settings } from '../../../../src-preload/schemas/settings.js';
import { StewardError, toStewardError } from '../../errors.js';
import type { CallKind, CallRecorder, LlmCallEntry } from '../call-log/call-entry.js';
import { ModelMissingError, ProviderTimeoutError } from '../llm-errors.js';
import { isPriceKnown } from '../pricing.js';
import type { AnsweredBy, CallerRole, ChatJsonRequest, ChatJsonResult, ChatRequest, ChatResult, LlmProvider, ProviderInfo, TokenUsage } from '../provider.js';
import type { ChosenCloud } from './chosen-cloud-providers.js';
import { estimateComplexity } from './complexity.js';
import { AllProvidersFailedError, NoModelConfiguredError } from './router-errors.js';
import { pinnedPlan, routePlan, type RoutingSettings, type Slot } from './routing-rules.js';
import { imageNamesIn, slotForImages } from '../vision/image-routing.js';

/**
 * visionModels and localModel only matter for requests with images, cloudProviders only for naming
 * the provider that answered (optional so routing-only callers may leave them out).
 */
export type RouterSettings = Pick<Settings['llm'], 'cloud' | 'routing'> & Partial<Pick<Settings['llm'], 'visionModels' | 'localModel' | 'cloudProviders'>>;

export interface HybridRouterOptions {
  /** The node-llama-cpp provider; null when no local model is installed. */
  local: LlmProvider | null;
  /** The OpenAI-compatible provider; null when none is configured. Used only while settings.llm.cloud.enabled. */
  cloud: LlmProvider | null;
  /** Read on every call, so changes in Settings apply at once. */
  settings: () => RouterSettings;
  recorder?: CallRecorder;
  /** Told about every recorded call (e.g. to emit cost.updated). */
  onCall?: (entry: LlmCallEntry) => void;
  /** A failed call-log write never fails the model call; it is reported here. */
  onRecordError?: (error: unknown) => void;
  now?: () => Date;
  /**
   * The local provider for a call (LlmService's LocalModelSwap): the installed model a conversation
   * chose, loaded in place of the current one, or — for a call that chose none — the loaded one.
   * Without it the router uses `local` as it is.
   */
  localFor?: (model: string | undefined, onLoading?: (model: string) => void) => Promise<LlmProvider | null>;
  /**
   * The configured cloud provider a conversation chose (request.cloudProvider; ChosenCloudProviders):
   * throws ChosenModelUnavailableError saying what to fix when it cannot answer. Without it a
   * request's cloudProvider is ignored and the cloud model in use answers.
   */
  cloudFor?: (providerId: string) => Promise<ChosenCloud>;
}

interface RouterState {
  options: HybridRouterOptions;
  providers: { local: LlmProvider | null; cloud: LlmProvider | null };
  /** Calls running per provider, so a model is unloaded only once they are done (whenIdle). */
  running: Map<LlmProvider, { calls: number; idle: Array<() => void> }>;
  /** Failed attempts per task id (bounded), an input of the complexity estimate. */
  taskFailures: Map<string, number>;
}

const MAX_TRACKED_TASKS = 1000;

interface Attempt<T> {
  /**
   * Runs the call on one provider. Before passing streamed text to the caller it asks `mayShow`:
   * false means this attempt was already given up (timed out), so its late text must not appear.
   */
  run(provider: LlmProvider, signal: AbortSignal, mayShow: () => boolean): Promise<T>;
  usage(result: T): TokenUsage;
  model(result: T): string;
  repaired(result: T): boolean;
  /** chat returns an aborted result rather than throwing. */
  aborted(result: T): boolean;
}

export class HybridRouter implements LlmProvider {
  readonly id = 'router';
  private readonly state: RouterState;
  private readonly taskId: string | null;

  constructor(options: HybridRouterOptions);
  constructor(state: RouterState, taskId: string);
  constructor(arg: HybridRouterOptions | RouterState, taskId?: string) {
    this.state = 'taskFailures' in arg ? arg : { options: arg, providers: { local: arg.local, cloud: arg.cloud }, running: new Map(), taskFailures: new Map() };
    this.taskId = taskId ?? null;
  }

  /** The same router with calls attributed to `taskId`: earlier failures of that task raise complexity, and the log records the task. */
  forTask(taskId: string): HybridRouter {
    return new HybridRouter(this.state, taskId);
  }

  /** Swaps providers when a model is installed or the cloud is configured, without rebuilding callers. */
  setProviders(providers: { local?: LlmProvider | null; cloud?: LlmProvider | null }): void {
    if (providers.local !== undefined) this.state.providers.local = providers.local;
    if (providers.cloud !== undefined) this.state.providers.cloud = providers.cloud;
  }

  /** Resolves once no call is running on this provider (a local model is unloaded only then). */
  whenIdle(provider: LlmProvider): Promise<void> {
    const running = this.state.running.get(provider);
    if (!running || running.calls === 0) return Promise.resolve();
    return new Promise((resolve) => running.idle.push(resolve));
  }

  /** Failed attempts recorded so far for a task. */
  failuresFor(taskId: string): number {
    return this.state.taskFailures.get(taskId) ?? 0;
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    return this.route('chat', request, request.tools?.length ?? 0, {
      run: (provider, signal, mayShow) =>
        provider.chat({
          ...request,
          signal,
          ...(request.onToken && {
            onToken: (text: string) => {
              if (mayShow()) request.onToken?.(text);
            },
          }),
        }),
      usage: (r) => r.usage,
      model: (r) => r.model,
      repaired: () => false,
      aborted: (r) => r.finishReason === 'aborted',
    });
  }

  async chatJson<T>(request: ChatJsonRequest<T>): Promise<ChatJsonResult<T>> {
    return this.route('chat_json', request, 0, {
      run: (provider, signal) => provider.chatJson({ ...request, signal }),
      usage: (r) => r.usage,
      model: (r) => r.model,
      repaired: (r) => r.repaired,
      aborted: () => false,
    });
  }

  /**
   * Embeddings never fall back: vectors from two models live in different spaces, and mixing
   * them would corrupt the memory index. The local model embeds when installed; otherwise the
   * cloud, if enabled and allowed.
   */
  async embed(texts: string[], options?: { signal?: AbortSignal; purpose?: 'self-check' }): Promise<number[][]> {
    const settings = this.routingSettings();
    // Whichever local model is loaded embeds, with the same embedding file (LocalModelSwap keeps it).
    const local = this.state.options.localFor ? await this.state.options.localFor(undefined) : this.state.providers.local;
    const cloud = this.state.providers.cloud;
    const slot: Slot | null = local ? 'local' : cloud && settings.cloudEnabled && settings.allowFallbackToCloud ? 'cloud' : null;
    if (!slot) throw this.noModel(settings);
    const provider = (slot === 'local' ? local : cloud) as LlmProvider;
    const started = performance.now();
    const promptTokens = Math.ceil(texts.reduce((sum, t) => sum + t.length, 0) / 4);
    const base = { slot, provider, role: 'memory' as CallerRole, kind: 'embed' as const, complexity: null, started };
    try {
      const vectors = await provider.embed(texts, options?.signal ? { signal: options.signal } : undefined);
      // A self-check (memory judging the embedder at start) is not work the user asked for: the
      // call log and the Router dashboard show only that.
      if (options?.purpose !== 'self-check') await this.record({ ...base, outcome: 'ok', usage: { promptTokens, completionTokens: 0 } });
      return vectors;
    } catch (err) {
      if (options?.purpose !== 'self-check') await this.record({ ...base, outcome: options?.signal?.aborted ? 'cancelled' : 'error', error: err });
      throw err;
    }
  }

  /**
   * Reranking runs on the local provider only (a reranking GGUF on this machine); there is no
   * cloud fallback, so memory keeps its own order when none is installed.
   */
  async rank(query: string, documents: string[], options?: { signal?: AbortSignal; purpose?: 'self-check' }): Promise<number[]> {
    const local = this.state.providers.local;
    if (!local?.rank) throw new ModelMissingError({ role: 'reranker', modelId: 'qwen3-reranker-0.6b-q8_0' });
    return local.rank(query, documents, options);
  }

  async countTokens(text: string): Promise<number> {
    const provider = this.state.providers.local ?? this.state.providers.cloud;
    return provider ? provider.countTokens(text) : Math.ceil(text.length / 4);
  }

  /** An upper bound for budgeting before a call: the price if the cloud answered it (0 when the cloud is off). */
  estimateCost(usage: TokenUsage): number {
    const cloud = this.state.providers.cloud;
    return cloud && this.routingSettings().cloudEnabled ? cloud.estimateCost(usage) : 0;
  }

  async info(): Promise<ProviderInfo> {
    const { local, cloud } = this.state.providers;
    const settings = this.routingSettings();
    const localInfo = local ? await local.info() : null;
    const cloudInfo = cloud ? await cloud.info() : null;
    const primary = localInfo ?? cloudInfo;
    const describe = (label: string, info: ProviderInfo | null, enabled = true) =>
      info ? `${label}: ${info.model} (${info.backend})${enabled ? '' : ', disabled'}` : `${label}: none`;
    return {
      provider: this.id,
      kind: 'router',
      model: primary?.model ?? 'none',
      contextSize: primary?.contextSize ?? 0,
      backend: primary?.backend ?? 'none',
      gpu: localInfo?.gpu ?? null,
      backendReason: `${describe('local', localInfo)}; ${describe('cloud', cloudInfo, settings.cloudEnabled)}${localInfo?.backendReason ? `; ${localInfo.backendReason}` : ''}`,
    };
  }

  /** The router owns both providers: closing it closes them. */
  async close(): Promise<void> {
    const { local, cloud } = this.state.providers;
    await Promise.all([local?.close(), cloud?.close()]);
  }

  private routingSettings(): RoutingSettings & { fallbackTimeoutMs: number } {
    const s = this.state.options.settings();
    return {
      cloudEnabled: s.cloud.enabled,
      cloudComplexityThreshold: s.routing.cloudComplexityThreshold,
      allowFallbackToCloud: s.routing.allowFallbackToCloud,
      allowFallbackToLocal: s.routing.allowFallbackToLocal,
      fallbackTimeoutMs: s.routing.fallbackTimeoutSeconds * 1000,
    };
  }

  private noModel(settings: RoutingSettings): NoModelConfiguredError {
    return new NoModelConfiguredError({
      localInstalled: this.state.providers.local !== null,
      cloudConfigured: this.state.providers.cloud !== null,
      cloudEnabled: settings.cloudEnabled,
      blockedBySetting: this.state.providers.cloud !== null && settings.cloudEnabled,
    });
  }

  private async route<T>(
    kind: CallKind,
    request: Pick<ChatRequest, 'messages' | 'role' | 'complexity' | 'signal' | 'slot' | 'localModel' | 'onModelLoading' | 'cloudProvider'>,
    toolCount: number,
    attempt: Attempt<T>,
  ): Promise<T> {
    const settings = this.routingSettings();
    const complexity = estimateComplexity({
      role: request.role,
      messages: request.messages,
      toolCount,
      structured: kind === 'chat_json',
      ...(request.complexity !== undefined && { explicit: request.complexity }),
      earlierFailures: this.taskId ? this.failuresFor(this.taskId) : 0,
    });
    const chosenLocal = request.slot === 'local' ? request.localModel : undefined;
    // A provider chosen by name answers alone, whether or not the app's default cloud model is on.
    const chosenCloud = request.slot === 'cloud' && request.cloudProvider && this.state.options.cloudFor ? await this.state.options.cloudFor(request.cloudProvider) : null;
    const available = { local: this.state.providers.local !== null || chosenLocal !== undefined, cloud: this.state.providers.cloud !== null };
    const images = imageNamesIn(request.messages);
    const plan: Slot[] =
      images.length > 0
        ? [this.slotForImages(images, request.slot, chosenCloud ? { usable: true, model: chosenCloud.model } : { usable: settings.cloudEnabled && available.cloud, model: null })]
        : chosenCloud
          ? ['cloud']
          : request.slot
            ? pinnedPlan(request.slot, settings, available)
            : routePlan(request.role, complexity, settings, available);
    const role = request.role ?? 'other';
    const failures: Array<{ slot: Slot; error: unknown }> = [];

    const localFor = this.state.options.localFor;
    const local = plan.includes('local') && localFor ? await localFor(chosenLocal, request.onModelLoading) : this.state.providers.local;
    for (const [index, slot] of plan.entries()) {
      const provider = (slot === 'local' ? local : (chosenCloud?.provider ?? this.state.providers.cloud)) as LlmProvider;
      const hasNext = index < plan.length - 1;
      const started = performance.now();
      const base = { slot, provider, role, kind, complexity, started };
      let delivered = false;
      try {
        const result = await this.runOnce(provider, request.signal, hasNext ? settings.fallbackTimeoutMs : null, attempt, () => {
          delivered = true;
        });
        const cancelled = attempt.aborted(result);
        await this.record({ ...base, outcome: cancelled ? 'cancelled' : 'ok', usage: attempt.usage(result), model: attempt.model(result), repaired: attempt.repaired(result) });
        return { ...result, answeredBy: this.answeredBy(slot, chosenCloud), costUsd: Math.max(0, provider.estimateCost(attempt.usage(result))) };
      } catch (err) {
        if (request.signal?.aborted) {
          await this.record({ ...base, outcome: 'cancelled', error: err });
          throw err;
        }
        const canMove = hasNext && !delivered && isFallbackWorthy(err);
        await this.record({ ...base, outcome: canMove ? 'fallback' : 'error', error: err });
        this.noteFailure();
        failures.push({ slot, error: err });
        if (!canMove) throw failures.length > 1 ? new AllProvidersFailedError(failures) : err;
      }
    }
    // Unreachable: the last planned attempt either returns or throws.
    throw new AllProvidersFailedError(failures);
  }

  /**
   * A request with images goes only to a cloud model that reads them, with no fallback
   * (vision/image-routing.ts): the chosen provider's model, else the cloud model in use.
   */
  private slotForImages(images: string[], pinned: Slot | undefined, cloud: { usable: boolean; model: string | null }): Slot {
    const s = this.state.options.settings();
    return slotForImages(images, { pinned, cloudUsable: cloud.usable, cloudModel: cloud.model ?? s.cloud.model, localModel: s.localModel ?? null, marking: s.visionModels ?? {} });
  }

  /** Where the answer came from, for the reply's "answered by" line: this computer, or the cloud provider by name. */
  private answeredBy(slot: Slot, chosen: ChosenCloud | null): AnsweredBy {
    if (slot === 'local') return { location: 'local', provider: null };
    if (chosen) return { location: 'cloud', provider: chosen.name };
    const s = this.state.options.settings();
    return { location: 'cloud', provider: s.cloudProviders?.find((p) => p.id === s.cloud.providerId)?.name ?? null };
  }

  /** One attempt, bounded by the fallback timeout (until first text) when another provider could take over. */
  private runOnce<T>(provider: LlmProvider, callerSignal: AbortSignal | undefined, timeoutMs: number | null, attempt: Attempt<T>, onDelivered: () => void): Promise<T> {
    const controller = new AbortController();
    const forwardAbort = () => controller.abort();
    callerSignal?.addEventListener('abort', forwardAbort, { once: true });
    if (callerSignal?.aborted) controller.abort();
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const done = this.track(provider);
    const running = attempt.run(provider, controller.signal, () => {
      if (settled) return false;
      clearTimeout(timer);
      onDelivered();
      return true;
    });
    const cleanup = () => {
      done();
      settled = true;
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', forwardAbort);
    };
    if (timeoutMs === null) return running.finally(cleanup);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        settled = true;
        controller.abort();
        reject(new ProviderTimeoutError(provider.id === 'router' ? 'routed' : provider.id, timeoutMs));
      }, timeoutMs);
    });
    // A provider that ignores the abort may settle later; its outcome no longer matters.
    running.catch(() => undefined);
    return Promise.race([running, timeout]).finally(cleanup);
  }

  /** Counts a call running on a provider; the returned function ends it (once). */
  private track(provider: LlmProvider): () => void {
    const running = this.state.running.get(provider) ?? { calls: 0, idle: [] };
    this.state.running.set(provider, running);
    running.calls += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      running.calls -= 1;
      if (running.calls > 0) return;
      this.state.running.delete(provider);
      for (const resolve of running.idle.splice(0)) resolve();
    };
  }

  private noteFailure(): void {
    if (!this.taskId) return;
    const failures = this.state.taskFailures;
    failures.set(this.taskId, (failures.get(this.taskId) ?? 0) + 1);
    if (failures.size > MAX_TRACKED_TASKS) {
      const oldest = failures.keys().next().value;
      if (oldest !== undefined) failures.delete(oldest);
    }
  }

  private async record(call: {
    slot: Slot;
    provider: LlmProvider;
    role: CallerRole;
    kind: CallKind;
    complexity: number | null;
    started: number;
    outcome: LlmCallEntry['outcome'];
    usage?: TokenUsage;
    model?: string;
    repaired?: boolean;
    error?: unknown;
  }): Promise<void> {
    const { recorder, onCall, onRecordError, now } = this.state.options;
    if (!recorder && !onCall) return;
    try {
      const usage = call.usage ?? { promptTokens: 0, completionTokens: 0 };
      const entry: LlmCallEntry = {
        at: (now ?? (() => new Date()))(),
        provider: call.provider.id,
        location: call.slot,
        model: call.model ?? (await modelOf(call.provider)),
        role: call.role,
        kind: call.kind,
        taskId: this.taskId,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        latencyMs: Math.max(0, performance.now() - call.started),
        costUsd: Math.max(0, call.provider.estimateCost(usage)),
        priceKnown: isPriceKnown(call.provider),
        outcome: call.outcome,
        errorCode: call.error === undefined ? null : toStewardError(call.error).code,
        complexity: call.complexity,
        repaired: call.repaired ?? false,
      };
      recorder?.record(entry);
      onCall?.(entry);
    } catch (err) {
      onRecordError?.(err);
    }
  }
}

/** A caller's own mistake (bad input) fails the same way everywhere; everything else may succeed on the other model. */
function isFallbackWorthy(err: unknown): boolean {
  if (err instanceof StewardError) return err.code !== 'invalid_input' && err.code !== 'cancelled';
  return true;
}

const modelNames = new WeakMap<LlmProvider, string>();

async function modelOf(provider: LlmProvider): Promise<string> {
  const known = modelNames.get(provider);
  if (known) return known;
  try {
    const model = (await provider.info()).model;
    modelNames.set(provider, model);
    return model;
  } catch {
    return provider.id;
  }
}
