import { useEffect } from 'react';
import { useStore } from 'zustand';
import { DashboardPage, DashSection, InlineError } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { dailySeries, ROUTER_DAY_OPTIONS, type RouterDays } from '../../state/dashboards/router-store.js';
import { PieChart } from './pie-chart.js';
import { SpendChart } from './spend-chart.js';
import './router.css';

const usd = (n: number) => (n === 0 ? '$0' : n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);
const pct = (share: number) => `${Math.round(share * 100)}%`;

/** Router: how much work stayed local, what the cloud cost and saved, and which models fail. */
// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function RouterScreen() {
  const router = useDashboards().router;
  const s = useStore(router);
  useEffect(() => {
    void router.getState().load();
  }, [router]);
  const stats = s.stats;

  return (
    <DashboardPage
      title="Router"
      description="Steward answers on this computer when it can and uses the cloud only when that adds something."
      actions={
        <label className="select-label">
          <span>Period</span>
          <select className="text-input" value={s.days} onChange={(e) => void router.getState().setDays(Number(e.target.value) as RouterDays)} aria-label="Period">
            {ROUTER_DAY_OPTIONS.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </label>
      }
    >
      <InlineError message={s.error} onRetry={() => void router.getState().load()} />
      {s.status === 'loading' && <p className="muted">Loading…</p>}
      {stats && (
        <>
          <div className="dash-grid-3">
            <DashSection title="Local vs cloud">
              <div className="pie-block">
                <PieChart
                  label={
                    stats.share.local.calls + stats.share.cloud.calls === 0
                      ? 'Local 0% of calls, cloud 0%: no calls yet'
                      : `Local ${pct(stats.share.localCallShare)} of calls, cloud ${pct(1 - stats.share.localCallShare)}`
                  }
                  slices={[
                    { label: 'local', value: stats.share.local.calls, className: 'pie-local' },
                    { label: 'cloud', value: stats.share.cloud.calls, className: 'pie-cloud' },
                  ]}
                />
                <ul className="legend">
                  <li>
                    <span className="swatch swatch--local" aria-hidden="true" /> Local <strong>{stats.share.local.calls}</strong> answered · {stats.share.local.tokens.toLocaleString()} tokens
                  </li>
                  <li>
                    <span className="swatch swatch--cloud" aria-hidden="true" /> Cloud <strong>{stats.share.cloud.calls}</strong> answered · {stats.share.cloud.tokens.toLocaleString()} tokens
                  </li>
                </ul>
              </div>
              {stats.share.local.calls + stats.share.cloud.calls === 0 ? (
                <p className="muted small">No answered model calls in this period yet. Chat with Steward and this fills in.</p>
              ) : (
                <p className="muted small">Answered calls only; failed ones are counted under “Failures per model”.</p>
              )}
            </DashSection>
            <DashSection title="Cloud spend">
              <p className="big-number">{usd(stats.spend.totalUsd)}</p>
              <p className="muted small">
                {stats.spend.unknownPriceCalls > 0 ? `${stats.spend.unknownPriceCalls} calls had no known price and are not counted.` : 'All calls priced.'}
              </p>
            </DashSection>
            <DashSection title="Saved by running locally">
              <p className="big-number big-number--good">{stats.savings.priceKnown ? usd(stats.savings.usd) : '—'}</p>
              <p className="muted small">
                {stats.savings.priceKnown
                  ? `${(stats.savings.localPromptTokens + stats.savings.localCompletionTokens).toLocaleString()} local tokens at the cloud model’s price.`
                  : 'Set a cloud model with a known price to see savings.'}
              </p>
            </DashSection>
          </div>
          <DashSection title="Spend and savings per day">
            <SpendChart
              series={dailySeries(stats, s.days, new Date())}
              label={`Cloud spend and local savings per day over the last ${s.days} days: ${usd(stats.spend.totalUsd)} spent, ${usd(stats.savings.usd)} saved`}
            />
          </DashSection>
          <DashSection title="Failures per model">
            {stats.failures.length === 0 ? (
              <p className="dash-empty">No model calls recorded in this period. Chat with Steward, or pick a longer period above.</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Where</th>
                    <th scope="col" className="num">
                      Calls
                    </th>
                    <th scope="col" className="num">
                      Failures
                    </th>
                    <th scope="col" className="num">
                      Failure rate
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stats.failures.map((f) => (
                    <tr key={`${f.provider}/${f.model}`}>
                      <td>
                        {f.model} <span className="muted small">({f.provider})</span>
                      </td>
                      <td>{f.location}</td>
                      <td className="num">{f.calls}</td>
                      <td className="num">{f.failures}</td>
                      <td className={`num${f.failureRate > 0.1 ? ' bad' : ''}`}>{pct(f.failureRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </DashSection>
        </>
      )}
    </DashboardPage>
  );
}
