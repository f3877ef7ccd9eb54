/**
 * The model manager: one object over the catalog and the models folder that the API handlers
 * and the `npm run models` CLI share. It tracks downloads in flight (one per file, cancellable)
 * and caches the GPU probe briefly, because loading node-llama-cpp to read VRAM is not free.
 */
import type {
  CatalogModelView,
  FitCheck,
  HardwareReport,
  InstalledModel,
  ModelCatalog,
  ModelCatalogEntry,
  ModelRecommendation,
  PartialDownload,
} from '../../../../src-preload/schemas/models.js';
import { findCatalogEntry, loadModelCatalog } from './catalog-loader.js';
import { discardPartial, downloadFile, partPathFor, type DownloadOptions, type DownloadProgress, type DownloadResult } from './downloader.js';
import { checkCatalogModelFit, recommendModel } from './fit.js';
import { detectHardware, nodeLlamaCppGpuProbe, type GpuProbe, type GpuProbeResult } from './hardware.js';
import { importModelFile, type ImportMode } from './importer.js';
import { deleteInstalledModel, describeInstalledFile, listInstalledModels, listPartialDownloads, resolveModelId, type ModelSlots } from './installed-models.js';
import { checkModelFileFit } from './model-fit-check.js';
import { DownloadedModelInvalidError, DownloadInProgressError, ModelAlreadyInstalledError, UnknownModelError } from './model-errors.js';
import { ModelInvalidError } from '../llm-errors.js';
import { resolveModelSourceUrl } from './model-source.js';
import { assertCompleteGguf } from '../local/gguf-header.js';
import { stat } from 'node:fs/promises';
import path from 'node:path';

export interface ModelManagerOptions {
  modelsDir: string;
  /** Defaults to loadModelCatalog() (STEWARD_MODEL_CATALOG or the built-in catalog). */
  catalog?: ModelCatalog;
  /** Full hardware detection override (tests inject a fixed report). */
  detectHardware?: () => Promise<HardwareReport>;
  /** GPU probe used by the default detection (node-llama-cpp's when absent). */
  probeGpu?: GpuProbe;
  /** Download tuning and injection (fetch, timeouts, retries) passed to every pull. */
  download?: Pick<DownloadOptions, 'fetchImpl' | 'stallTimeoutMs' | 'retries' | 'retryDelayMs' | 'progressIntervalMs' | 'syncEveryBytes'>;
  env?: NodeJS.ProcessEnv;
}

export interface PullOptions {
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  discardPartialOnCancel?: boolean;
}

/** One file to download: where from, its name in the models folder, and what to verify it against. */
export interface PullTarget {
  /** Catalog id, or the file name for a model outside the catalog; names the download in progress events. */
  id: string;
  fileName: string;
  url: string;
  /** Exact size when known (a different size is an error). */
  expectedSize: number | null;
  /** A rounded size (the catalog's sizeExact: false); a declared size far from it is refused. */
  approximateSize?: number | null;
  /** Known SHA-256 (a catalog entry's, or a Hugging Face LFS pointer's). */
  expectedSha256: string | null;
}

export interface PullResult extends DownloadResult {
  id: string;
  fileName: string;
}

interface ActiveDownload {
  controller: AbortController;
  discardOnCancel: boolean;
  done: Promise<unknown>;
}

const GPU_PROBE_CACHE_MS = 30_000;

export class ModelManager {
  readonly modelsDir: string;
  readonly catalog: ModelCatalog;
  private readonly active = new Map<string, ActiveDownload>();
  private gpuCache: { at: number; result: Promise<GpuProbeResult> } | null = null;

  constructor(private readonly options: ModelManagerOptions) {
    this.modelsDir = options.modelsDir;
    this.catalog = options.catalog ?? loadModelCatalog(options.env);
  }

  async hardware(): Promise<HardwareReport> {
    if (this.options.detectHardware) return this.options.detectHardware();
    // Cached for both probes: node-llama-cpp's loads the library each time (seconds), and the
    // Models screen asks for the hardware with every list of catalog or Hugging Face files.
    const probe = this.options.probeGpu ?? nodeLlamaCppGpuProbe;
    return detectHardware({
      probeGpu: () => {
        const now = Date.now();
        if (!this.gpuCache || now - this.gpuCache.at > GPU_PROBE_CACHE_MS) this.gpuCache = { at: now, result: probe() };
        return this.gpuCache.result;
      },
    });
  }

  entry(id: string): ModelCatalogEntry {
    const entry = findCatalogEntry(this.catalog, id);
    if (!entry) throw new UnknownModelError(id);
    return entry;
  }

  isDownloading(fileName: string): boolean {
    return this.active.has(fileName);
  }

  async catalogView(): Promise<CatalogModelView[]> {
    const partials = new Map((await listPartialDownloads(this.modelsDir, this.catalog)).map((p) => [p.fileName, p.bytes]));
    const views: CatalogModelView[] = [];
    for (const entry of this.catalog.models) {
      const installed = await stat(resolveModelId(this.modelsDir, this.catalog, entry.id)!.path).then(
        (s) => s.isFile(),
        () => false,
      );
      views.push({ entry, installed, partialBytes: partials.get(entry.fileName) ?? null, downloading: this.active.has(entry.fileName) });
    }
    return views;
  }

  async list(slots: ModelSlots | null = null): Promise<{ models: InstalledModel[]; partialDownloads: PartialDownload[] }> {
    return {
      models: await listInstalledModels(this.modelsDir, this.catalog, slots),
      // A download in flight is shown through its progress events, not as a leftover.
      partialDownloads: (await listPartialDownloads(this.modelsDir, this.catalog)).filter((p) => !this.active.has(p.fileName)),
    };
  }

  /** An installed model by catalog id or file name; throws UnknownModelError when it is not on disk. */
  async installed(id: string, slots: ModelSlots | null = null): Promise<InstalledModel> {
    const resolved = resolveModelId(this.modelsDir, this.catalog, id);
    const present = resolved ? await stat(resolved.path).then((s) => s.isFile(), () => false) : false;
    if (!resolved || !present) throw new UnknownModelError(id);
    return describeInstalledFile(this.modelsDir, resolved.fileName, this.catalog, slots);
  }

  async recommend(contextSize: number): Promise<ModelRecommendation> {
    const installedIds = new Set((await listInstalledModels(this.modelsDir, this.catalog)).map((m) => m.catalogId).filter((id): id is string => id !== null));
    return recommendModel(this.catalog.models, await this.hardware(), { contextSize, installedIds });
  }

  /** Fit of a catalog model or an installed file at a context size, with the warning to show before loading it. */
  async checkFit(id: string, contextSize: number): Promise<FitCheck> {
    const entry = findCatalogEntry(this.catalog, id);
    if (entry) return checkCatalogModelFit(entry, await this.hardware(), entry.purpose === 'chat' ? contextSize : entry.contextLength);
    const resolved = resolveModelId(this.modelsDir, this.catalog, id);
    if (!resolved) throw new UnknownModelError(id);
    return checkModelFileFit(resolved.path, { contextSize, hardware: await this.hardware(), catalog: this.catalog });
  }

  /**
   * Downloads a catalog model into the models folder and resolves when it is installed. Resumes
   * an earlier partial download; verifies size, SHA-256 (published or announced) and that the
   * file is a complete GGUF before it appears in the folder.
   */
  async pull(id: string, options: PullOptions = {}): Promise<PullResult> {
    const entry = this.entry(id);
    return this.pullFile(
      {
        id: entry.id,
        fileName: entry.fileName,
        url: resolveModelSourceUrl(entry.source, this.options.env),
        expectedSize: entry.sizeExact ? entry.sizeBytes : null,
        approximateSize: entry.sizeExact ? null : entry.sizeBytes,
        expectedSha256: entry.sha256,
      },
      options,
    );
  }

  /**
   * Downloads any GGUF by URL into the models folder under `fileName` (a Hugging Face search
   * result, or a catalog entry through pull), with the same resume and verification.
   */
  async pullFile(target: PullTarget, options: PullOptions = {}): Promise<PullResult> {
    const destPath = path.join(this.modelsDir, target.fileName);
    if (this.active.has(target.fileName)) throw new DownloadInProgressError(target.id);
    // Claim the file before the first await, so a second pull of it cannot slip in.
    const controller = new AbortController();
    const active: ActiveDownload = { controller, discardOnCancel: options.discardPartialOnCancel ?? false, done: Promise.resolve() };
    this.active.set(target.fileName, active);
    const onOuterAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (options.signal?.aborted) controller.abort();
    try {
      if (await stat(destPath).then(() => true, () => false)) throw new ModelAlreadyInstalledError(target.fileName);
      const run = downloadFile({
        ...this.options.download,
        url: target.url,
        destPath,
        expectedSize: target.expectedSize,
        approximateSize: target.approximateSize ?? null,
        expectedSha256: target.expectedSha256,
        signal: controller.signal,
        onProgress: options.onProgress,
        verify: async (partPath) => {
          try {
            await assertCompleteGguf(partPath);
          } catch (err) {
            if (err instanceof ModelInvalidError) throw new DownloadedModelInvalidError(target.fileName, err.reason, { cause: err });
            throw err;
          }
        },
        discardPartialOnCancel: () => active.discardOnCancel,
      });
      active.done = run.catch(() => undefined);
      const result = await run;
      return { ...result, id: target.id, fileName: target.fileName };
    } finally {
      this.active.delete(target.fileName);
      options.signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  /** The download options every pull uses (fetch, timeouts), for clients that talk to the same servers. */
  get fetchImpl(): typeof fetch | undefined {
    return this.options.download?.fetchImpl;
  }

  /** Stops a download in flight. Its partial file is kept for resume unless `discardPartial`; with nothing in flight, `discardPartial` removes a leftover partial. */
  async cancel(id: string, options: { discardPartial?: boolean } = {}): Promise<boolean> {
    const resolved = resolveModelId(this.modelsDir, this.catalog, id);
    if (!resolved) throw new UnknownModelError(id);
    const active = this.active.get(resolved.fileName);
    if (active) {
      active.discardOnCancel = options.discardPartial ?? false;
      active.controller.abort();
      await active.done;
      return true;
    }
    if (options.discardPartial && (await stat(partPathFor(resolved.path)).then(() => true, () => false))) {
      await discardPartial(resolved.path);
      return true;
    }
    return false;
  }

  async import(sourcePath: string, mode: ImportMode = 'auto', slots: ModelSlots | null = null): Promise<InstalledModel> {
    const result = await importModelFile({ sourcePath, modelsDir: this.modelsDir, mode });
    return describeInstalledFile(this.modelsDir, result.fileName, this.catalog, slots);
  }

  async delete(id: string): Promise<{ fileName: string; removedFile: boolean; removedPartial: boolean }> {
    const resolved = resolveModelId(this.modelsDir, this.catalog, id);
    if (resolved && this.active.has(resolved.fileName)) throw new DownloadInProgressError(id);
    return deleteInstalledModel(this.modelsDir, this.catalog, id);
  }

  /** Cancels every download in flight, keeping partial files for resume. */
  async close(): Promise<void> {
    const all = [...this.active.values()];
    for (const a of all) a.controller.abort();
    await Promise.all(all.map((a) => a.done));
  }
}
