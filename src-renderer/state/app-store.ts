import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo, Settings, StewardApi } from '../../src-preload/contract.js';
import { ApiError } from '../api/api-error.js';

export interface AppStoreState {
  info: AppInfo | null;
  settings: Settings | null;
  error: string | null;
  load(): Promise<void>;
  applySettings(settings: Settings): void;
}

export type AppStore = StoreApi<AppStoreState>;

export function createAppStore(api: StewardApi): AppStore {
  // Settings pushed by a settings.changed event are newer than any load that was already on its
  // way: such a load's answer must not bring the old settings (and theme) back.
  let pushes = 0;
  return createStore<AppStoreState>()((set) => ({
    info: null,
    settings: null,
    error: null,
    async load() {
      const pushesAtStart = pushes;
      try {
        const [info, settings] = await Promise.all([api.call('app.info', {}), api.call('settings.get', {})]);
        set(pushes === pushesAtStart ? { info, settings, error: null } : { info, error: null });
      } catch (err) {
        set({ error: ApiError.from(err).message });
      }
    },
    applySettings(settings) {
      pushes += 1;
      set({ settings });
    },
  }));
}

export type Theme = Settings['theme'];

export function themeOf(state: Pick<AppStoreState, 'settings'>): Theme {
  return state.settings?.theme ?? 'system';
}
