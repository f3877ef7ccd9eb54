import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  FactCategory,
  MemoryAnalytics,
  MemoryAnswer,
  MemoryEditInput,
  MemoryEntity,
  MemoryFact,
  MemoryQuestion,
  MemorySearchResult,
  MemorySettings,
  MethodOutput,
  StewardApi,
} from '../../../src-preload/contract.js';
import { messageOf, requestErrorOf, type FieldErrors } from './request-error.js';

export type CategoryFilter = FactCategory | 'all';
export type MemoryHistory = MethodOutput<'memory.history'> & { factId: string };
export type ImportReport = { ok: true; text: string } | { ok: false; text: string; problems: { where: string; message: string }[] };

/**
 * The memory dashboard: current facts by category, search, edit/delete with history, export,
 * import, clear, learning settings, analytics and the questions awaiting the user's answer.
 */
export interface MemoryStoreState {
  category: CategoryFilter;
  facts: MemoryFact[];
  total: number;
  entities: MemoryEntity[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  query: string;
  searching: boolean;
  /** Results of the last search; null shows the category list instead. */
  search: MemorySearchResult | null;
  searchError: string | null;
  analytics: MemoryAnalytics | null;
  settings: MemorySettings | null;
  settingsErrors: FieldErrors;
  questions: MemoryQuestion[];
  history: MemoryHistory | null;
  /** Last thing done, for a polite status line ("Deleted 1 fact"). */
  notice: string | null;
  importReport: ImportReport | null;
  load(): Promise<void>;
  setCategory(category: CategoryFilter): Promise<void>;
  runSearch(query: string): Promise<void>;
  clearSearch(): void;
  /** Resolves to null when saved, or the server's messages per field. */
  edit(input: MemoryEditInput): Promise<FieldErrors | null>;
  /** A fact typed by hand ("Sarah Lee is our CFO"): null when kept, or the reason per field. */
  add(statement: string): Promise<FieldErrors | null>;
  remove(ids: string[]): Promise<void>;
  openHistory(factId: string): Promise<void>;
  closeHistory(): void;
  exportAs(format: 'json' | 'markdown'): Promise<{ fileName: string; content: string; mime: string } | null>;
  importContent(content: string): Promise<void>;
  clearAll(): Promise<boolean>;
  updateSettings(patch: Record<string, unknown>): Promise<boolean>;
  answer(id: string, answer: MemoryAnswer): Promise<void>;
}

export type MemoryStore = StoreApi<MemoryStoreState>;

// eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
export function createMemoryStore(api: StewardApi): MemoryStore {
  // eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
  return createStore<MemoryStoreState>()((set, get) => {
    const loadFacts = async () => {
      const { category } = get();
      const list = await api.call('memory.list', { status: 'current', limit: 500, ...(category !== 'all' && { category }) });
      set({ facts: list.facts, total: list.total, entities: list.entities });
    };
    const loadSide = async () => {
      const [analytics, settings, questions] = await Promise.all([
        api.call('memory.analytics', {}),
        api.call('memory.settings.get', {}),
        api.call('memory.questions.list', {}),
      ]);
      set({ analytics, settings, questions });
    };
    const refreshSearch = async () => {
      const { search, query } = get();
      if (search && query.trim()) await get().runSearch(query);
    };

    return {
      category: 'all',
      facts: [],
      total: 0,
      entities: [],
      status: 'idle',
      error: null,
      query: '',
      searching: false,
      search: null,
      searchError: null,
      analytics: null,
      settings: null,
      settingsErrors: {},
      questions: [],
      history: null,
      notice: null,
      importReport: null,
      async load() {
        if (get().status === 'idle') set({ status: 'loading' });
        try {
          await Promise.all([loadFacts(), loadSide()]);
          set({ status: 'ready', error: null });
          await refreshSearch();
        } catch (err) {
          set({ status: 'error', error: messageOf(err) });
        }
      },
      async setCategory(category) {
        set({ category });
        try {
          await loadFacts();
          set({ error: null });
        } catch (err) {
          set({ error: messageOf(err) });
        }
      },
      async runSearch(query) {
        set({ query, searching: true });
        if (!query.trim()) {
          set({ search: null, searching: false, searchError: null });
          return;
        }
        try {
          const search = await api.call('memory.search', { query, limit: 50 });
          if (get().query === query) set({ search, searchError: null });
        } catch (err) {
          if (get().query === query) set({ searchError: messageOf(err) });
        } finally {
          if (get().query === query) set({ searching: false });
        }
      },
      clearSearch() {
        set({ query: '', search: null, searchError: null, searching: false });
      },
      async edit(input) {
        try {
          const fact = await api.call('memory.edit', input);
          const replace = (f: MemoryFact) => (f.id === fact.id ? fact : f);
          const { search } = get();
          set({
            facts: get().facts.map(replace),
            search: search && { ...search, facts: search.facts.map((s) => ({ ...s, fact: replace(s.fact) })) },
            notice: `Saved “${fact.subject} ${fact.predicate}”.`,
          });
          void get().load();
          return null;
        } catch (err) {
          const { message, fields } = requestErrorOf(err);
          return Object.keys(fields).length > 0 ? fields : { '': message };
        }
      },
      async add(statement) {
        try {
          const added = await api.call('memory.add', { statement });
          // The reply says what was kept, or the question a contradiction raised (answered in the side card).
          set({ notice: added.reply });
          void get().load();
          return null;
        } catch (err) {
          const { message, fields } = requestErrorOf(err);
          return Object.keys(fields).length > 0 ? fields : { '': message };
        }
      },
      async remove(ids) {
        try {
          const { deleted } = await api.call('memory.delete', { ids });
          const gone = new Set(ids);
          const { search } = get();
          set({
            facts: get().facts.filter((f) => !gone.has(f.id)),
            search: search && { ...search, facts: search.facts.filter((s) => !gone.has(s.fact.id)) },
            notice: `Deleted ${deleted} fact${deleted === 1 ? '' : 's'}.`,
            error: null,
          });
          void get().load();
        } catch (err) {
          set({ error: messageOf(err) });
        }
      },
      async openHistory(factId) {
        try {
          set({ history: { factId, ...(await api.call('memory.history', { factId })) } });
        } catch (err) {
          set({ error: messageOf(err) });
        }
      },
      closeHistory() {
        set({ history: null });
      },
      async exportAs(format) {
        try {
          const result = await api.call('memory.export', { format });
          set({ notice: `Exported ${result.fileName}.` });
          return { fileName: result.fileName, content: result.content, mime: format === 'json' ? 'application/json' : 'text/markdown' };
        } catch (err) {
          set({ error: messageOf(err) });
          return null;
        }
      },
      async importContent(content) {
        try {
          const { imported, skippedDuplicates } = await api.call('memory.import', { content });
          const skipped = skippedDuplicates.facts + skippedDuplicates.entities + skippedDuplicates.episodes + skippedDuplicates.workflows;
          set({
            importReport: {
              ok: true,
              text: `Imported ${imported.facts} facts, ${imported.entities} entities, ${imported.episodes} episodes and ${imported.workflows} workflows${skipped > 0 ? ` (${skipped} duplicates skipped)` : ''}.`,
            },
          });
          await get().load();
        } catch (err) {
          const { message, fields } = requestErrorOf(err);
          set({ importReport: { ok: false, text: message, problems: Object.entries(fields).map(([where, msg]) => ({ where, message: msg })) } });
        }
      },
      async clearAll() {
        try {
          const result = await api.call('memory.clear', { confirm: true });
          set({ notice: `Cleared ${result.deletedFacts} facts, ${result.deletedEntities} entities and ${result.deletedEpisodes} episodes.`, search: null, query: '' });
          await get().load();
          return true;
        } catch (err) {
          set({ error: messageOf(err) });
          return false;
        }
      },
      async updateSettings(patch) {
        try {
          set({ settings: await api.call('memory.settings.update', { patch }), settingsErrors: {} });
          return true;
        } catch (err) {
          const { message, fields } = requestErrorOf(err);
          set({ settingsErrors: Object.keys(fields).length > 0 ? fields : { '': message } });
          return false;
        }
      },
      async answer(id, answer) {
        try {
          const result = await api.call('memory.questions.answer', { id, answer });
          set({ notice: result.outcome, questions: get().questions.filter((q) => q.id !== id) });
          void get().load();
        } catch (err) {
          set({ error: messageOf(err) });
        }
      },
    };
  });
}
