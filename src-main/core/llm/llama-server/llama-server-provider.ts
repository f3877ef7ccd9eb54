/**
 * The llama-server engine (settings llm.engine = 'llama-server'): the same LlmProvider as the
 * node-llama-cpp engine, answered by llama.cpp's own server that Steward starts and stops
 * (llama-server-process.ts) and talks to through the OpenAI-compatible provider that already
 * exists. The escape hatch for when node-llama-cpp's parallel decode is far below llama.cpp's own.
 *
 * The server is started on first use. If it dies, the calls in flight fail with
 * LocalModelStoppedError and the next call starts it again; one that dies twice in a row while
 * starting is marked failed, so the router can answer from the cloud instead.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { StewardError } from '../../errors.js';
import { createMemorySecretStore } from '../../security/memory-secret-store.js';
import { ProviderFailedError } from '../llm-errors.js';
import { defaultEvaluationThreads } from '../local/evaluation-threads.js';
import { OpenAiCompatibleProvider } from '../openai/openai-provider.js';
import type { ChatJsonRequest, ChatJsonResult, ChatRequest, ChatResult, LlmProvider, ProviderInfo, TokenUsage } from '../provider.js';
import { LocalModelFailedError, LocalModelStoppedError } from '../worker/worker-errors.js';
import { resolveLlamaServerBinary } from './llama-server-binary.js';
import { LlamaServerProcess } from './llama-server-process.js';

export interface LlamaServerProviderOptions {
  modelPath: string;
  modelId?: string;
  /** settings.llm.llamaServerBinary (null: the build script's copy). */
  binary: string | null;
  port?: number | null;
  /** Tokens per request; 'auto' means 8192 here (llama-server does not size by free memory). */
  contextSize?: number | 'auto';
  parallel?: number;
  threads?: number;
  gpu?: 'auto' | 'cuda' | 'vulkan' | 'metal' | 'cpu';
  startTimeoutMs?: number;
  onStatus?: () => void;
  log?: (message: string) => void;
}

export interface LlamaServerStatus {
  state: 'not-started' | 'starting' | 'ready' | 'restarting' | 'failed' | 'closed';
  pid: number | null;
  restarts: number;
  lastCrash: { at: string; reason: string; stderrTail: string } | null;
  failedReason: string | null;
}

const PROVIDER = 'local';
const API_KEY_ACCOUNT = 'llama-server';

export class LlamaServerProvider implements LlmProvider {
  readonly id = PROVIDER;
  private server: LlamaServerProcess | null = null;
  private client: OpenAiCompatibleProvider | null = null;
  private starting: Promise<OpenAiCompatibleProvider> | null = null;
  private readonly keys = createMemorySecretStore();
  private state: LlamaServerStatus['state'] = 'not-started';
  private restarts = 0;
  private startCrashes = 0;
  private lastCrash: LlamaServerStatus['lastCrash'] = null;
  private failure: StewardError | null = null;
  private closed = false;

  constructor(private readonly options: LlamaServerProviderOptions) {}

  get modelId(): string {
    return this.options.modelId ?? path.basename(this.options.modelPath).replace(/\.gguf$/i, '');
  }

  private get contextSize(): number {
    const c = this.options.contextSize ?? 'auto';
    return c === 'auto' ? 8192 : c;
  }

  status(): LlamaServerStatus {
    return { state: this.state, pid: this.server?.pid ?? null, restarts: this.restarts, lastCrash: this.lastCrash, failedReason: this.failure?.userMessage ?? null };
  }

  /** The server's base URL once started (benchmarks, tests). */
  get url(): string | null {
    return this.server?.url ?? null;
  }

  private setState(state: LlamaServerStatus['state']): void {
    this.state = state;
    this.options.onStatus?.();
  }

  /** Starts llama-server once; later calls share the start. */
  load(): Promise<void> {
    return this.ready().then(() => undefined);
  }

  private ready(): Promise<OpenAiCompatibleProvider> {
    if (this.closed) return Promise.reject(new ProviderFailedError(PROVIDER, 'the local model was closed'));
    if (this.failure) return Promise.reject(this.failure);
    if (this.client && this.server?.running) return Promise.resolve(this.client);
    this.starting ??= this.start().finally(() => (this.starting = null));
    return this.starting;
  }

  private async start(): Promise<OpenAiCompatibleProvider> {
    const o = this.options;
    this.setState(this.lastCrash ? 'restarting' : 'starting');
    let server: LlamaServerProcess;
    try {
      const binary = resolveLlamaServerBinary(o.binary);
      server = await LlamaServerProcess.start({
        binary,
        modelPath: o.modelPath,
        port: o.port,
        contextSize: this.contextSize,
        parallel: o.parallel ?? 4,
        threads: o.threads ?? defaultEvaluationThreads(os.availableParallelism()),
        gpuLayers: o.gpu === 'cpu' ? 0 : 999,
        startTimeoutMs: o.startTimeoutMs,
      });
    } catch (err) {
      const e = err instanceof StewardError ? err : new ProviderFailedError(PROVIDER, `llama-server could not start (${err instanceof Error ? err.message : String(err)})`);
      // A bad file, a missing binary or a taken port will not fix itself: no restart loop.
      this.failure = e;
      this.setState('failed');
      throw e;
    }
    if (this.closed) {
      await server.stop();
      throw new ProviderFailedError(PROVIDER, 'the local model was closed');
    }
    await this.keys.set(API_KEY_ACCOUNT, server.apiKey);
    const startedAt = Date.now();
    server.onExit((reason) => {
      if (this.server !== server) return;
      this.server = null;
      this.client = null;
      if (this.closed) return;
      this.lastCrash = { at: new Date().toISOString(), reason, stderrTail: server.outputTail() };
      o.log?.(`llama-server stopped (${reason})`);
      this.startCrashes = Date.now() - startedAt < 30_000 ? this.startCrashes + 1 : 1;
      if (this.startCrashes >= 2) {
        this.failure = new LocalModelFailedError(this.modelId, `llama-server stopped twice in a row soon after starting (last: ${reason}). Choose another model or engine in Models.`);
        this.setState('failed');
      } else {
        this.restarts++;
        this.setState('restarting');
      }
    });
    this.server = server;
    this.client = new OpenAiCompatibleProvider({
      id: PROVIDER,
      baseUrl: `${server.url}/v1`,
      model: this.modelId,
      apiKey: { mode: 'required', secrets: this.keys, account: API_KEY_ACCOUNT },
      contextSize: this.contextSize,
      price: { inputPerMillionUsd: 0, outputPerMillionUsd: 0 },
      // A local server that refuses once will refuse again; a crash is handled here, not retried there.
      retry: { maxAttempts: 1 },
      timeoutMs: 600_000,
    });
    this.setState('ready');
    return this.client;
  }

  /** Runs a call; if the server died meanwhile, says so (it is restarted on the next call). */
  private async run<T>(call: (client: OpenAiCompatibleProvider) => Promise<T>): Promise<T> {
    const client = await this.ready();
    const server = this.server;
    try {
      return await call(client);
    } catch (err) {
      if (server && !server.running && this.lastCrash) throw new LocalModelStoppedError(this.lastCrash.reason, this.lastCrash.stderrTail, this.failure === null);
      throw err;
    }
  }

  chat(request: ChatRequest): Promise<ChatResult> {
    return this.run((c) => c.chat(request));
  }

  chatJson<T>(request: ChatJsonRequest<T>): Promise<ChatJsonResult<T>> {
    return this.run((c) => c.chatJson(request));
  }

  async embed(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    // llama-server serves either chat or embeddings (--embeddings), not both from one model.
    throw new ProviderFailedError(PROVIDER, 'the llama-server engine answers chat only and computes no embeddings; memory searches by keywords meanwhile, or switch llm.engine back to node-llama-cpp for embeddings');
  }

  /** Exact, from the server's own tokenizer (/tokenize). */
  countTokens(text: string): Promise<number> {
    // Through run(): a server that died under this call gives the typed "stopped" error, like chat.
    return this.run(async () => {
      const server = this.server!;
      let response: Response;
      try {
        response = await fetch(`${server.url}/tokenize`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.apiKey}` },
          body: JSON.stringify({ content: text, add_special: false }),
        });
      } catch (err) {
        const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
        throw new ProviderFailedError(PROVIDER, `llama-server could not count tokens (${cause})`);
      }
      if (!response.ok) throw new ProviderFailedError(PROVIDER, `llama-server could not count tokens (HTTP ${response.status})`);
      return z.object({ tokens: z.array(z.unknown()) }).parse(await response.json()).tokens.length;
    });
  }

  estimateCost(_usage: TokenUsage): number {
    return 0;
  }

  async info(): Promise<ProviderInfo> {
    await this.ready();
    return {
      provider: PROVIDER,
      kind: 'local',
      model: this.modelId,
      contextSize: this.contextSize,
      backend: this.options.gpu === 'cpu' ? 'cpu' : 'llama-server',
      gpu: null,
      backendReason: `llama.cpp's llama-server (pid ${this.server?.pid ?? '?'}) on ${this.server?.url ?? '?'}, ${this.options.parallel ?? 4} parallel requests`,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.starting?.catch(() => undefined);
    await this.server?.stop();
    this.server = null;
    this.setState('closed');
  }
}
