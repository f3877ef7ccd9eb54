import { useStore } from 'zustand';
import type { MessageMetrics } from '../../../src-preload/contract.js';
import { useStores } from '../../app/stores-context.js';
import { answeredByText } from './answered-by.js';

/**
 * Under each reply: which model answered it and where ("gpt-4o-mini · OpenRouter"), always; before
 * it, when Settings › Chat asks, how fast it came ("First word after 1.2 s · 14.3 tokens/s · 212
 * tokens"). The model is named once, in the same line.
 */
export function ReplyFooter({ metrics }: { metrics: MessageMetrics }) {
  const { app } = useStores();
  const showSpeed = useStore(app, (s) => s.settings?.chat?.showReplySpeed ?? false);
  const answeredBy = answeredByText(metrics);
  const wait = metrics.timeToFirstTokenMs < 1000 ? `${metrics.timeToFirstTokenMs} ms` : `${(metrics.timeToFirstTokenMs / 1000).toFixed(1)} s`;
  return (
    <p className="reply-footer" {...(showSpeed && { 'aria-label': 'Reply speed' })}>
      {showSpeed && (
        <>
          <span>First word after {wait}</span>
          <span>{metrics.tokensPerSecond.toFixed(1)} tokens/s</span>
          <span>{metrics.completionTokens.toLocaleString('en-US')} tokens</span>
        </>
      )}
      <span className="answered-by" aria-label="Answered by" title={`Answered by ${answeredBy}`}>
        {answeredBy}
      </span>
    </p>
  );
}
