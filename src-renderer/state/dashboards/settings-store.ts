import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PermissionModeValue, Settings, SettingsPatch, StewardApi, ToolInfo } from '../../../src-preload/contract.js';
import { messageOf, requestErrorOf, type FieldErrors } from './request-error.js';

/**
 * Settings as the dashboards edit them, and tool permissions. A rejected save keeps the server's
 * message per field (by its dotted path) so each one shows next to the input it is about.
 */
export interface SettingsStoreState {
  settings: Settings | null;
  loadError: string | null;
  /** Field path → the server's message from the last rejected save. */
  fieldErrors: FieldErrors;
  /** Whole-form message from the last rejected save, or null. */
  saveError: string | null;
  /** Bumped on every successful save so screens can say "Saved". */
  savedAt: number | null;
  tools: ToolInfo[];
  toolsError: string | null;
  /** Per tool: why the last permission change was refused. */
  toolErrors: Readonly<Record<string, string>>;
  load(): Promise<void>;
  /** Saves a patch; resolves true when it was accepted. */
  update(patch: SettingsPatch): Promise<boolean>;
  clearFieldError(path: string): void;
  applySettings(settings: Settings): void;
  loadTools(): Promise<void>;
  setPermission(tool: string, mode: PermissionModeValue): Promise<boolean>;
}

export type SettingsStore = StoreApi<SettingsStoreState>;

export function createSettingsStore(api: StewardApi, onSaved?: (settings: Settings) => void): SettingsStore {
  return createStore<SettingsStoreState>()((set, get) => ({
    settings: null,
    loadError: null,
    fieldErrors: {},
    saveError: null,
    savedAt: null,
    tools: [],
    toolsError: null,
    toolErrors: {},
    async load() {
      try {
        set({ settings: await api.call('settings.get', {}), loadError: null });
      } catch (err) {
        set({ loadError: messageOf(err) });
      }
    },
    async update(patch) {
      try {
        const settings = await api.call('settings.update', { patch: patch as Record<string, unknown> });
        set({ settings, fieldErrors: {}, saveError: null, savedAt: Date.now() });
        onSaved?.(settings);
        return true;
      } catch (err) {
        const { message, fields } = requestErrorOf(err);
        set({ fieldErrors: fields, saveError: message });
        return false;
      }
    },
    clearFieldError(path) {
      const { [path]: _gone, ...rest } = get().fieldErrors;
      void _gone;
      set({ fieldErrors: rest });
    },
    applySettings(settings) {
      set({ settings });
    },
    async loadTools() {
      try {
        set({ tools: await api.call('tools.list', {}), toolsError: null });
      } catch (err) {
        set({ toolsError: messageOf(err) });
      }
    },
    async setPermission(tool, mode) {
      try {
        const info = await api.call('tools.setPermission', { tool, mode });
        const { [tool]: _gone, ...rest } = get().toolErrors;
        void _gone;
        set({ tools: get().tools.map((t) => (t.name === tool ? info : t)), toolErrors: rest });
        return true;
      } catch (err) {
        set({ toolErrors: { ...get().toolErrors, [tool]: messageOf(err) } });
        return false;
      }
    },
  }));
}
