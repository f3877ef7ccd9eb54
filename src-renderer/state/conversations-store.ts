import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Conversation, StewardApi } from '../../src-preload/contract.js';
import { ApiError } from '../api/api-error.js';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Conversations per request: the server answers a page at a time (11,000 conversations are not one response). */
export const CONVERSATION_PAGE_SIZE = 200;

export interface ConversationsState {
  /** Every conversation, most recently active first. */
  conversations: Conversation[];
  status: LoadStatus;
  error: string | null;
  /** The open conversation; null is the "new conversation" view whose first message creates one. */
  activeId: string | null;
  /** Sidebar search text; results come from the server, which also searches message text. */
  query: string;
  /** Server results for `query`; null while the query is empty. */
  searchResults: Conversation[] | null;
  searching: boolean;
  /** Whether the server may hold conversations older than the last one listed. */
  hasMore: boolean;
  loadingMore: boolean;

  load(): Promise<void>;
  /** Pinned conversations older than the pages loaded: the sidebar lists them at the top however old they are. */
  loadPinned(): Promise<void>;
  /** Fetches the next page of older conversations (the sidebar's "Show older conversations"). */
  loadMore(): Promise<void>;
  select(id: string | null): void;
  create(title?: string): Promise<Conversation>;
  /** Throws ApiError (e.g. an empty title) so the rename field can show the server's reason. */
  rename(id: string, title: string): Promise<Conversation>;
  remove(id: string): Promise<void>;
  setQuery(query: string): void;
  /** Runs the server search for the current query; answers to older queries are dropped. */
  search(): Promise<void>;
  /** Applies a conversation.updated event (or any fresher copy). */
  upsert(conversation: Conversation): void;
  /** Applies a conversation.deleted event. */
  forget(id: string): void;
}

export type ConversationsStore = StoreApi<ConversationsState>;

// eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
export function createConversationsStore(api: StewardApi): ConversationsStore {
  let searchSeq = 0;
  /**
   * Changes heard from events while a list request is in flight (null = deleted). The list is a
   * snapshot that may predate them, so they are replayed over it instead of being overwritten.
   */
  let changedDuringLoad: Map<string, Conversation | null> | null = null;
  let loadsInFlight = 0;
  const noteChange = (id: string, conversation: Conversation | null): void => {
    changedDuringLoad?.set(id, conversation);
  };

  // eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
  return createStore<ConversationsState>()((set, get) => ({
    conversations: [],
    status: 'idle',
    error: null,
    activeId: null,
    query: '',
    searchResults: null,
    searching: false,
    hasMore: false,
    loadingMore: false,

    async load() {
      set({ status: get().status === 'ready' ? 'ready' : 'loading', error: null });
      changedDuringLoad ??= new Map();
      const changes = changedDuringLoad;
      loadsInFlight++;
      try {
        const snapshot = await api.call('conversations.list', { limit: CONVERSATION_PAGE_SIZE });
        const complete = snapshot.length < CONVERSATION_PAGE_SIZE;
        const byId = new Map(snapshot.map((c) => [c.id, c]));
        // Older pages already shown stay shown: a reload (after a reconnect) re-reads the newest page only.
        const oldestListed = snapshot.at(-1)?.updatedAt;
        if (!complete && oldestListed) for (const c of get().conversations) if (!byId.has(c.id) && c.updatedAt <= oldestListed) byId.set(c.id, c);
        for (const [id, conversation] of changes) {
          if (conversation) byId.set(id, conversation);
          else byId.delete(id);
        }
        const conversations = sortByRecent([...byId.values()]);
        set((state) => ({ conversations, status: 'ready', hasMore: complete ? false : state.hasMore || snapshot.length === CONVERSATION_PAGE_SIZE }));
        // A remembered conversation that no longer exists falls back to the new-conversation view;
        // one older than the pages loaded is not "gone", so it is only dropped when the list is complete.
        const { activeId } = get();
        if (activeId && !byId.has(activeId) && complete) set({ activeId: null });
        if (!complete) void get().loadPinned();
      } catch (err) {
        set({ status: 'error', error: ApiError.from(err).message });
      } finally {
        if (--loadsInFlight === 0) changedDuringLoad = null;
      }
    },

    async loadPinned() {
      try {
        const pinned = await api.call('conversations.list', { pinned: true, limit: 1000 });
        set((state) => {
          const known = new Set(state.conversations.map((c) => c.id));
          const missing = pinned.filter((c) => !known.has(c.id));
          return missing.length ? { conversations: sortByRecent([...state.conversations, ...missing]) } : {};
        });
      } catch {
        // The newest page is listed; pinned conversations older than it show when their page loads.
      }
    },

    async loadMore() {
      const { conversations, hasMore, loadingMore } = get();
      // Pinned conversations may be older than the pages loaded: the next page follows the last unpinned one.
      const last = conversations.filter((c) => !c.pinned).at(-1) ?? conversations.at(-1);
      if (!hasMore || loadingMore || !last) return;
      set({ loadingMore: true });
      try {
        // The cursor is the last conversation's id, so conversations sharing a timestamp are never skipped.
        const page = await api.call('conversations.list', { limit: CONVERSATION_PAGE_SIZE, before: last.id });
        set((state) => {
          const known = new Set(state.conversations.map((c) => c.id));
          return { conversations: [...state.conversations, ...page.filter((c) => !known.has(c.id))], hasMore: page.length === CONVERSATION_PAGE_SIZE, loadingMore: false };
        });
      } catch (err) {
        set({ loadingMore: false, error: ApiError.from(err).message });
      }
    },

    select(id) {
      if (get().activeId !== id) set({ activeId: id });
    },

    async create(title) {
      const conversation = await api.call('conversations.create', title ? { title } : {});
      get().upsert(conversation);
      set({ activeId: conversation.id });
      return conversation;
    },

    async rename(id, title) {
      const conversation = await api.call('conversations.rename', { id, title });
      get().upsert(conversation);
      return conversation;
    },

    async remove(id) {
      await api.call('conversations.delete', { id });
      get().forget(id);
    },

    setQuery(query) {
      if (query.trim() === '') {
        searchSeq++;
        set({ query, searchResults: null, searching: false });
      } else {
        set({ query });
      }
    },

    async search() {
      const query = get().query.trim();
      const seq = ++searchSeq;
      if (!query) return;
      set({ searching: true });
      try {
        const results = await api.call('conversations.list', { query });
        if (seq === searchSeq) set({ searchResults: sortByRecent(results), searching: false });
      } catch (err) {
        if (seq === searchSeq) set({ searching: false, error: ApiError.from(err).message });
      }
    },

    upsert(conversation) {
      noteChange(conversation.id, conversation);
      set((state) => ({
        conversations: sortByRecent(replaceOrAdd(state.conversations, conversation)),
        // A search only shows conversations that matched; an update refreshes them in place.
        searchResults: state.searchResults && sortByRecent(state.searchResults.map((c) => (c.id === conversation.id ? conversation : c))),
      }));
    },

    forget(id) {
      noteChange(id, null);
      set((state) => ({
        conversations: state.conversations.filter((c) => c.id !== id),
        searchResults: state.searchResults && state.searchResults.filter((c) => c.id !== id),
        activeId: state.activeId === id ? null : state.activeId,
      }));
    },
  }));
}

/** What the sidebar lists: search results while searching, everything otherwise. */
export function visibleConversations(state: Pick<ConversationsState, 'conversations' | 'searchResults'>): Conversation[] {
  return state.searchResults ?? state.conversations;
}

function replaceOrAdd(list: Conversation[], conversation: Conversation): Conversation[] {
  const index = list.findIndex((c) => c.id === conversation.id);
  if (index === -1) return [...list, conversation];
  const next = list.slice();
  next[index] = conversation;
  return next;
}

function sortByRecent(list: Conversation[]): Conversation[] {
  return list.slice().sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}
