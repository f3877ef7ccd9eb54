/**
 * The model layer as the rest of the core sees it: one HybridRouter (the LlmProvider every caller
 * uses) over the local node-llama-cpp provider and the optional cloud provider, rebuilt when the
 * model settings change; the call log behind the router dashboard; and the opt-in local
 * OpenAI-compatible API server.
 */
import { existsSync } from 'node:fs';
import type { LlmStatus, Settings } from '../../../src-preload/contract.js';
import type { EventBus } from '../events.js';
import { toStewardError } from '../errors.js';
import type { SecretStore } from '../ports.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import { CallLog } from './call-log/call-log.js';
import { ensureLocalApiKey, generateLocalApiKey, LOCAL_API_KEY_ACCOUNT, startLocalApiServer, type LocalApiServer } from './local-api/local-api-server.js';
import { LocalLlamaProvider, type LocalProviderInfo } from './local/local-llama-provider.js';
import { contextSizeForFit } from './local/context-sizing.js';
import { localProviderOptionsFromSettings, resolveModelPath } from './local/local-provider-config.js';
import { LocalModelSwap } from './local-model-swap.js';
import { llamaServerBinaryStatus } from './llama-server/llama-server-binary-status.js';
import { unusableModelFile } from './local/model-file-check.js';
import { ModelInvalidError, ModelMissingError } from './llm-errors.js';
import { listInstalledModels } from './models/installed-models.js';
import { NotFoundError } from '../errors.js';
import { loadModelCatalog } from './models/catalog-loader.js';
import { detectHardware, noGpuProbe } from './models/hardware.js';
import { checkModelFileFit } from './models/model-fit-check.js';
import { createCloudProvider } from './openai/cloud-provider-factory.js';
import { priceFor } from './pricing.js';
import type { LlmProvider } from './provider.js';
import { HybridRouter } from './router/hybrid-router.js';
import { ChosenCloudProviders } from './router/chosen-cloud-providers.js';
import type { CloudProvider } from '../../../src-preload/schemas/cloud-providers.js';
import { MIGRATED_PROVIDER_ID } from './openai/cloud-key-account.js';
import { loadScriptedProviderFromSpec } from './scripted-provider.js';
import { createForkLauncher } from './worker/fork-launcher.js';
import type { InferenceLauncher } from './worker/inference-launcher.js';
import { WorkerLlmProvider, type WorkerStatus } from './worker/worker-llm-provider.js';
import { LlamaServerProvider } from './llama-server/llama-server-provider.js';
import type { ModelChoice } from '../../../src-preload/schemas/chat-controls.js';
import { cloudProviderOfChoice, localModelOfChoice, slotOfChoice } from './model-choice.js';
import { slotForImages } from './vision/image-routing.js';

export interface LlmServiceDeps {
  db: SqliteDatabase;
  settings: { get(): Settings };
  secrets: SecretStore;
  events: EventBus;
  modelsDir: string;
  /** STEWARD_PROVIDER=scripted:/path/script.json replaces the local model with a scripted one (tests, demos). */
  providerSpec?: string;
  /** Load and warm the local model in the background at start-up (off in tests). */
  warmUp?: boolean;
  log?: (message: string) => void;
  /** Hardware report for the fit check; default detects it (without the GPU probe when warmUp is off). */
  detectHardware?: () => ReturnType<typeof detectHardware>;
  /**
   * How the inference worker process is started: the desktop app passes an Electron utilityProcess
   * launcher; the default forks it with child_process (Node hosts, tests, benchmarks).
   */
  inferenceLauncher?: InferenceLauncher;
}

export type { LlmStatus } from '../../../src-preload/schemas/llm.js';

type LlmSettings = Settings['llm'];

export class LlmService {
  readonly callLog: CallLog;
  readonly router: HybridRouter;
  private local: LlmProvider | null = null;
  private cloud: LlmProvider | null = null;
  private localKey = '';
  private cloudKey = '';
  private localApi: Pick<LocalApiServer, 'url' | 'setApiKey' | 'close'> | null = null;
  private localApiError: string | null = null;
  private readonly unsubscribe: () => void;
  private pending: Promise<void> = Promise.resolve();
  private applying = false;
  private sessionUsd = 0;
  private fitWarning: string | null = null;
  private backend: { name: string; note: string | null; build: LlmStatus['local']['build']; context: LlmStatus['local']['context'] } | null = null;
  private launcher: InferenceLauncher | null = null;
  /** The model file the local provider runs: the default (settings.llm.localModel) or one a conversation chose. */
  private localModelFile: string | null = null;
  /** Why the configured local model file cannot be used (checked before loading); the router then works without it. */
  private localProblem: string | null = null;
  /** One loaded local chat model at a time; a conversation's choice swaps it (local-model-swap.ts). */
  private readonly localModels: LocalModelSwap;
  /** The cloud providers conversations chose by name ('cloud:<provider>'), beside the one in use. */
  private readonly chosenClouds: ChosenCloudProviders;

  private constructor(private readonly deps: LlmServiceDeps) {
    this.callLog = new CallLog(deps.db);
    this.chosenClouds = new ChosenCloudProviders({
      settings: () => deps.settings.get().llm,
      secrets: deps.secrets,
      create: (cloud, configured) => createCloudProvider(cloud, deps.secrets, providerErrorNaming(configured)),
    });
    this.router = new HybridRouter({
      local: null,
      cloud: null,
      settings: () => deps.settings.get().llm,
      recorder: this.callLog,
      onCall: (entry) => this.onCall(entry.costUsd),
      onRecordError: (err) => deps.log?.(`could not record a model call: ${toStewardError(err).message}`),
      localFor: (model, onLoading) => this.localModels.use(model, onLoading),
      cloudFor: (providerId) => this.chosenClouds.get(providerId),
    });
    this.localModels = new LocalModelSwap({
      current: () => ({ provider: this.local, model: this.localModelFile }),
      build: (model) => this.buildChosenLocal(model),
      install: (provider, model) => {
        this.local = provider;
        this.localModelFile = model;
        this.router.setProviders({ local: provider });
        this.announceStatus();
      },
      whenIdle: (provider) => this.router.whenIdle(provider),
      modelPath: (model) => resolveModelPath(model, deps.modelsDir),
    });
    this.unsubscribe = deps.events.subscribe((event) => {
      if (event.type === 'settings.changed') {
        // Until the new model is set up, llm.status must not call its file missing (the llm.status event follows).
        this.applying = true;
        this.pending = this.pending
          .then(() => this.apply(event.settings.llm))
          .finally(() => {
            this.applying = false;
          });
      }
    });
  }

  static async create(deps: LlmServiceDeps): Promise<LlmService> {
    const service = new LlmService(deps);
    await service.apply(deps.settings.get().llm);
    return service;
  }

  /** True when some model can answer (a local model file or scripted provider exists, or the cloud is on). */
  hasModel(): boolean {
    return this.local !== null || this.cloud !== null;
  }

  status(): LlmStatus {
    const llm = this.deps.settings.get().llm;
    const localDetail = this.deps.providerSpec
      ? `scripted provider (${this.deps.providerSpec})`
      : !llm.localModel
        ? 'No local model installed: run `npm run models -- recommend`, then `npm run models -- pull <id>`.'
        : this.localProblem
          ? this.localProblem
          : this.local
          ? `${llm.localModel} (loads on first use)`
          : this.applying
            ? `${llm.localModel}: getting it ready…`
            : `${llm.localModel} is set but its file is missing: pull or import it again.`;
    return {
      local: {
        configured: this.local !== null,
        model: llm.localModel,
        detail: localDetail,
        problem: this.localProblem,
        fitWarning: this.fitWarning,
        backend: this.backend?.name ?? null,
        backendNote: this.backend?.note ?? null,
        build: this.backend?.build ?? null,
        context: this.backend?.context ?? null,
        runtime: this.runtime(llm),
        llamaServer: llamaServerBinaryStatus(llm.llamaServerBinary),
      },
      cloud: { enabled: llm.cloud.enabled, baseUrl: llm.cloud.baseUrl, model: llm.cloud.model },
      localApi: { enabled: llm.localApi.enabled, url: this.localApi?.url ?? null, error: this.localApiError },
    };
  }

  /** The process running the local model, for llm.status and the Models screen. */
  private runtime(llm: LlmSettings): LlmStatus['local']['runtime'] {
    const local = this.local;
    if (local instanceof WorkerLlmProvider) {
      const w = local.status();
      return {
        engine: 'node-llama-cpp',
        inference: 'worker',
        state: w.state,
        pid: w.pid,
        restarts: w.restarts,
        lastCrash: w.lastCrash,
        failedReason: w.failedReason,
        memoryBytes: w.memory?.rssBytes ?? null,
      };
    }
    if (local instanceof LlamaServerProvider) {
      const s = local.status();
      return { engine: 'llama-server', inference: 'server', ...s, memoryBytes: null };
    }
    if (local instanceof LocalLlamaProvider) {
      return {
        engine: 'node-llama-cpp',
        inference: 'in-process',
        state: local.backendReport() ? 'ready' : 'not-started',
        pid: process.pid,
        restarts: 0,
        lastCrash: null,
        failedReason: null,
        memoryBytes: process.memoryUsage().rss,
      };
    }
    void llm;
    return null;
  }

  /**
   * Loads an installed local chat model in place of the current one (chat.useModel), telling the
   * chat while it loads; throws with the reason when it is not installed or fails to load (the
   * previous model stays).
   */
  async loadChosenModel(model: string, onStatus: (text: string) => void): Promise<void> {
    await this.pending;
    const installed = (await listInstalledModels(this.deps.modelsDir, loadModelCatalog()).catch(() => [])).find((m) => m.fileName === model);
    if (!installed) throw new NotFoundError('Installed model', model);
    if (installed.problem) throw new ModelInvalidError(installed.path, installed.problem);
    await this.localModels.use(model, (m) => onStatus(`Loading ${m}…`));
    onStatus(`${model} is loaded and answers this conversation.`);
  }

  /** Throws, saying what to fix, when a cloud provider chosen by name cannot answer (not configured, off, no model, no key). */
  async checkChosenCloud(providerId: string): Promise<void> {
    await this.chosenClouds.get(providerId);
  }

  /**
   * Refuses, before anything is stored, images that the conversation's model cannot read — the same
   * rule the router applies to every call with images (vision/image-routing.ts).
   */
  assertCanReadImages(choice: ModelChoice, imageNames: readonly string[]): void {
    const llm = this.deps.settings.get().llm;
    // A provider chosen by name is judged by its own model (an unusable one is refused when it is called).
    const chosen = llm.cloudProviders.find((p) => p.id === cloudProviderOfChoice(choice));
    slotForImages(imageNames, {
      pinned: slotOfChoice(choice),
      cloudUsable: chosen ? chosen.model !== null : this.cloud !== null && llm.cloud.enabled,
      cloudModel: chosen?.model ?? llm.cloud.model,
      localModel: localModelOfChoice(choice) ?? llm.localModel,
      marking: llm.visionModels,
    });
  }

  stats(query: Parameters<CallLog['stats']>[0] = {}) {
    return this.callLog.stats(query, priceFor(this.deps.settings.get().llm.cloud.model));
  }

  /** Waits until the providers match the latest settings (tests, shutdown). */
  settled(): Promise<void> {
    return this.pending;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.pending;
    await this.localApi?.close();
    await Promise.allSettled([this.local?.close(), this.cloud?.close(), this.chosenClouds.close()]);
  }

  private async apply(llm: LlmSettings): Promise<void> {
    const localKey = JSON.stringify([
      this.deps.providerSpec ?? null,
      llm.localModel,
      llm.embeddingModel,
      llm.draftModel,
      llm.rerankerModel,
      llm.gpu,
      llm.contextSize,
      llm.engine,
      llm.inference,
      llm.llamaServerBinary,
      llm.llamaServerPort,
    ]);
    if (localKey !== this.localKey) {
      this.localKey = localKey;
      const previous = this.local;
      this.localProblem = null;
      this.local = await this.buildLocal(llm);
      this.localModelFile = llm.localModel;
      this.router.setProviders({ local: this.local });
      await previous?.close().catch(() => undefined);
    }
    const inUse = llm.cloudProviders.find((p) => p.id === llm.cloud.providerId);
    const cloudKey = JSON.stringify([llm.cloud, inUse?.name ?? null]);
    if (cloudKey !== this.cloudKey) {
      this.cloudKey = cloudKey;
      const previous = this.cloud;
      this.cloud = llm.cloud.enabled ? createCloudProvider(llm.cloud, this.deps.secrets, inUse ? providerErrorNaming(inUse) : {}) : null;
      this.router.setProviders({ cloud: this.cloud });
      await previous?.close().catch(() => undefined);
    }
    await this.applyLocalApi(llm.localApi);
    this.announceStatus();
  }

  /**
   * Tells every screen what llm.status now says, once a change has taken effect: a settings
   * event arrives before the new model is set up, so a screen that re-read the status then would
   * show the old state (llm.status event).
   */
  private announceStatus(): void {
    this.deps.events.emit({ type: 'llm.status', status: this.status() });
  }

  /** The local API's key, for the user to copy into another program (created when missing). */
  async localApiKey(): Promise<string> {
    return ensureLocalApiKey(this.deps.secrets);
  }

  /** A new local API key; the running server switches to it at once, so the old key stops working. */
  async regenerateLocalApiKey(): Promise<string> {
    const key = generateLocalApiKey();
    await this.deps.secrets.set(LOCAL_API_KEY_ACCOUNT, key);
    if (this.localApi) {
      // Same server, same address: a restart would drop the connections of clients that already use the new key.
      this.localApi.setApiKey(key);
      this.announceStatus();
    }
    return key;
  }

  private async buildLocal(llm: LlmSettings, build: { warm: boolean; chosen?: string } = { warm: true }): Promise<LlmProvider | null> {
    // The scripted stand-in answers for every local model; for one a conversation chose, under that model's name.
    if (this.deps.providerSpec) return loadScriptedProviderFromSpec(this.deps.providerSpec, build.chosen ? { model: build.chosen } : {});
    if (!llm.localModel) return null;
    const options = localProviderOptionsFromSettings(llm, this.deps.modelsDir);
    if (!existsSync(options.modelPath)) return null;
    this.fitWarning = null;
    this.backend = null;
    // A file that is not a GGUF or was cut short is named now, on the Models screen, rather than at
    // the first reply; without a usable local model the router still answers with the cloud model.
    const problem = await unusableModelFile(options.modelPath);
    if (problem) {
      if (!build.warm) throw problem;
      this.localProblem = problem.userMessage;
      return null;
    }
    await this.checkFit(options.modelPath, contextSizeForFit(llm.contextSize));
    if (llm.engine === 'llama-server') {
      return new LlamaServerProvider({
        modelPath: options.modelPath,
        modelId: llm.localModel,
        binary: llm.llamaServerBinary,
        port: llm.llamaServerPort,
        contextSize: llm.contextSize,
        gpu: llm.gpu,
        log: this.deps.log,
      });
    }
    const provider =
      llm.inference === 'in-process'
        ? new LocalLlamaProvider(options)
        : new WorkerLlmProvider({
            ...options,
            launcher: (this.launcher ??= this.deps.inferenceLauncher ?? createForkLauncher()),
            onStatus: (status) => this.onWorkerStatus(options.modelId ?? llm.localModel ?? 'local model', status),
            log: this.deps.log,
          });
    if (this.deps.warmUp && build.warm) {
      provider
        .warmUp()
        .then(() => this.noteBackend(provider))
        .catch((err) => this.deps.log?.(`local model warm-up failed: ${toStewardError(err).userMessage}`));
    }
    return provider;
  }

  /**
   * A provider for another installed chat model, with the same engine settings. It embeds with the
   * file that embedded before (the embedding model, or else the default chat model), so memory's
   * vectors stay comparable whichever model answers.
   */
  private async buildChosenLocal(model: string): Promise<LlmProvider> {
    const llm = this.deps.settings.get().llm;
    const provider = await this.buildLocal({ ...llm, localModel: model, embeddingModel: llm.embeddingModel ?? llm.localModel, draftModel: null }, { warm: false, chosen: model });
    if (!provider) throw new ModelMissingError({ modelId: model, modelPath: resolveModelPath(model, this.deps.modelsDir) });
    return provider;
  }

  /** Warns before loading a model that may not fit, with the estimate (never blocks: the user decides). */
  private async checkFit(modelPath: string, contextSize: number): Promise<void> {
    try {
      // Tests skip the GPU probe: it would start a second llama.cpp backend just to read VRAM.
      const detect = this.deps.detectHardware ?? (this.deps.warmUp ? undefined : () => detectHardware({ probeGpu: noGpuProbe }));
      const fit = await checkModelFileFit(modelPath, { contextSize, catalog: loadModelCatalog(), detect });
      this.fitWarning = fit.warning;
      if (fit.warning) this.deps.events.emit({ type: 'notification', level: 'warning', title: 'This model may not fit', body: fit.warning });
    } catch (err) {
      this.deps.log?.(`could not estimate whether the model fits: ${toStewardError(err).message}`);
    }
  }

  /** Tells the user which backend runs the model, and loudly when a GPU backend fell back to the CPU. */
  private async noteBackend(provider: { info(): Promise<LocalProviderInfo> }): Promise<void> {
    const info = await provider.info();
    this.backend = {
      name: info.backend,
      note: info.backendReason,
      build: info.build,
      context: { tokens: info.contextSize, sequences: info.sequences, note: `${info.contextReason}; ${info.sequencesReason}` },
    };
    this.announceStatus();
    if (info.backendFellBack) {
      this.deps.events.emit({ type: 'notification', level: 'warning', title: 'Running the model on the CPU', body: info.backendReason ?? 'The GPU backend could not be used.' });
    }
  }

  /** Tells the user when the local model's process crashed (it is restarting) or was given up on. */
  private onWorkerStatus(model: string, status: WorkerStatus): void {
    if (status.state === 'restarting' && status.lastCrash) {
      this.deps.events.emit({
        type: 'notification',
        level: 'warning',
        title: 'The local model stopped',
        body: `${model} stopped: ${status.lastCrash.reason}. Steward is restarting it; see Models for details.`,
      });
    } else if (status.state === 'failed' && status.failedReason) {
      this.deps.events.emit({ type: 'notification', level: 'error', title: 'The local model failed', body: status.failedReason });
    } else if (status.state === 'ready' && this.backend === null && this.local instanceof WorkerLlmProvider) {
      const info = this.local.loadedModelInfo();
      if (info) void this.noteBackend({ info: async () => info }).catch(() => undefined);
    }
    this.announceStatus();
  }

  private async applyLocalApi(settings: LlmSettings['localApi']): Promise<void> {
    if (!settings.enabled) {
      await this.localApi?.close();
      this.localApi = null;
      this.localApiError = null;
      return;
    }
    if (this.localApi) return;
    try {
      const apiKey = await ensureLocalApiKey(this.deps.secrets);
      this.localApi = await startLocalApiServer({ provider: this.router, apiKey, port: settings.port });
      this.localApiError = null;
    } catch (err) {
      this.localApiError = toStewardError(err).userMessage;
      this.deps.log?.(`local API server not started: ${this.localApiError}`);
    }
  }

  private onCall(costUsd: number): void {
    this.sessionUsd += costUsd;
    const today = this.stats({ since: new Date(new Date().setHours(0, 0, 0, 0)) }).spend.totalUsd;
    this.deps.events.emit({ type: 'cost.updated', sessionUsd: this.sessionUsd, todayUsd: today, dailyBudgetUsd: this.deps.settings.get().budgets.dailyUsd });
  }
}

/**
 * How a provider from Models › Cloud providers is named in its errors: by its own name, and sent
 * there to fix its address or key. The migrated single cloud model keeps the default place
 * (Integrations › Cloud model), where its key has always been saved.
 */
function providerErrorNaming(provider: CloudProvider): { label?: string; place?: string } {
  return provider.id === MIGRATED_PROVIDER_ID ? {} : { label: provider.name, place: 'Models › Cloud providers' };
}
