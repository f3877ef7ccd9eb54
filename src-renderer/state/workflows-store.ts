import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MemoryWorkflow, StewardApi } from '../../src-preload/contract.js';

export interface WorkflowsState {
  workflows: MemoryWorkflow[];
  loaded: boolean;
  load(): Promise<void>;
}

export type WorkflowsStore = StoreApi<WorkflowsState>;

/** The workflows memory has learned, behind the "suggested automations" of the chat. */
export function createWorkflowsStore(api: StewardApi): WorkflowsStore {
  return createStore<WorkflowsState>()((set) => ({
    workflows: [],
    loaded: false,
    async load() {
      try {
        set({ workflows: await api.call('memory.workflows.list', {}), loaded: true });
      } catch {
        // Suggestions are optional: without memory (or on an error) the chat simply offers none.
        set({ loaded: true });
      }
    },
  }));
}
