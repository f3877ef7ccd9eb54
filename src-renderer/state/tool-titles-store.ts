import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StewardApi } from '../../src-preload/contract.js';

export interface ToolTitlesState {
  /** Tool id → its name for people ("files.create" → "Create a file"). */
  titles: Readonly<Record<string, string>>;
  load(): Promise<void>;
}

export type ToolTitlesStore = StoreApi<ToolTitlesState>;

/** The tools' human names, for approval cards and status lines that only carry the tool id. */
export function createToolTitlesStore(api: StewardApi): ToolTitlesStore {
  return createStore<ToolTitlesState>()((set) => ({
    titles: {},
    async load() {
      try {
        const tools = await api.call('tools.list', {});
        set({ titles: Object.fromEntries(tools.map((t) => [t.name, t.title])) });
      } catch {
        // Without an assistant there are no tools; cards then fall back to a readable form of the id.
      }
    },
  }));
}

/** "files.create" → "Files: create" when the tool's own title is not known. */
export function readableToolId(id: string): string {
  const [group = id, ...rest] = id.split('.');
  const head = group.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return rest.length ? `${head}: ${rest.join(' ').replace(/[_-]+/g, ' ')}` : head;
}
