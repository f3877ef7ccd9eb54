import { describe, expect, it } from 'vitest';
import type { Approval, RouterStats, StewardApi } from '../../../src-preload/contract.js';
import { breakdownFromRouterStats, formatUsd, summariseCost } from '../../../src-renderer/state/cost-maths.js';
import { createCostStore } from '../../../src-renderer/state/cost-store.js';

const noFigures = { sessionUsd: null, todayUsd: null, dailyBudgetUsd: null };

describe('cost maths', () => {
  it('shows today against the budget from cost.updated, with what is left', () => {
    const s = summariseCost({ sessionUsd: 0.4, todayUsd: 1.25, dailyBudgetUsd: 5 }, 10, []);
    expect(s).toMatchObject({ sessionUsd: 0.4, todayUsd: 1.25, budgetUsd: 5, remainingUsd: 3.75, usedShare: 0.25, level: 'ok', pendingEstimateUsd: 0 });
  });

  it('falls back to settings.budgets.dailyUsd before any cost event, and to no budget at all', () => {
    expect(summariseCost(noFigures, 5, [])).toMatchObject({ todayUsd: 0, budgetUsd: 5, remainingUsd: 5, level: 'ok' });
    expect(summariseCost(noFigures, null, [])).toMatchObject({ budgetUsd: null, remainingUsd: null, usedShare: null, level: 'ok' });
  });

  it('warns from 80% of the budget and flags going over', () => {
    expect(summariseCost({ sessionUsd: 4, todayUsd: 4, dailyBudgetUsd: 5 }, null, []).level).toBe('warning');
    expect(summariseCost({ sessionUsd: 6, todayUsd: 6, dailyBudgetUsd: 5 }, null, [])).toMatchObject({ level: 'over', remainingUsd: 0 });
    // A zero budget: any spend is over it.
    expect(summariseCost({ sessionUsd: 0.01, todayUsd: 0.01, dailyBudgetUsd: 0 }, null, []).level).toBe('over');
    expect(summariseCost({ sessionUsd: 0, todayUsd: 0, dailyBudgetUsd: 0 }, null, []).level).toBe('ok');
  });

  it('adds up estimates waiting for approval and says when approving them would pass the budget', () => {
    const s = summariseCost({ sessionUsd: 1, todayUsd: 4.5, dailyBudgetUsd: 5 }, null, [0.3, 0.35]);
    expect(s.pendingEstimateUsd).toBeCloseTo(0.65, 6);
    expect(s.pendingWouldExceed).toBe(true);
    expect(summariseCost({ sessionUsd: 1, todayUsd: 1, dailyBudgetUsd: 5 }, null, [0.3]).pendingWouldExceed).toBe(false);
  });

  it('formats sub-cent amounts so a paid call never reads as free', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.004)).toBe('$0.004');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
  });

  it('splits model calls into local and cloud from router.stats', () => {
    const stats: RouterStats = {
      share: { local: { calls: 3, tokens: 900 }, cloud: { calls: 1, tokens: 400 }, localCallShare: 0.75, localTokenShare: 0.69 },
      spend: { totalUsd: 0.02, unknownPriceCalls: 0, byDay: [] },
      savings: { usd: 0.05, priceKnown: true, localPromptTokens: 600, localCompletionTokens: 300 },
      failures: [],
    };
    expect(breakdownFromRouterStats(stats)).toEqual({
      local: { calls: 3, tokens: 900, callShare: 0.75 },
      cloud: { calls: 1, tokens: 400, callShare: 0.25, usd: 0.02 },
      savingsUsd: 0.05,
      unknownPriceCalls: 0,
    });
    const empty = breakdownFromRouterStats({ ...stats, share: { ...stats.share, local: { calls: 0, tokens: 0 }, cloud: { calls: 0, tokens: 0 } }, savings: { ...stats.savings, priceKnown: false } });
    expect(empty.local.callShare).toBe(0);
    expect(empty.savingsUsd).toBeNull();
  });
});

function approval(id: string, costEstimateUsd: number | null): Approval {
  return {
    id,
    conversationId: 'c1',
    taskId: null,
    tool: 'send_invoice',
    summary: `Send invoice ${id}`,
    args: {},
    risk: 'financial',
    costEstimateUsd,
    provenance: { source: 'user', detail: null },
    createdAt: '2029-12-31T23:45:00.000Z',
    expiresAt: '2030-01-01T00:00:00.000Z',
    twoFactorRequired: false,
  };
}

const offlineApi: StewardApi = {
  call: (async () => {
    throw new Error('offline');
  }) as StewardApi['call'],
  onEvent: () => () => {},
  onConnectionChange: () => () => {},
};

describe('cost store', () => {
  it('tracks running totals from cost.updated and estimates from approval events until they are resolved', () => {
    const store = createCostStore(offlineApi);
    store.getState().applyEvent({ type: 'cost.updated', sessionUsd: 0.1, todayUsd: 0.3, dailyBudgetUsd: 5 });
    store.getState().applyEvent({ type: 'approval.requested', approval: approval('a1', 0.25) });
    store.getState().applyEvent({ type: 'approval.requested', approval: approval('a2', null) });
    expect(store.getState()).toMatchObject({ sessionUsd: 0.1, todayUsd: 0.3, dailyBudgetUsd: 5 });
    expect(Object.keys(store.getState().estimates)).toEqual(['a1']);
    expect(store.getState().estimates.a1).toMatchObject({ usd: 0.25, tool: 'send_invoice', summary: 'Send invoice a1' });

    store.getState().applyEvent({ type: 'approval.resolved', approvalId: 'a1', outcome: 'approved', decidedBy: 'user' });
    expect(store.getState().estimates).toEqual({});
  });

  it('keeps what it has and reports the reason when router.stats fails', async () => {
    const store = createCostStore(offlineApi);
    await store.getState().loadBreakdown();
    expect(store.getState().breakdown).toBeNull();
    expect(store.getState().breakdownError).toMatch(/offline/);
    await store.getState().loadEstimates();
    expect(store.getState().estimates).toEqual({});
  });
});
