export interface PieSlice {
  label: string;
  value: number;
  className: string;
}

/**
 * A pie chart in plain SVG. Slices are arcs of one circle; a slice of 100% is drawn as a full
 * circle because an arc cannot start and end at the same point.
 */
export function PieChart({ slices, label, size = 168 }: { slices: readonly PieSlice[]; label: string; size?: number }) {
  const total = slices.reduce((sum, s) => sum + Math.max(0, s.value), 0);
  const r = size / 2 - 2;
  const c = size / 2;
  let angle = -Math.PI / 2;
  return (
    <svg className="pie" width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label}>
      {total === 0 ? (
        <circle cx={c} cy={c} r={r} className="pie-empty" />
      ) : (
        slices
          .filter((s) => s.value > 0)
          .map((s) => {
            const share = s.value / total;
            if (share >= 0.9999) return <circle key={s.label} cx={c} cy={c} r={r} className={s.className} data-slice={s.label} />;
            const start = angle;
            angle += share * Math.PI * 2;
            const large = share > 0.5 ? 1 : 0;
            const d = `M ${c} ${c} L ${c + r * Math.cos(start)} ${c + r * Math.sin(start)} A ${r} ${r} 0 ${large} 1 ${c + r * Math.cos(angle)} ${c + r * Math.sin(angle)} Z`;
            return <path key={s.label} d={d} className={s.className} data-slice={s.label} />;
          })
      )}
      <circle cx={c} cy={c} r={r * 0.58} className="pie-hole" />
    </svg>
  );
}
