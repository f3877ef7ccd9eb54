import type { RouterStats } from '../../src-preload/contract.js';

/** At or above this share of the daily budget the widget turns amber. */
export const BUDGET_WARNING_SHARE = 0.8;

export interface CostFigures {
  /** From the latest cost.updated event; null until one arrives. */
  sessionUsd: number | null;
  todayUsd: number | null;
  dailyBudgetUsd: number | null;
}

export interface CostSummary {
  sessionUsd: number;
  todayUsd: number;
  /** The event's budget, else settings.budgets.dailyUsd, else null (unknown). */
  budgetUsd: number | null;
  remainingUsd: number | null;
  /** today / budget, 0…∞ (over 1 = over budget); null without a budget. */
  usedShare: number | null;
  level: 'ok' | 'warning' | 'over';
  /** Sum of cost estimates of approvals still waiting for a decision. */
  pendingEstimateUsd: number;
  /** Whether approving everything pending would go past today's budget. */
  pendingWouldExceed: boolean;
}

export function summariseCost(figures: CostFigures, settingsBudgetUsd: number | null, pendingEstimates: readonly number[]): CostSummary {
  const sessionUsd = figures.sessionUsd ?? 0;
  const todayUsd = figures.todayUsd ?? 0;
  const budgetUsd = figures.dailyBudgetUsd ?? settingsBudgetUsd;
  const pendingEstimateUsd = roundCents(pendingEstimates.reduce((sum, usd) => sum + Math.max(0, usd), 0));
  // A zero budget means "no cloud spending at all": any spend is over it.
  const usedShare = budgetUsd === null ? null : budgetUsd === 0 ? (todayUsd > 0 ? Infinity : 0) : todayUsd / budgetUsd;
  const level = usedShare === null ? 'ok' : usedShare > 1 || (budgetUsd === 0 && todayUsd > 0) ? 'over' : usedShare >= BUDGET_WARNING_SHARE ? 'warning' : 'ok';
  return {
    sessionUsd,
    todayUsd,
    budgetUsd,
    remainingUsd: budgetUsd === null ? null : roundCents(Math.max(0, budgetUsd - todayUsd)),
    usedShare,
    level,
    pendingEstimateUsd,
    pendingWouldExceed: budgetUsd !== null && pendingEstimateUsd > 0 && todayUsd + pendingEstimateUsd > budgetUsd,
  };
}

export interface ServiceShare {
  calls: number;
  tokens: number;
  /** Share of all calls, 0…1. */
  callShare: number;
}

/** Where the model work went: local (free) vs cloud (paid), from router.stats. */
export interface ServiceBreakdown {
  local: ServiceShare;
  cloud: ServiceShare & { usd: number };
  /** What the local calls would have cost in the cloud; null when the cloud price is unknown. */
  savingsUsd: number | null;
  /** Cloud calls whose price was unknown (their cost is not in `usd`). */
  unknownPriceCalls: number;
}

export function breakdownFromRouterStats(stats: RouterStats): ServiceBreakdown {
  const total = stats.share.local.calls + stats.share.cloud.calls;
  const share = (calls: number) => (total === 0 ? 0 : calls / total);
  return {
    local: { calls: stats.share.local.calls, tokens: stats.share.local.tokens, callShare: share(stats.share.local.calls) },
    cloud: { calls: stats.share.cloud.calls, tokens: stats.share.cloud.tokens, callShare: share(stats.share.cloud.calls), usd: stats.spend.totalUsd },
    savingsUsd: stats.savings.priceKnown ? stats.savings.usd : null,
    unknownPriceCalls: stats.spend.unknownPriceCalls,
  };
}

/** "$0.00", "$0.042" below a cent (so small cloud calls do not read as free), "$12.50". */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '—';
  if (usd > 0 && usd < 0.01) return `$${usd.toFixed(3)}`;
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function roundCents(usd: number): number {
  return Math.round(usd * 10_000) / 10_000;
}
