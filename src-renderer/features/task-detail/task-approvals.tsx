import type { ApprovalRecord } from '../../../src-preload/schemas/agent.js';
import { DashSection, InlineError } from '../../ui/dashboard-page.js';
import { ProposedChangeDiff } from '../previews/diff-viewer.js';
import { proposedFile } from '../previews/proposed-file.js';

/**
 * What the task is waiting for you to approve. A proposed file write shows as a diff against the
 * current file, with Accept / Reject answering the approval; anything else is decided on its card
 * in the conversation (which shows the full arguments, cost and provenance).
 */
export function TaskApprovals({
  approvals,
  taskId,
  conversationHref,
  responding,
  error,
  onRespond,
}: {
  approvals: ApprovalRecord[];
  taskId: string;
  conversationHref: string | null;
  responding: Record<string, true>;
  error: string | null;
  onRespond: (approvalId: string, decision: 'approve' | 'reject') => void;
}) {
  if (approvals.length === 0) return null;
  return (
    <DashSection title="Waiting for your approval" className="tdv-approvals">
      <InlineError message={error} />
      {approvals.map((approval) => {
        const file = proposedFile(approval);
        if (file) {
          return (
            <div key={approval.id} className="tdv-approval">
              <p className="tdv-approval__summary">{approval.summary}</p>
              <ProposedChangeDiff
                path={file.path}
                taskId={taskId}
                proposed={file.content}
                busy={responding[approval.id] === true}
                onAccept={() => onRespond(approval.id, 'approve')}
                onReject={() => onRespond(approval.id, 'reject')}
              />
            </div>
          );
        }
        return (
          <div key={approval.id} className="tdv-approval tdv-approval--other">
            <code className="tdv-tool">{approval.tool}</code>
            <span className="tdv-approval__summary">{approval.summary}</span>
            {conversationHref && (
              <a className="link-button" href={conversationHref}>
                Review in the conversation
              </a>
            )}
          </div>
        );
      })}
    </DashSection>
  );
}
