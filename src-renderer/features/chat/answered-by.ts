import type { MessageMetrics } from '../../../src-preload/contract.js';

/**
 * Which model answered a reply, as its footer says it: "qwen2.5-1.5b · on this computer",
 * "gpt-4o-mini · OpenRouter". A reply stored before Steward recorded where the model ran shows the
 * model's name alone.
 */
export function answeredByText(metrics: Pick<MessageMetrics, 'model' | 'location' | 'provider'>): string {
  if (metrics.location === 'local') return `${metrics.model} · on this computer`;
  if (metrics.location === 'cloud') return `${metrics.model} · ${metrics.provider ?? 'cloud'}`;
  return metrics.model;
}
