import { useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useStores } from '../../app/stores-context.js';
import { CoinIcon } from '../../ui/icons.js';
import { formatUsd, summariseCost } from '../../state/cost-maths.js';
import './cost.css';

/**
 * Spend at a glance in the chat header: today against the daily budget; opening it shows the
 * session total, estimates of actions waiting for approval, and where model calls went.
 */
// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function CostWidget() {
  const { cost, app } = useStores();
  const figures = useStore(cost, useShallow((s) => ({ sessionUsd: s.sessionUsd, todayUsd: s.todayUsd, dailyBudgetUsd: s.dailyBudgetUsd })));
  const estimates = useStore(cost, (s) => s.estimates);
  const breakdown = useStore(cost, (s) => s.breakdown);
  const settingsBudget = useStore(app, (s) => s.settings?.budgets.dailyUsd ?? null);
  const summary = useMemo(
    () =>
      summariseCost(
        figures,
        settingsBudget,
        Object.values(estimates).map((e) => e.usd),
      ),
    [figures, settingsBudget, estimates],
  );
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const share = summary.usedShare === null ? 0 : Math.min(1, summary.usedShare);
  const budgetText = summary.budgetUsd === null ? '' : ` of ${formatUsd(summary.budgetUsd)}`;

  return (
    <div className={`cost-widget cost-widget--${summary.level}`}>
      <button
        type="button"
        className="pill-button cost-widget__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Spend today ${formatUsd(summary.todayUsd)}${budgetText}. Show cost details`}
        onClick={() => setOpen((v) => !v)}
      >
        <CoinIcon size={15} />
        <span className="cost-widget__today">{formatUsd(summary.todayUsd)}</span>
        {summary.budgetUsd !== null && <span className="cost-widget__budget">/ {formatUsd(summary.budgetUsd)}</span>}
        {summary.pendingEstimateUsd > 0 && <span className="cost-widget__pending">+{formatUsd(summary.pendingEstimateUsd)} pending</span>}
      </button>
      {open && (
        <div className="cost-panel" id={panelId} role="region" aria-label="Cost details">
          <div className="cost-meter" role="meter" aria-label="Today’s spend against the daily budget" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)}>
            <span style={{ width: `${share * 100}%` }} />
          </div>
          <dl className="cost-figures">
            <dt>Today</dt>
            <dd>
              {formatUsd(summary.todayUsd)}
              {budgetText}
              {summary.remainingUsd !== null && <span className="muted"> · {formatUsd(summary.remainingUsd)} left</span>}
            </dd>
            <dt>This session</dt>
            <dd>{formatUsd(summary.sessionUsd)}</dd>
            <dt>Waiting for approval</dt>
            <dd>
              {summary.pendingEstimateUsd > 0 ? `≈ ${formatUsd(summary.pendingEstimateUsd)}` : 'Nothing'}
              {summary.pendingWouldExceed && <span className="cost-warning"> — would go over today’s budget</span>}
            </dd>
          </dl>
          {Object.values(estimates).length > 0 && (
            <ul className="cost-estimates" aria-label="Estimates before execution">
              {Object.values(estimates).map((e) => (
                <li key={e.approvalId}>
                  <span>{e.summary || e.tool}</span>
                  <span>≈ {formatUsd(e.usd)}</span>
                </li>
              ))}
            </ul>
          )}
          {breakdown && (
            <div className="cost-breakdown">
              <h4>Model calls today</h4>
              <div className="split-bar" aria-hidden="true">
                <span className="split-bar__local" style={{ width: `${breakdown.local.callShare * 100}%` }} />
                <span className="split-bar__cloud" style={{ width: `${breakdown.cloud.callShare * 100}%` }} />
              </div>
              <ul>
                <li>
                  <span className="dot dot--local" aria-hidden="true" /> Local model: {breakdown.local.calls} calls · free
                </li>
                <li>
                  <span className="dot dot--cloud" aria-hidden="true" /> Cloud: {breakdown.cloud.calls} calls · {formatUsd(breakdown.cloud.usd)}
                  {breakdown.unknownPriceCalls > 0 && <span className="muted"> ({breakdown.unknownPriceCalls} unpriced)</span>}
                </li>
                {breakdown.savingsUsd !== null && breakdown.savingsUsd > 0 && <li className="muted">Running locally saved about {formatUsd(breakdown.savingsUsd)}</li>}
              </ul>
            </div>
          )}
          <a className="cost-panel__link" href="#/settings">
            Change the budget in Settings
          </a>
        </div>
      )}
    </div>
  );
}
