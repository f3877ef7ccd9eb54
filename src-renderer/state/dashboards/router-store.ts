import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RouterStats, StewardApi } from '../../../src-preload/contract.js';
import { messageOf } from './request-error.js';

export const ROUTER_DAY_OPTIONS = [7, 30, 90, 365] as const;
export type RouterDays = (typeof ROUTER_DAY_OPTIONS)[number];

/** The router dashboard: local vs cloud share, spend and savings, failures, over the chosen window. */
export interface RouterStoreState {
  days: RouterDays;
  stats: RouterStats | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  load(): Promise<void>;
  setDays(days: RouterDays): Promise<void>;
}

export type RouterStore = StoreApi<RouterStoreState>;

export function createRouterStore(api: StewardApi, utcOffsetMinutes = -new Date().getTimezoneOffset()): RouterStore {
  return createStore<RouterStoreState>()((set, get) => ({
    days: 30,
    stats: null,
    status: 'idle',
    error: null,
    async load() {
      const days = get().days;
      set({ status: get().stats ? 'ready' : 'loading' });
      try {
        const stats = await api.call('router.stats', { days, utcOffsetMinutes });
        if (get().days === days) set({ stats, status: 'ready', error: null });
      } catch (err) {
        if (get().days === days) set({ status: 'error', error: messageOf(err) });
      }
    },
    async setDays(days) {
      set({ days });
      await get().load();
    },
  }));
}

/** byDay filled to one entry per day of the window (days without calls are 0), oldest first. */
export type DailyPoint = RouterStats['spend']['byDay'][number];

export function dailySeries(stats: RouterStats, days: number, today: Date): DailyPoint[] {
  const byDay = new Map(stats.spend.byDay.map((d) => [d.day, d]));
  const out: DailyPoint[] = [];
  for (let i = days - 1; i >= 0; i -= 1) {
    const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i);
    const key = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    const found = byDay.get(key);
    out.push({ day: key, usd: found?.usd ?? 0, calls: found?.calls ?? 0, savedUsd: found?.savedUsd ?? 0 });
  }
  return out;
}
