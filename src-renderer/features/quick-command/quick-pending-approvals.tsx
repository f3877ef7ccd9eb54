import { useStore } from 'zustand';
import type { ApprovalRecord } from '../../../src-preload/contract.js';
import { useStores } from '../../app/stores-context.js';
import { AlertIcon, CheckIcon, CloseIcon } from '../../ui/icons.js';
import './quick-command.css';

/**
 * Approvals waiting for the user, in the quick-command window: one line each with Approve and
 * Reject, so an action can be let through without opening the main window. What needs more than
 * a click (an authenticator code) links to its conversation instead.
 */
export function QuickPendingApprovals() {
  const { work } = useStores();
  const pending = useStore(work, (s) => s.pendingApprovals);
  if (pending.length === 0) return null;
  return (
    <section className="quick-approvals" aria-label="Approvals waiting for you">
      <h2 className="quick-approvals-title">
        {pending.length} approval{pending.length === 1 ? '' : 's'} waiting
      </h2>
      <ul className="quick-approvals-list">
        {pending.map((approval) => (
          <QuickApproval key={approval.id} approval={approval} />
        ))}
      </ul>
    </section>
  );
}

function QuickApproval({ approval }: { approval: ApprovalRecord }) {
  const { work } = useStores();
  const submission = useStore(work, (s) => s.submissions[approval.id]);
  const sending = submission?.status === 'sending';
  const href = approval.conversationId ? `#/c/${encodeURIComponent(approval.conversationId)}` : '#/';
  return (
    <li className="quick-approval" aria-label={`Approval request: ${approval.tool}`}>
      <div className="quick-approval-text">
        <span className="quick-approval-summary">{approval.summary}</span>
        <span className="quick-approval-meta">
          <code>{approval.tool}</code> · {approval.risk === 'none' ? 'no side effects' : `${approval.risk} risk`}
          {approval.provenance.source === 'untrusted' && <span className="quick-approval-untrusted"> · from untrusted content</span>}
        </span>
        {submission?.status === 'error' && (
          <span className="quick-approval-error" role="alert">
            <AlertIcon size={12} /> {submission.error}
          </span>
        )}
      </div>
      {approval.twoFactorRequired ? (
        <a className="button button--small" href={href} target="_blank" rel="noreferrer">
          Open to approve
        </a>
      ) : (
        <button type="button" className="button button--primary button--small" disabled={sending} onClick={() => void work.getState().respond(approval.id, { decision: 'approve' })}>
          <CheckIcon size={14} /> Approve
        </button>
      )}
      <button type="button" className="button button--small quick-reject" disabled={sending} onClick={() => void work.getState().respond(approval.id, { decision: 'reject' })}>
        <CloseIcon size={14} /> Reject
      </button>
    </li>
  );
}
