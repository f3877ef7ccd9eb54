/**
 * The local model as the main process sees it when inference runs in its own process: the same
 * LlmProvider as LocalLlamaProvider, answered by the inference worker (inference-worker.ts).
 *
 * Why a process: llama.cpp's batched decode contends on libuv's thread pool, which can only be
 * shrunk (UV_THREADPOOL_SIZE=1) in a process that does nothing else; and a llama.cpp abort or
 * out-of-memory then kills the worker, never the app.
 *
 * Recovery: when the worker dies, requests in flight fail with LocalModelStoppedError, the worker
 * is started again after a back-off and the model reloaded; requests made meanwhile wait for it.
 * A worker that dies while loading MAX_LOAD_CRASHES times in a row, or a model the worker reports
 * it cannot load (not a GGUF, truncated, too big), is marked failed with the reason and never
 * restarted in a loop; calls then fail at once, so the router can answer from the cloud.
 */
import path from 'node:path';
import { z } from 'zod';
import { completeJsonWithRepair } from '../json-repair.js';
import { ProviderCancelledError, ProviderFailedError } from '../llm-errors.js';
import type { LocalChatResult, LocalProviderInfo, LocalProviderStats } from '../local/local-llama-provider.js';
import type { ChatJsonRequest, ChatJsonResult, ChatRequest, LlmProvider, TokenUsage } from '../provider.js';
import { workerEnvironment, type InferenceLauncher, type InferenceProcess, type WorkerExit } from './inference-launcher.js';
import { InferenceWorkerMissingError, LocalModelFailedError, LocalModelStoppedError, WorkerReportedError } from './worker-errors.js';
import { WorkerLoadOptionsSchema, WorkerMessageSchema, type ParentMessage, type WorkerLoadOptions, type WorkerMemoryReport, type WorkerMessage } from './worker-protocol.js';
import { describeExit, StderrTail } from './worker-exit.js';

export type WorkerState = 'not-started' | 'starting' | 'ready' | 'restarting' | 'failed' | 'closed';

export interface WorkerStatus {
  state: WorkerState;
  pid: number | null;
  /** How many times the worker was started again after dying. */
  restarts: number;
  lastCrash: { at: string; reason: string; stderrTail: string } | null;
  /** Why the model is marked failed (state 'failed'). */
  failedReason: string | null;
  memory: WorkerMemoryReport | null;
  threadPoolSize: string | null;
}

export interface WorkerLlmProviderOptions extends WorkerLoadOptions {
  launcher: InferenceLauncher;
  /** libuv threads in the worker. Default 1 (docs/benchmarks.md, "Parallel requests"). */
  threadPoolSize?: number;
  /** Deaths while loading, in a row, before the model is marked failed. Default 2. */
  maxLoadCrashes?: number;
  /** First restart delay; doubles per crash in a row up to maxRestartDelayMs. Default 250 ms. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  onStatus?: (status: WorkerStatus) => void;
  log?: (message: string) => void;
}

interface InFlight {
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  onToken?: (text: string) => void;
}

const PROVIDER = 'local';
const LOAD_KEYS: ReadonlySet<string> = new Set(Object.keys(WorkerLoadOptionsSchema.shape));
/** A worker that has served this long since its last start is healthy again: back-off starts over. */
const HEALTHY_AFTER_MS = 60_000;

const LocalChatResultSchema = z
  .object({
    text: z.string(),
    toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.record(z.string(), z.unknown()) })),
    finishReason: z.enum(['stop', 'length', 'tool_calls', 'aborted']),
    usage: z.object({ promptTokens: z.number(), completionTokens: z.number() }),
    provider: z.string(),
    model: z.string(),
    evaluatedPromptTokens: z.number(),
    cachedPromptTokens: z.number(),
  })
  .strict();

export class WorkerLlmProvider implements LlmProvider {
  readonly id = PROVIDER;
  private readonly options: WorkerLlmProviderOptions;
  private worker: InferenceProcess | null = null;
  private readyPromise: Promise<void> | null = null;
  private readonly inFlight = new Map<number, InFlight>();
  private nextId = 1;
  private state: WorkerState = 'not-started';
  private restarts = 0;
  private crashesInARow = 0;
  private loadCrashesInARow = 0;
  private lastCrash: WorkerStatus['lastCrash'] = null;
  private failure: Error | null = null;
  private memory: WorkerMemoryReport | null = null;
  private threadPoolSize: string | null = null;
  private startedAt = 0;
  private loadedInfo: LocalProviderInfo | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private cancelRestart: (() => void) | null = null;
  private closed = false;

  constructor(options: WorkerLlmProviderOptions) {
    this.options = options;
  }

  static async open(options: WorkerLlmProviderOptions): Promise<WorkerLlmProvider> {
    const provider = new WorkerLlmProvider(options);
    await provider.load();
    return provider;
  }

  get modelId(): string {
    return this.options.modelId ?? path.basename(this.options.modelPath).replace(/\.gguf$/i, '');
  }

  /** Starts the worker and loads the model once; later calls wait for the same load (or a restart). */
  load(): Promise<void> {
    if (this.closed) return Promise.reject(new ProviderFailedError(PROVIDER, 'the local model was closed'));
    if (this.failure) return Promise.reject(this.failure);
    this.readyPromise ??= this.start();
    return this.readyPromise;
  }

  status(): WorkerStatus {
    return {
      state: this.state,
      pid: this.worker?.pid ?? null,
      restarts: this.restarts,
      lastCrash: this.lastCrash,
      failedReason: this.failure ? (this.failure as { userMessage?: string }).userMessage ?? this.failure.message : null,
      memory: this.memory,
      threadPoolSize: this.threadPoolSize,
    };
  }

  /** The running worker's process id (tests kill it to prove recovery). */
  get pid(): number | null {
    return this.worker?.pid ?? null;
  }

  private setState(state: WorkerState): void {
    this.state = state;
    this.options.onStatus?.(this.status());
  }

  private start(): Promise<void> {
    const o = this.options;
    const { launcher, threadPoolSize } = o;
    // Only the load options cross the process boundary (the launcher and callbacks cannot).
    const load = Object.fromEntries(Object.entries(o).filter(([key]) => LOAD_KEYS.has(key))) as WorkerLoadOptions;
    return new Promise<void>((resolve, reject) => {
      let worker: InferenceProcess;
      try {
        worker = launcher.launch({ env: workerEnvironment(threadPoolSize ?? 1) });
      } catch (err) {
        this.markFailed(err instanceof Error ? err : new Error(String(err)));
        reject(this.failure);
        return;
      }
      this.worker = worker;
      this.startedAt = Date.now();
      let loaded = false;
      const stderr = new StderrTail();
      worker.onStderr((text) => stderr.push(text));
      worker.onMessage((raw) => {
        const parsed = WorkerMessageSchema.safeParse(raw);
        if (!parsed.success) {
          o.log?.(`inference worker sent a message that does not match the protocol: ${parsed.error.issues[0]?.message}`);
          return;
        }
        const message = parsed.data;
        if (message.type === 'loaded') {
          loaded = true;
          this.loadCrashesInARow = 0;
          this.loadedInfo = message.info as unknown as LocalProviderInfo;
          this.setState('ready');
          resolve();
        } else if (message.type === 'loadFailed') {
          // The worker is alive but the model cannot be loaded: no restart would change that.
          this.markFailed(new WorkerReportedError(message.error));
          reject(this.failure);
          worker.send({ type: 'close' });
        } else {
          this.onMessage(message);
        }
      });
      worker.onExit((exit) => {
        if (this.worker === worker) this.worker = null;
        this.onExit(exit, stderr.text(), loaded, reject);
      });
      this.setState('starting');
      worker.send({ type: 'load', options: load });
    });
  }

  private onMessage(message: WorkerMessage): void {
    switch (message.type) {
      case 'ready':
        this.threadPoolSize = message.threadPoolSize;
        return;
      case 'memory':
        this.memory = message.memory;
        return;
      case 'tokens':
        for (const { id, text } of message.batch) this.inFlight.get(id)?.onToken?.(text);
        return;
      case 'result':
      case 'error': {
        const request = this.inFlight.get(message.id);
        if (!request) return;
        this.inFlight.delete(message.id);
        if (message.type === 'result') request.resolve(message.value);
        else request.reject(new WorkerReportedError(message.error));
        return;
      }
      case 'protocolError':
        this.options.log?.(`inference worker: ${message.message}`);
        return;
      default:
        return;
    }
  }

  private onExit(exit: WorkerExit, stderrTail: string, wasLoaded: boolean, rejectLoad: (err: unknown) => void): void {
    if (this.closed || this.state === 'failed') {
      const err = this.failure ?? new ProviderFailedError(PROVIDER, 'the local model was closed');
      this.failAll(err);
      // Whoever waits for this load must hear that it will not happen.
      rejectLoad(err);
      return;
    }
    const reason = describeExit(exit);
    this.lastCrash = { at: new Date().toISOString(), reason, stderrTail };
    this.options.log?.(`inference worker stopped (${reason})${stderrTail ? `: ${stderrTail.slice(-300)}` : ''}`);
    if (Date.now() - this.startedAt > HEALTHY_AFTER_MS) this.crashesInARow = 0;
    this.crashesInARow++;
    if (!wasLoaded) this.loadCrashesInARow++;
    const giveUp = this.loadCrashesInARow >= (this.options.maxLoadCrashes ?? 2);
    const stopped = new LocalModelStoppedError(reason, stderrTail, !giveUp);
    this.failAll(stopped);
    if (giveUp) {
      this.markFailed(new LocalModelFailedError(this.modelId, `the inference worker stopped ${this.loadCrashesInARow} times in a row while loading it (last: ${reason}). Choose another model or a smaller context in Models.`));
      rejectLoad(this.failure);
      return;
    }
    // Requests made from now on wait for the restarted worker.
    const delay = Math.min(this.options.maxRestartDelayMs ?? 10_000, (this.options.restartDelayMs ?? 250) * 2 ** (this.crashesInARow - 1));
    let restarted!: () => void;
    let restartFailed!: (err: unknown) => void;
    const next = new Promise<void>((resolve, reject) => {
      restarted = resolve;
      restartFailed = reject;
    });
    next.catch(() => undefined);
    if (!wasLoaded) rejectLoad(stopped);
    this.readyPromise = next;
    this.cancelRestart = () => restartFailed(new ProviderFailedError(PROVIDER, 'the local model was closed'));
    this.setState('restarting');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.closed) return restartFailed(new ProviderFailedError(PROVIDER, 'the local model was closed'));
      this.restarts++;
      this.readyPromise = null;
      const again = this.load();
      again.then(restarted, restartFailed);
    }, delay);
  }

  private markFailed(err: Error): void {
    this.failure = err;
    this.setState('failed');
    this.failAll(err);
  }

  private failAll(err: unknown): void {
    const requests = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const r of requests) r.reject(err);
  }

  /** Sends one request once the worker is ready; resolves with the worker's answer. */
  private async request(message: DistributiveOmit<Extract<ParentMessage, { id: number }>, 'id'>, options: { signal?: AbortSignal; onToken?: (text: string) => void } = {}): Promise<unknown> {
    await this.load();
    const worker = this.worker;
    if (!worker) throw new LocalModelStoppedError('the inference worker is not running', '', true);
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = () => worker.send({ type: 'abort', id });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => options.signal?.removeEventListener('abort', onAbort);
      this.inFlight.set(id, {
        resolve: (v) => {
          done();
          resolve(v);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        onToken: options.onToken,
      });
      worker.send({ ...message, id } as ParentMessage);
    });
  }

  async chat(request: ChatRequest): Promise<LocalChatResult> {
    if (request.signal?.aborted) return this.abortedResult();
    const { signal, onToken } = request;
    const wire = { messages: request.messages, tools: request.tools, maxTokens: request.maxTokens, temperature: request.temperature };
    const value = await this.request({ type: 'chat', request: wire, stream: onToken !== undefined }, { signal, onToken });
    return LocalChatResultSchema.parse(value);
  }

  private abortedResult(): LocalChatResult {
    return { provider: PROVIDER, model: this.modelId, text: '', toolCalls: [], finishReason: 'aborted', usage: { promptTokens: 0, completionTokens: 0 }, evaluatedPromptTokens: 0, cachedPromptTokens: 0 };
  }

  async chatJson<T>(request: ChatJsonRequest<T>): Promise<ChatJsonResult<T>> {
    // The grammar is built in the worker from the JSON Schema; zod (refinements included) and the repair stay here.
    const jsonSchema = z.toJSONSchema(request.schema, { unrepresentable: 'any' }) as Record<string, unknown>;
    const result = await completeJsonWithRepair({
      schema: request.schema,
      schemaName: request.schemaName,
      messages: request.messages,
      callModel: async (messages) => {
        if (request.signal?.aborted) throw new ProviderCancelledError('The model request');
        const r = LocalChatResultSchema.parse(
          await this.request({ type: 'json', request: { messages, maxTokens: request.maxTokens, temperature: request.temperature }, jsonSchema }, { signal: request.signal }),
        );
        if (r.finishReason === 'aborted') throw new ProviderCancelledError('The model request');
        return { text: r.text, usage: r.usage };
      },
    });
    return { value: result.value, usage: result.usage, repaired: result.repaired, provider: PROVIDER, model: this.modelId };
  }

  async embed(texts: string[], options: { signal?: AbortSignal } = {}): Promise<number[][]> {
    if (options.signal?.aborted) throw new ProviderCancelledError('The embedding request');
    return z.array(z.array(z.number())).parse(await this.request({ type: 'embed', texts }, { signal: options.signal }));
  }

  /** Scores from the worker's reranking model; a score outside 0…1 is a bug on the other side and refused. */
  async rank(query: string, documents: string[], options: { signal?: AbortSignal } = {}): Promise<number[]> {
    if (options.signal?.aborted) throw new ProviderCancelledError('The ranking request');
    if (documents.length === 0) return [];
    return z.array(z.number().min(0).max(1)).length(documents.length).parse(await this.request({ type: 'rank', query, documents }, { signal: options.signal }));
  }

  async countTokens(text: string): Promise<number> {
    return z.number().int().parse(await this.request({ type: 'countTokens', text }));
  }

  estimateCost(_usage: TokenUsage): number {
    return 0;
  }

  async warmUp(options: { systemPrompt?: string } = {}): Promise<void> {
    await this.request({ type: 'warmUp', systemPrompt: options.systemPrompt });
  }

  async info(): Promise<LocalProviderInfo> {
    return (await this.request({ type: 'info' })) as LocalProviderInfo;
  }

  /** What the worker reported when it loaded the model; null before then. */
  loadedModelInfo(): LocalProviderInfo | null {
    return this.loadedInfo;
  }

  async stats(): Promise<{ provider: LocalProviderStats | null; memory: WorkerMemoryReport }> {
    const value = (await this.request({ type: 'stats' })) as { provider: LocalProviderStats | null; memory: { memory: WorkerMemoryReport } };
    return { provider: value.provider, memory: value.memory.memory };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.restartTimer) {
      clearTimeout(this.restartTimer);
      this.cancelRestart?.();
    }
    const worker = this.worker;
    this.failAll(new ProviderFailedError(PROVIDER, 'the local model was closed'));
    if (worker) {
      const exited = new Promise<void>((resolve) => worker.onExit(() => resolve()));
      worker.send({ type: 'close' });
      // A worker stuck in native code gets a few seconds, then is killed.
      const timer = setTimeout(() => worker.kill(), 5000);
      await exited;
      clearTimeout(timer);
    }
    this.setState('closed');
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export { InferenceWorkerMissingError };
