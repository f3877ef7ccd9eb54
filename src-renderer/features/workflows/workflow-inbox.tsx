import { useState } from 'react';
import type { WorkflowRequestInfo } from '../../../src-preload/contract.js';

/** One approval or question routed to the person using the screen: approve/reject with a comment, or answer. */
export function WorkflowRequestCard({ request, busy, onRespond }: { request: WorkflowRequestInfo; busy: boolean; onRespond: (decision: 'approve' | 'reject' | 'answer', text: string) => void }) {
  const [text, setText] = useState('');
  const question = request.kind === 'question';
  return (
    <article className="workflow-request" aria-label={`${request.runTitle}: ${request.text}`}>
      <p>
        <strong>{request.runTitle}</strong> — {request.text}
      </p>
      <p className="muted">For {request.routedTo}</p>
      <label>
        {question ? 'Answer' : 'Comment (optional)'}
        <input className="text-input" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="filter-row">
        {question ? (
          <button type="button" className="button button--primary" disabled={busy || !text.trim()} onClick={() => onRespond('answer', text)}>
            Send answer
          </button>
        ) : (
          <>
            <button type="button" className="button button--primary" disabled={busy} onClick={() => onRespond('approve', text)}>
              Approve
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => onRespond('reject', text)}>
              Reject
            </button>
          </>
        )}
      </div>
    </article>
  );
}
