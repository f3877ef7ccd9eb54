import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  CatalogModelView,
  InstalledModel,
  LlmStatus,
  ModelDownloadEvent,
  ModelPurpose,
  ModelRecommendation,
  PartialDownload,
  StewardApi,
} from '../../../src-preload/contract.js';
import { messageOf } from './request-error.js';

/**
 * The models dashboard: what is installed, what fits this machine, the catalog with live
 * download progress (from 'model.download' events), import, delete, defaults and the local API.
 */
export interface ModelsStoreState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  installed: InstalledModel[];
  partials: PartialDownload[];
  catalog: CatalogModelView[];
  recommendation: ModelRecommendation | null;
  llm: LlmStatus | null;
  /** Latest progress per download id. */
  downloads: Readonly<Record<string, ModelDownloadEvent>>;
  /** Per model id: why the last action on it failed. */
  actionErrors: Readonly<Record<string, string>>;
  importError: string | null;
  notice: string | null;
  load(): Promise<void>;
  pull(id: string): Promise<void>;
  cancel(id: string): Promise<void>;
  importPath(path: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  setDefault(id: string, purpose: ModelPurpose): Promise<void>;
  applyDownloadEvent(event: ModelDownloadEvent): void;
  refreshLlm(): Promise<void>;
  /**
   * After the local API was switched on or off: the server starts or stops after settings are
   * saved and no event says when, so the status is re-read until it matches (or says why not).
   */
  settleLocalApi(enabled: boolean): Promise<void>;
}

const SETTLE_POLL_MS = 250;
const SETTLE_MAX_POLLS = 40;

export type ModelsStore = StoreApi<ModelsStoreState>;

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

// eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
export function createModelsStore(api: StewardApi): ModelsStore {
  // eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
  return createStore<ModelsStoreState>()((set, get) => {
    const failAction = (id: string, err: unknown) => set({ actionErrors: { ...get().actionErrors, [id]: messageOf(err) } });
    const clearAction = (id: string) => {
      const { [id]: _gone, ...rest } = get().actionErrors;
      void _gone;
      set({ actionErrors: rest });
    };

    return {
      status: 'idle',
      error: null,
      installed: [],
      partials: [],
      catalog: [],
      recommendation: null,
      llm: null,
      downloads: {},
      actionErrors: {},
      importError: null,
      notice: null,
      async load() {
        if (get().status === 'idle') set({ status: 'loading' });
        try {
          const [list, catalog, llm] = await Promise.all([api.call('models.list', {}), api.call('models.catalog', {}), api.call('llm.status', {})]);
          set({ installed: list.models, partials: list.partialDownloads, catalog, llm, status: 'ready', error: null });
        } catch (err) {
          set({ status: 'error', error: messageOf(err) });
          return;
        }
        // Probing the hardware can be slow; the lists are shown first.
        try {
          set({ recommendation: await api.call('models.recommend', {}) });
        } catch (err) {
          set({ error: `Hardware check failed: ${messageOf(err)}` });
        }
      },
      async pull(id) {
        clearAction(id);
        try {
          const started = await api.call('models.pull', { id });
          const entry = get().catalog.find((c) => c.entry.id === id);
          set({
            downloads: {
              ...get().downloads,
              [id]: get().downloads[id] ?? { type: 'model.download', id, fileName: started.fileName, state: 'starting', bytes: entry?.partialBytes ?? 0, total: entry?.entry.sizeBytes ?? null, bytesPerSecond: null, etaSeconds: null, error: null },
            },
          });
          if (started.fit.warning) set({ notice: started.fit.warning });
        } catch (err) {
          failAction(id, err);
        }
      },
      async cancel(id) {
        try {
          await api.call('models.cancel', { id });
        } catch (err) {
          failAction(id, err);
        }
      },
      async importPath(path) {
        try {
          const model = await api.call('models.import', { path: path.trim() });
          set({ importError: null, notice: `Imported ${model.displayName}.` });
          await get().load();
          return true;
        } catch (err) {
          set({ importError: messageOf(err) });
          return false;
        }
      },
      async remove(id) {
        clearAction(id);
        try {
          const result = await api.call('models.delete', { id });
          set({ notice: result.deleted ? `Deleted ${result.fileName ?? id}.` : `${id} was already gone.` });
          await get().load();
        } catch (err) {
          failAction(id, err);
        }
      },
      async setDefault(id, purpose) {
        clearAction(id);
        try {
          const result = await api.call('models.setDefault', { id, purpose });
          set({ notice: result.fit?.warning ?? `${result.fileName ?? id} is now the default ${purpose} model.` });
          await get().load();
        } catch (err) {
          failAction(id, err);
        }
      },
      applyDownloadEvent(event) {
        set({ downloads: { ...get().downloads, [event.id]: event } });
        if (FINISHED.has(event.state)) {
          if (event.state === 'failed' && event.error) set({ actionErrors: { ...get().actionErrors, [event.id]: event.error } });
          void get().load();
        }
      },
      async refreshLlm() {
        try {
          set({ llm: await api.call('llm.status', {}) });
        } catch (err) {
          set({ error: messageOf(err) });
        }
      },
      async settleLocalApi(enabled) {
        const settled = () => {
          const localApi = get().llm?.localApi;
          return localApi !== undefined && (enabled ? localApi.url !== null || localApi.error !== null : localApi.url === null);
        };
        for (let poll = 0; poll < SETTLE_MAX_POLLS; poll++) {
          await get().refreshLlm();
          if (settled()) return;
          await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
        }
      },
    };
  });
}

/** "3 min 20 s", "45 s", "1 h 05 min". */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
