import { useStore } from 'zustand';
import type { MessageMetrics } from '../../../src-preload/contract.js';
import { useStores } from '../../app/stores-context.js';

/** "First word after 1.2 s · 14.3 tokens/s · 212 tokens · model": shown when Settings › Chat asks for it. */
export function ReplySpeed({ metrics }: { metrics: MessageMetrics }) {
  const { app } = useStores();
  const show = useStore(app, (s) => s.settings?.chat?.showReplySpeed ?? false);
  if (!show) return null;
  const wait = metrics.timeToFirstTokenMs < 1000 ? `${metrics.timeToFirstTokenMs} ms` : `${(metrics.timeToFirstTokenMs / 1000).toFixed(1)} s`;
  return (
    <p className="reply-speed" aria-label="Reply speed">
      <span>First word after {wait}</span>
      <span>{metrics.tokensPerSecond.toFixed(1)} tokens/s</span>
      <span>{metrics.completionTokens.toLocaleString('en-US')} tokens</span>
      <span>{metrics.model}</span>
    </p>
  );
}
