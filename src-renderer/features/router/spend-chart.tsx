import { useEffect, useRef, useState, type RefObject } from 'react';

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

/** Daily cloud spend as SVG bars with a light grid; days without calls are drawn as empty slots. */
export function SpendChart({ series, label }: { series: readonly { day: string; usd: number; calls: number }[]; label: string }) {
  const [ref, width] = useWidth();
  const pad = { top: 12, right: 8, bottom: 24, left: 56 };
  const max = Math.max(0.01, ...series.map((d) => d.usd));
  const innerW = width - pad.left - pad.right;
  const innerH = HEIGHT - pad.top - pad.bottom;
  const slot = innerW / Math.max(1, series.length);
  const bar = Math.max(2, Math.min(28, slot * 0.7));
  const ticks = [0, 0.5, 1].map((f) => f * max);
  // About one date label per 80px, so they never collide.
  const labelEvery = Math.max(1, Math.ceil(series.length / Math.max(2, Math.floor(innerW / 80))));
  return (
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
          const h = (d.usd / max) * innerH;
          const x = pad.left + i * slot + (slot - bar) / 2;
          return (
            <g key={d.day}>
              <rect x={x} y={pad.top + innerH - h} width={bar} height={Math.max(h, d.calls > 0 ? 1 : 0)} rx={2} className="chart-bar">
                <title>{`${d.day}: $${d.usd.toFixed(4)} over ${d.calls} call${d.calls === 1 ? '' : 's'}`}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text x={x + bar / 2} y={HEIGHT - 6} className="chart-axis" textAnchor="middle">
                  {d.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
