import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodInput, MethodOutput, StewardApi } from '../../../src-preload/contract.js';
import { messageOf } from './request-error.js';

export type PaymentsFilter = MethodInput<'payments.list'>;
export type PaymentsList = MethodOutput<'payments.list'>;

/**
 * The Payments view: the ledger with filters, CSV export, a refund that waits for the usual
 * approval (never runs from here directly) and reconciliation with Stripe.
 */
export interface PaymentsStoreState {
  data: PaymentsList | null;
  filter: PaymentsFilter;
  error: string | null;
  notice: string | null;
  busy: boolean;
  load(): Promise<void>;
  setFilter(patch: Partial<PaymentsFilter>): Promise<void>;
  exportCsv(): Promise<{ filename: string; csv: string } | null>;
  refund(input: MethodInput<'payments.refund'>): Promise<boolean>;
  reconcile(): Promise<void>;
}

export type PaymentsStore = StoreApi<PaymentsStoreState>;

export function createPaymentsStore(api: StewardApi): PaymentsStore {
  return createStore<PaymentsStoreState>()((set, get) => ({
    data: null,
    filter: {},
    error: null,
    notice: null,
    busy: false,
    async load() {
      try {
        set({ data: await api.call('payments.list', get().filter), error: null });
      } catch (err) {
        set({ error: messageOf(err) });
      }
    },
    async setFilter(patch) {
      const next = { ...get().filter, ...patch };
      for (const key of Object.keys(next) as (keyof PaymentsFilter)[]) if (next[key] === '' || next[key] === undefined) delete next[key];
      set({ filter: next });
      await get().load();
    },
    async exportCsv() {
      try {
        return await api.call('payments.exportCsv', get().filter);
      } catch (err) {
        set({ error: messageOf(err) });
        return null;
      }
    },
    async refund(input) {
      set({ busy: true });
      try {
        const out = await api.call('payments.refund', input);
        set({ notice: out.message, error: null });
        return true;
      } catch (err) {
        set({ error: messageOf(err) });
        return false;
      } finally {
        set({ busy: false });
      }
    },
    async reconcile() {
      set({ busy: true });
      try {
        const out = await api.call('payments.reconcile', {});
        set({ notice: out.message, error: null });
        await get().load();
      } catch (err) {
        set({ error: messageOf(err) });
      } finally {
        set({ busy: false });
      }
    },
  }));
}
