/** Daily cloud spend as SVG bars with a light grid; days without calls are drawn as empty slots. */
export function SpendChart({ series, label }: { series: readonly { day: string; usd: number; calls: number }[]; label: string }) {
  const width = 640;
  const height = 200;
  const pad = { top: 12, right: 8, bottom: 24, left: 48 };
  const max = Math.max(0.01, ...series.map((d) => d.usd));
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const slot = innerW / Math.max(1, series.length);
  const bar = Math.max(2, Math.min(28, slot * 0.7));
  const ticks = [0, 0.5, 1].map((f) => f * max);
  const labelEvery = Math.ceil(series.length / 7);
  return (
    <svg className="spend-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} preserveAspectRatio="none">
      {ticks.map((t) => {
        const y = pad.top + innerH - (t / max) * innerH;
        return (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} className="chart-grid" />
            <text x={pad.left - 6} y={y + 4} className="chart-axis" textAnchor="end">
              ${t < 1 ? t.toFixed(2) : t.toFixed(0)}
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
              <text x={x + bar / 2} y={height - 6} className="chart-axis" textAnchor="middle">
                {d.day.slice(5)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
