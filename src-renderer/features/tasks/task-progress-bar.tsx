/** A determinate progress bar, announced as "<label>: 33%"; the fill animates, the box never changes size. */
export function TaskProgressBar({ percent, label, valueText }: { percent: number; label: string; valueText: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="task-progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} aria-valuetext={valueText}>
      <div className="task-progress-fill" style={{ width: `${value}%` }} />
    </div>
  );
}
