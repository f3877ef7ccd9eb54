import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StewardApi, StewardEvent } from '../../src-preload/contract.js';
import { ApiError } from '../api/api-error.js';
import { breakdownFromRouterStats, type CostFigures, type ServiceBreakdown } from './cost-maths.js';

/** A cost estimate carried by an approval that is still waiting for the user. */
export interface PendingEstimate {
  approvalId: string;
  conversationId: string | null;
  tool: string;
  summary: string;
  usd: number;
}

export interface CostState extends CostFigures {
  /** By approval id; removed when the approval is resolved. */
  estimates: Record<string, PendingEstimate>;
  breakdown: ServiceBreakdown | null;
  breakdownError: string | null;
  applyEvent(event: StewardEvent): void;
  /** Pending approvals with an estimate (after a start or reconnect, when events were missed). */
  loadEstimates(): Promise<void>;
  /** Local vs cloud split of model calls today, from router.stats. */
  loadBreakdown(): Promise<void>;
}

export type CostStore = StoreApi<CostState>;

export function createCostStore(api: StewardApi): CostStore {
  return createStore<CostState>()((set) => ({
    sessionUsd: null,
    todayUsd: null,
    dailyBudgetUsd: null,
    estimates: {},
    breakdown: null,
    breakdownError: null,

    applyEvent(event) {
      switch (event.type) {
        case 'cost.updated':
          set({ sessionUsd: event.sessionUsd, todayUsd: event.todayUsd, dailyBudgetUsd: event.dailyBudgetUsd });
          return;
        case 'approval.requested': {
          const { approval } = event;
          if (approval.costEstimateUsd === null) return;
          const estimate: PendingEstimate = {
            approvalId: approval.id,
            conversationId: approval.conversationId,
            tool: approval.tool,
            summary: approval.summary,
            usd: approval.costEstimateUsd,
          };
          set((state) => ({ estimates: { ...state.estimates, [approval.id]: estimate } }));
          return;
        }
        case 'approval.resolved':
          set((state) => {
            if (!(event.approvalId in state.estimates)) return {};
            const estimates = { ...state.estimates };
            delete estimates[event.approvalId];
            return { estimates };
          });
          return;
        default:
          return;
      }
    },

    async loadEstimates() {
      try {
        const pending = await api.call('approvals.list', { status: 'pending' });
        const estimates: Record<string, PendingEstimate> = {};
        for (const a of pending) {
          if (a.costEstimateUsd === null) continue;
          estimates[a.id] = { approvalId: a.id, conversationId: a.conversationId, tool: a.tool, summary: a.summary, usd: a.costEstimateUsd };
        }
        set({ estimates });
      } catch {
        // Estimates are a hint; the approval card itself shows the cost. Keep what events gave us.
      }
    },

    async loadBreakdown() {
      try {
        const stats = await api.call('router.stats', { days: 1, utcOffsetMinutes: -new Date().getTimezoneOffset() });
        set({ breakdown: breakdownFromRouterStats(stats), breakdownError: null });
      } catch (err) {
        set({ breakdownError: ApiError.from(err).message });
      }
    },
  }));
}
