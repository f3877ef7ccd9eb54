import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HubFile, HubModel, StewardApi } from '../../../src-preload/contract.js';
import { messageOf } from './request-error.js';

/**
 * Models › Hugging Face: a search of the Hub's GGUF repositories, one repository's files with
 * fit and speed, and downloads started from there (their progress arrives as model.download
 * events in the models store, under the id each pull returns).
 */
export interface ModelHubStoreState {
  query: string;
  searching: boolean;
  /** Null until the first search. */
  results: HubModel[] | null;
  /** Host that answered the last search (huggingface.co or a mirror). */
  endpoint: string | null;
  searchError: string | null;
  openRepo: string | null;
  files: HubFile[] | null;
  filesLoading: boolean;
  filesError: string | null;
  /** Download id (catalog id or file name) of each file pulled from here, by file name. */
  pulledIds: Readonly<Record<string, string>>;
  /** Per file name: why its download could not start. */
  pullErrors: Readonly<Record<string, string>>;
  setQuery(query: string): void;
  search(): Promise<void>;
  open(repo: string): Promise<void>;
  close(): void;
  pull(fileName: string): Promise<string | null>;
}

export type ModelHubStore = StoreApi<ModelHubStoreState>;

export function createModelHubStore(api: StewardApi): ModelHubStore {
  return createStore<ModelHubStoreState>()((set, get) => ({
    query: '',
    searching: false,
    results: null,
    endpoint: null,
    searchError: null,
    openRepo: null,
    files: null,
    filesLoading: false,
    filesError: null,
    pulledIds: {},
    pullErrors: {},
    setQuery: (query) => set({ query }),
    async search() {
      set({ searching: true, searchError: null, openRepo: null, files: null });
      try {
        const out = await api.call('models.hubSearch', { query: get().query });
        set({ results: out.results, endpoint: out.endpoint, searching: false });
      } catch (err) {
        set({ searchError: messageOf(err), searching: false, results: null });
      }
    },
    async open(repo) {
      set({ openRepo: repo, files: null, filesLoading: true, filesError: null, pullErrors: {} });
      try {
        const out = await api.call('models.hubFiles', { repo });
        if (get().openRepo === repo) set({ files: out.files, filesLoading: false });
      } catch (err) {
        if (get().openRepo === repo) set({ filesError: messageOf(err), filesLoading: false });
      }
    },
    close: () => set({ openRepo: null, files: null, filesError: null }),
    async pull(fileName) {
      const repo = get().openRepo;
      if (!repo) return null;
      const { [fileName]: _old, ...rest } = get().pullErrors;
      void _old;
      set({ pullErrors: rest });
      try {
        const started = await api.call('models.hubPull', { repo, fileName });
        set({ pulledIds: { ...get().pulledIds, [fileName]: started.id } });
        return started.id;
      } catch (err) {
        set({ pullErrors: { ...get().pullErrors, [fileName]: messageOf(err) } });
        return null;
      }
    },
  }));
}
