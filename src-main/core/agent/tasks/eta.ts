/**
 * Time left for a plan: the Manager's estimates for the remaining steps, scaled by how the
 * finished steps compared with their own estimates (a model that is twice as slow as planned
 * will likely stay twice as slow). Null when there is nothing to go on.
 */
export function estimateRemainingSeconds(steps: readonly { estimateSeconds: number; durationSeconds: number | null; done: boolean }[]): number | null {
  const finished = steps.filter((s) => s.done && s.durationSeconds !== null);
  const remaining = steps.filter((s) => !s.done);
  const remainingEstimate = remaining.reduce((sum, s) => sum + s.estimateSeconds, 0);
  if (remaining.length === 0) return 0;
  const plannedForFinished = finished.reduce((sum, s) => sum + s.estimateSeconds, 0);
  const observed = finished.reduce((sum, s) => sum + (s.durationSeconds ?? 0), 0);
  if (finished.length > 0 && plannedForFinished > 0) {
    // Damped so one odd step does not swing the ETA wildly.
    const ratio = Math.min(10, Math.max(0.1, observed / plannedForFinished));
    return Math.round(remainingEstimate * ratio);
  }
  if (finished.length > 0 && plannedForFinished === 0) {
    const perStep = observed / finished.length;
    return Math.round(perStep * remaining.length);
  }
  return remainingEstimate > 0 ? Math.round(remainingEstimate) : null;
}
