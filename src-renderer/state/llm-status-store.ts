import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LlmStatus, StewardApi } from '../../src-preload/contract.js';
import { ApiError } from '../api/api-error.js';

export interface LlmStatusState {
  status: LlmStatus | null;
  error: string | null;
  load(): Promise<void>;
  /** What an llm.status event says: the model layer changed (a model set up, the local API started…). */
  apply(status: LlmStatus): void;
}

export type LlmStatusStore = StoreApi<LlmStatusState>;

/** Whether a local model or a cloud model can answer, for the empty state's next-step hint. */
export function createLlmStatusStore(api: StewardApi): LlmStatusStore {
  return createStore<LlmStatusState>()((set) => ({
    status: null,
    error: null,
    async load() {
      try {
        set({ status: await api.call('llm.status', {}), error: null });
      } catch (err) {
        set({ error: ApiError.from(err).message });
      }
    },
    apply(status) {
      set({ status, error: null });
    },
  }));
}

export type ModelSetup = 'ready' | 'no-model' | 'unknown';

/** "no-model": neither a local model nor a cloud model is set up — the empty state says how to get one. */
export function modelSetup(status: LlmStatus | null): ModelSetup {
  if (!status) return 'unknown';
  return status.local.configured || status.cloud.enabled ? 'ready' : 'no-model';
}
