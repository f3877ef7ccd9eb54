import { useEffect, useRef, useState, type RefObject } from 'react';
import type { DailyPoint } from '../../state/dashboards/router-store.js';

const HEIGHT = 200;
const FALLBACK_WIDTH = 640;

/** "$0", "$0.005", "$0.25", "$12": enough decimals that neighbouring ticks never read the same. */
function tickLabel(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.1) return `$${usd.toFixed(3)}`;
  if (usd < 10) return `$${usd.toFixed(2)}`;
  return `$${usd.toFixed(0)}`;
}

/**
 * The chart is drawn at the width it is shown at (a ResizeObserver keeps it in step), so text
 * and bars are never stretched the way a fixed viewBox with preserveAspectRatio="none" would.
 */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(FALLBACK_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver((entries) => {
      const measured = Math.round(entries[0]?.contentRect.width ?? 0);
      if (measured > 0) setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * Per day, two bars side by side: what the cloud cost (spend) and what answering locally saved at
 * the cloud model's price, on one dollar scale; days without calls are empty slots.
 */
export function SpendChart({ series, label }: { series: readonly DailyPoint[]; label: string }) {
  const [ref, width] = useWidth();
  const pad = { top: 12, right: 8, bottom: 24, left: 56 };
  const max = Math.max(0.01, ...series.map((d) => Math.max(d.usd, d.savedUsd)));
  const innerW = width - pad.left - pad.right;
  const innerH = HEIGHT - pad.top - pad.bottom;
  const slot = innerW / Math.max(1, series.length);
  const bar = Math.max(1, Math.min(14, (slot * 0.8) / 2));
  const ticks = [0, 0.5, 1].map((f) => f * max);
  // About one date label per 80px, so they never collide.
  const labelEvery = Math.max(1, Math.ceil(series.length / Math.max(2, Math.floor(innerW / 80))));
  return (
    <>
    <div ref={ref} className="spend-chart-box">
      <svg className="spend-chart" width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={label}>
        {ticks.map((t) => {
          const y = pad.top + innerH - (t / max) * innerH;
          return (
            <g key={t}>
              <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} className="chart-grid" />
              <text x={pad.left - 8} y={y + 4} className="chart-axis" textAnchor="end">
                {tickLabel(t)}
              </text>
            </g>
          );
        })}
        {series.map((d, i) => {
          const spent = (d.usd / max) * innerH;
          const saved = (d.savedUsd / max) * innerH;
          const x = pad.left + i * slot + (slot - 2 * bar) / 2;
          return (
            <g key={d.day}>
              <rect x={x} y={pad.top + innerH - spent} width={bar} height={Math.max(spent, d.calls > 0 ? 1 : 0)} rx={2} className="chart-bar">
                <title>{`${d.day}: spent $${d.usd.toFixed(4)} over ${d.calls} call${d.calls === 1 ? '' : 's'}`}</title>
              </rect>
              <rect x={x + bar} y={pad.top + innerH - saved} width={bar} height={saved} rx={2} className="chart-bar chart-bar--saved">
                <title>{`${d.day}: saved $${d.savedUsd.toFixed(4)} by answering locally`}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text x={x + bar} y={HEIGHT - 6} className="chart-axis" textAnchor="middle">
                  {d.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
      <ul className="chart-legend" aria-label="Legend">
        <li>
          <span className="chart-swatch chart-swatch--spend" aria-hidden="true" /> Cloud spend
        </li>
        <li>
          <span className="chart-swatch chart-swatch--saved" aria-hidden="true" /> Saved by answering locally
        </li>
      </ul>
    </>
  );
}
