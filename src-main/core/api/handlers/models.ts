/**
 * Handlers of the model methods (models.*). Plain functions over a small deps object so the
 * dispatcher, the local server and tests call them the same way. A pull returns as soon as the
 * download has started; its progress and outcome arrive as `model.download` events.
 */
import type { z } from 'zod';
import type { Settings } from '../../../../src-preload/schemas/settings.js';
import { ModelMethodSchemas, type ModelDownloadEvent, type ModelPurpose } from '../../../../src-preload/schemas/models.js';
import { toStewardError } from '../../errors.js';
import type { DownloadProgress } from '../../llm/models/downloader.js';
import type { ModelSlots } from '../../llm/models/installed-models.js';
import { ModelManager, type ModelManagerOptions, type PullResult } from '../../llm/models/model-manager.js';
import { ModelInvalidError } from '../../llm/llm-errors.js';
import { contextSizeForFit } from '../../llm/local/context-sizing.js';
import type { Logger } from '../../logging/logger.js';
import { createModelHubHandlers, type ModelHubHandlers } from './model-hub.js';

export type ModelMethodName = keyof typeof ModelMethodSchemas;
export type ModelMethodInput<M extends ModelMethodName> = z.output<(typeof ModelMethodSchemas)[M]['input']>;
export type ModelMethodOutput<M extends ModelMethodName> = z.output<(typeof ModelMethodSchemas)[M]['output']>;

/** The slice of the settings store the model handlers need (SettingsStore satisfies it). */
export interface ModelSettingsAccess {
  get(): Settings;
  update(patch: Record<string, unknown>): Settings;
}

export interface ModelHandlerDeps {
  manager: ModelManager;
  settings: ModelSettingsAccess;
  /** Forwards `model.download` events to the event stream. */
  emit(event: ModelDownloadEvent): void;
  /** Where a problem after a finished download goes (the core's log). */
  log: Pick<Logger, 'error'>;
}

const SLOT_OF: Record<ModelPurpose, keyof ModelSlots> = { chat: 'localModel', embedding: 'embeddingModel', draft: 'draftModel', reranker: 'rerankerModel' };

function slots(settings: ModelSettingsAccess): ModelSlots {
  const llm = settings.get().llm;
  return { localModel: llm.localModel, embeddingModel: llm.embeddingModel, draftModel: llm.draftModel, rerankerModel: llm.rerankerModel };
}

export async function modelsCatalog(deps: ModelHandlerDeps, _input: ModelMethodInput<'models.catalog'>): Promise<ModelMethodOutput<'models.catalog'>> {
  return deps.manager.catalogView();
}

export async function modelsList(deps: ModelHandlerDeps, _input: ModelMethodInput<'models.list'>): Promise<ModelMethodOutput<'models.list'>> {
  return deps.manager.list(slots(deps.settings));
}

export async function modelsRecommend(deps: ModelHandlerDeps, input: ModelMethodInput<'models.recommend'>): Promise<ModelMethodOutput<'models.recommend'>> {
  return deps.manager.recommend(input.contextSize ?? contextSizeForFit(deps.settings.get().llm.contextSize));
}

/**
 * Starts a download in the background. When it completes and the slot for its purpose is still
 * empty, it becomes the default, so a first model works without a trip to Settings.
 */
export async function modelsPull(deps: ModelHandlerDeps, input: ModelMethodInput<'models.pull'>): Promise<ModelMethodOutput<'models.pull'>> {
  const entry = deps.manager.entry(input.id);
  const fit = await deps.manager.checkFit(entry.id, contextSizeForFit(deps.settings.get().llm.contextSize));
  await startDownload(deps, { id: entry.id, fileName: entry.fileName, purpose: entry.purpose }, (onProgress) => deps.manager.pull(entry.id, { onProgress }));
  return { id: entry.id, fileName: entry.fileName, started: true, fit };
}

/**
 * Runs a pull with its progress as `model.download` events and resolves once the first byte
 * moved; errors found before that (already installed, already downloading, server refused)
 * reject here, so they belong to the request that started it. `purpose` null: never made a default.
 */
export async function startDownload(
  deps: ModelHandlerDeps,
  target: { id: string; fileName: string; purpose: ModelPurpose | null },
  run: (onProgress: (progress: DownloadProgress) => void) => Promise<PullResult>,
): Promise<void> {
  let last: DownloadProgress | null = null;
  const emit = (state: ModelDownloadEvent['state'], progress: DownloadProgress | null, error: string | null = null) =>
    deps.emit({
      type: 'model.download',
      id: target.id,
      fileName: target.fileName,
      state,
      bytes: progress?.bytes ?? 0,
      total: progress?.total ?? null,
      bytesPerSecond: progress?.bytesPerSecond ?? null,
      etaSeconds: progress?.etaSeconds ?? null,
      error,
    });

  let hasStarted = false;
  let started!: () => void;
  let failedEarly!: (err: unknown) => void;
  const startedOrFailed = new Promise<void>((resolve, reject) => {
    started = resolve;
    failedEarly = reject;
  });
  const done = run((progress) => {
    last = progress;
    hasStarted = true;
    started();
    emit(progress.state, progress);
  });
  done.then(
    (result) => {
      if (target.purpose !== null) {
        const slot = SLOT_OF[target.purpose];
        try {
          if (deps.settings.get().llm[slot] === null) deps.settings.update({ llm: { [slot]: target.fileName } });
        } catch (err) {
          deps.log.error('could not make the downloaded model the default', err);
        }
      }
      // Announced only once the model is also the default, so whoever reloads on "completed" sees it so.
      emit('completed', { state: 'verifying', bytes: result.bytes, total: result.bytes, bytesPerSecond: null, etaSeconds: 0 });
    },
    (err: unknown) => {
      if (!hasStarted) return failedEarly(err);
      const e = toStewardError(err);
      emit(e.code === 'cancelled' ? 'cancelled' : 'failed', last, e.code === 'cancelled' ? null : e.userMessage);
    },
  );
  await startedOrFailed;
}

export async function modelsCancel(deps: ModelHandlerDeps, input: ModelMethodInput<'models.cancel'>): Promise<ModelMethodOutput<'models.cancel'>> {
  return { cancelled: await deps.manager.cancel(input.id, { discardPartial: input.discardPartial ?? false }) };
}

export async function modelsImport(deps: ModelHandlerDeps, input: ModelMethodInput<'models.import'>): Promise<ModelMethodOutput<'models.import'>> {
  return deps.manager.import(input.path, input.mode ?? 'auto', slots(deps.settings));
}

/** Deletes the file; settings that pointed at it are cleared so nothing tries to load a missing model. */
export async function modelsDelete(deps: ModelHandlerDeps, input: ModelMethodInput<'models.delete'>): Promise<ModelMethodOutput<'models.delete'>> {
  const result = await deps.manager.delete(input.id);
  const current = slots(deps.settings);
  const cleared = (Object.entries(SLOT_OF) as [ModelPurpose, keyof ModelSlots][]).filter(([, slot]) => current[slot] === result.fileName);
  if (cleared.length > 0) deps.settings.update({ llm: Object.fromEntries(cleared.map(([, slot]) => [slot, null])) });
  return { deleted: true, fileName: result.fileName, clearedDefaults: cleared.map(([purpose]) => purpose) };
}

/** Points a settings slot at an installed model (or clears it) and returns the fit warning to show before it loads. */
export async function modelsSetDefault(deps: ModelHandlerDeps, input: ModelMethodInput<'models.setDefault'>): Promise<ModelMethodOutput<'models.setDefault'>> {
  if (input.id === null) {
    const purpose = input.purpose ?? 'chat';
    deps.settings.update({ llm: { [SLOT_OF[purpose]]: null } });
    return { purpose, fileName: null, fit: null };
  }
  const model = await deps.manager.installed(input.id, slots(deps.settings));
  if (model.problem) throw new ModelInvalidError(model.path, model.problem);
  const purpose = input.purpose ?? model.purpose;
  const llm = deps.settings.get().llm;
  const working = contextSizeForFit(llm.contextSize);
  const fit = await deps.manager.checkFit(model.id, purpose === 'chat' ? working : (model.gguf?.contextLength ?? working));
  deps.settings.update({ llm: { [SLOT_OF[purpose]]: model.fileName } });
  return { purpose, fileName: model.fileName, fit };
}

export type ModelHandlers = { [M in ModelMethodName]: (input: ModelMethodInput<M>) => Promise<ModelMethodOutput<M>> };

/**
 * The handlers bound to one manager (which holds the downloads in flight). `close()` cancels
 * downloads, keeping their partial files for resume.
 */
export function createModelHandlers(
  deps: Omit<ModelHandlerDeps, 'manager'> & { manager?: ModelManager; modelsDir: string; managerOptions?: Omit<ModelManagerOptions, 'modelsDir'> },
): { handlers: ModelHandlers; hub: ModelHubHandlers; manager: ModelManager; close(): Promise<void> } {
  const manager = deps.manager ?? new ModelManager({ ...deps.managerOptions, modelsDir: deps.modelsDir });
  const bound: ModelHandlerDeps = { manager, settings: deps.settings, emit: deps.emit, log: deps.log };
  return {
    manager,
    hub: createModelHubHandlers({ ...bound, env: deps.managerOptions?.env ?? process.env }),
    handlers: {
      'models.catalog': (input) => modelsCatalog(bound, input),
      'models.list': (input) => modelsList(bound, input),
      'models.recommend': (input) => modelsRecommend(bound, input),
      'models.pull': (input) => modelsPull(bound, input),
      'models.cancel': (input) => modelsCancel(bound, input),
      'models.import': (input) => modelsImport(bound, input),
      'models.delete': (input) => modelsDelete(bound, input),
      'models.setDefault': (input) => modelsSetDefault(bound, input),
    },
    close: () => manager.close(),
  };
}
