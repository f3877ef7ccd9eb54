import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AuditEntry, AuditVerification, StewardApi } from '../../../src-preload/contract.js';
import { messageOf } from './request-error.js';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  actor: string;
  action: string;
  result: 'all' | AuditEntry['result'];
  text: string;
}

/**
 * The audit log: newest first, older pages on demand (beforeSeq), filtered in the view, and the
 * hash-chain check. The list API has no server-side filter, so filters apply to loaded rows.
 */
export interface AuditStoreState {
  entries: AuditEntry[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  hasMore: boolean;
  error: string | null;
  filter: AuditFilter;
  verifying: boolean;
  verification: AuditVerification | null;
  verifyError: string | null;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  setFilter(patch: Partial<AuditFilter>): void;
  verify(): Promise<void>;
}

export type AuditStore = StoreApi<AuditStoreState>;

export function createAuditStore(api: StewardApi): AuditStore {
  return createStore<AuditStoreState>()((set, get) => ({
    entries: [],
    status: 'idle',
    loadingMore: false,
    hasMore: false,
    error: null,
    filter: { actor: '', action: '', result: 'all', text: '' },
    verifying: false,
    verification: null,
    verifyError: null,
    async load() {
      set({ status: get().entries.length > 0 ? 'ready' : 'loading' });
      try {
        const entries = await api.call('audit.list', { limit: AUDIT_PAGE_SIZE });
        // A check made before newer rows were written no longer vouches for the whole log.
        const grown = entries[0]?.seq !== get().entries[0]?.seq;
        set({ entries, hasMore: entries.length === AUDIT_PAGE_SIZE, status: 'ready', error: null, ...(grown && { verification: null }) });
      } catch (err) {
        set({ status: 'error', error: messageOf(err) });
      }
    },
    async loadMore() {
      const { entries, loadingMore } = get();
      const oldest = entries.at(-1);
      if (loadingMore || !oldest) return;
      set({ loadingMore: true });
      try {
        const page = await api.call('audit.list', { limit: AUDIT_PAGE_SIZE, beforeSeq: oldest.seq });
        const known = new Set(get().entries.map((e) => e.seq));
        set({ entries: [...get().entries, ...page.filter((e) => !known.has(e.seq))], hasMore: page.length === AUDIT_PAGE_SIZE, error: null });
      } catch (err) {
        set({ error: messageOf(err) });
      } finally {
        set({ loadingMore: false });
      }
    },
    setFilter(patch) {
      set({ filter: { ...get().filter, ...patch } });
    },
    async verify() {
      set({ verifying: true, verifyError: null });
      try {
        set({ verification: await api.call('audit.verify', {}) });
      } catch (err) {
        set({ verifyError: messageOf(err), verification: null });
      } finally {
        set({ verifying: false });
      }
    },
  }));
}

/** Rows matching every filled-in filter (case-insensitive substring; text searches args and detail too). */
export function filterAudit(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
  const actor = filter.actor.trim().toLowerCase();
  const action = filter.action.trim().toLowerCase();
  const text = filter.text.trim().toLowerCase();
  return entries.filter((e) => {
    if (filter.result !== 'all' && e.result !== filter.result) return false;
    if (actor && !e.actor.toLowerCase().includes(actor)) return false;
    if (action && !e.action.toLowerCase().includes(action)) return false;
    if (text) {
      const haystack = `${e.actor} ${e.action} ${e.detail ?? ''} ${e.approver ?? ''} ${JSON.stringify(e.args ?? null)}`.toLowerCase();
      if (!haystack.includes(text)) return false;
    }
    return true;
  });
}
