import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CloudPresetId, CloudProviderView, StewardApi } from '../../../src-preload/contract.js';
import { messageOf } from './request-error.js';

interface Preset {
  id: CloudPresetId;
  name: string;
  baseUrl: string;
  needsKey: boolean;
  hint: string;
}

export interface ProviderTest {
  ok: boolean;
  message: string;
  models: string[];
}

export interface NewProvider {
  preset: CloudPresetId;
  name: string;
  baseUrl: string;
  apiKey: string;
}

/** Models › Cloud providers: the configured OpenAI-compatible servers, their tests and models, and which one is the cloud model. */
export interface CloudProvidersStoreState {
  presets: Preset[];
  providers: CloudProviderView[];
  loadError: string | null;
  /** Why adding a provider was refused (the server's message, naming the field). */
  addError: string | null;
  tests: Readonly<Record<string, ProviderTest | 'running'>>;
  /** Per provider: why the last action on it failed. */
  errors: Readonly<Record<string, string>>;
  load(): Promise<void>;
  add(provider: NewProvider): Promise<boolean>;
  setEnabled(id: string, enabled: boolean): Promise<void>;
  setKey(id: string, apiKey: string): Promise<boolean>;
  test(id: string): Promise<void>;
  use(id: string, model: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export type CloudProvidersStore = StoreApi<CloudProvidersStoreState>;

// eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
export function createCloudProvidersStore(api: StewardApi, onChanged?: () => void): CloudProvidersStore {
  // eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
  return createStore<CloudProvidersStoreState>()((set, get) => {
    const fail = (id: string, err: unknown) => set({ errors: { ...get().errors, [id]: messageOf(err) } });
    const clear = (id: string) => {
      const { [id]: _gone, ...rest } = get().errors;
      void _gone;
      set({ errors: rest });
    };
    const replace = (view: CloudProviderView) => set({ providers: get().providers.map((p) => (p.id === view.id ? view : p)) });
    const save = (p: CloudProviderView, patch: { enabled?: boolean; apiKey?: string }) =>
      api.call('cloudProviders.save', { id: p.id, preset: p.preset, name: p.name, baseUrl: p.baseUrl, ...patch });
    return {
      presets: [],
      providers: [],
      loadError: null,
      addError: null,
      tests: {},
      errors: {},
      async load() {
        try {
          const out = await api.call('cloudProviders.list', {});
          set({ presets: out.presets, providers: out.providers, loadError: null });
        } catch (err) {
          set({ loadError: messageOf(err) });
        }
      },
      async add(provider) {
        try {
          const view = await api.call('cloudProviders.save', {
            preset: provider.preset,
            name: provider.name.trim(),
            baseUrl: provider.baseUrl.trim(),
            ...(provider.apiKey.trim() && { apiKey: provider.apiKey.trim() }),
          });
          set({ providers: [...get().providers, view], addError: null });
          return true;
        } catch (err) {
          set({ addError: messageOf(err) });
          return false;
        }
      },
      async setEnabled(id, enabled) {
        const p = get().providers.find((x) => x.id === id);
        if (!p) return;
        clear(id);
        try {
          replace(await save(p, { enabled }));
          // Switching off the provider in use switches the cloud model off: other lists follow.
          if (!enabled) await get().load();
          onChanged?.();
        } catch (err) {
          fail(id, err);
        }
      },
      async setKey(id, apiKey) {
        const p = get().providers.find((x) => x.id === id);
        if (!p) return false;
        clear(id);
        try {
          replace(await save(p, { apiKey }));
          return true;
        } catch (err) {
          fail(id, err);
          return false;
        }
      },
      async test(id) {
        clear(id);
        set({ tests: { ...get().tests, [id]: 'running' } });
        try {
          set({ tests: { ...get().tests, [id]: await api.call('cloudProviders.test', { id }) } });
        } catch (err) {
          const { [id]: _running, ...rest } = get().tests;
          void _running;
          set({ tests: rest });
          fail(id, err);
        }
      },
      async use(id, model) {
        clear(id);
        try {
          await api.call('cloudProviders.use', { id, model });
          await get().load();
          onChanged?.();
        } catch (err) {
          fail(id, err);
        }
      },
      async remove(id) {
        clear(id);
        try {
          await api.call('cloudProviders.remove', { id });
          set({ providers: get().providers.filter((p) => p.id !== id) });
          onChanged?.();
        } catch (err) {
          fail(id, err);
        }
      },
    };
  });
}
