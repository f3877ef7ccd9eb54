import { memo, useState } from 'react';
import { useStore } from 'zustand';
import type { ApprovalRecord } from '../../../src-preload/contract.js';
import { useStores } from '../../app/stores-context.js';
import { readableToolId } from '../../state/tool-titles-store.js';
import type { RespondInput } from '../../state/agent-work-store.js';
import { formatClock, formatFull } from '../../ui/format-time.js';
import { AlertIcon } from '../../ui/icons.js';
import { ProposedChangeDiff } from '../previews/diff-viewer.js';
import { proposedFile } from '../previews/proposed-file.js';
import { ApprovalArgsView } from './approval-args-view.js';
import { AnswerFailed, ArgsEditor, PendingActions, RememberChoice, type Remember } from './pending-approval-parts.js';
import { deciderLabel, formatUsd, parseArgsDraft, RISK_LABELS, STATUS_LABELS } from './approval-text.js';
import { TwoFactorCodeField } from './two-factor-code-field.js';
import '../../ui/work-card.css';
import './approvals.css';

/**
 * An action the agent wants to take, waiting for the user: what it is, every argument, what it
 * may cost, how risky it is and where the idea came from. Approve, Reject, or Modify the
 * arguments first. Once decided it shows the final state, who decided and when.
 */
export const ApprovalCard = memo(function ApprovalCard({ approval }: { approval: ApprovalRecord }) {
  const pending = approval.status === 'pending';
  const title = useStore(useStores().toolTitles, (s) => s.titles[approval.tool]) ?? readableToolId(approval.tool);
  const label = `Approval request: ${title}`;
  return (
    <article className={`work-card approval-card approval-card--${approval.status}`} aria-label={label} data-approval-id={approval.id}>
      <header className="work-card-header">
        <span className={`approval-state approval-state--${approval.status}`}>{STATUS_LABELS[approval.status]}</span>
        <span className="approval-tool" title={approval.tool}>
          {title}
        </span>
        <span className={`risk-label risk-label--${approval.risk}`} title={`Risk: ${RISK_LABELS[approval.risk]}`}>
          {riskWord(approval.risk)}
        </span>
      </header>
      <p className="approval-summary">{approval.summary}</p>
      {approval.provenance.source === 'untrusted' && (
        <div className="approval-provenance" role="note">
          <AlertIcon size={16} />
          <span>
            <strong>Proposed while reading untrusted content.</strong> Check the arguments carefully — text from an email, web page or file may have
            suggested this.
            {approval.provenance.detail && <span className="approval-provenance-detail"> Source: {approval.provenance.detail}</span>}
          </span>
        </div>
      )}
      {pending ? <PendingBody approval={approval} /> : <ResolvedBody approval={approval} />}
    </article>
  );
});

function Facts({ approval }: { approval: ApprovalRecord }) {
  const payment = approval.payment;
  return (
    <dl className="approval-facts">
      {payment && (
        <>
          <div>
            <dt>Amount</dt>
            <dd data-testid="approval-amount">{payment.amount}</dd>
          </div>
          <div>
            <dt>To / from</dt>
            <dd>{payment.payee}</dd>
          </div>
          <div>
            <dt>Purpose</dt>
            <dd>{payment.purpose}</dd>
          </div>
          <div>
            <dt>Payment limits left</dt>
            <dd data-testid="approval-budget-left">
              {formatUsd(payment.dailyLeftUsd)} today · {formatUsd(payment.monthlyLeftUsd)} this month · {payment.paymentsLeftToday} payment{payment.paymentsLeftToday === 1 ? '' : 's'} today
            </dd>
          </div>
        </>
      )}
      {approval.cannotUndo && (
        <div>
          <dt>Cannot be undone</dt>
          <dd>{approval.cannotUndo}</dd>
        </div>
      )}
      <div>
        <dt>{payment ? 'Fees (cost)' : 'Cost estimate'}</dt>
        <dd>
          {approval.costEstimateUsd === null
            ? 'Unknown'
            : approval.costEstimateUsd === 0 && (approval.risk === 'local' || approval.risk === 'none')
              ? 'Free (runs on this computer)'
              : formatUsd(approval.costEstimateUsd)}
        </dd>
      </div>
      <div>
        <dt>Risk</dt>
        <dd>{RISK_LABELS[approval.risk]}</dd>
      </div>
      {approval.status === 'pending' && (
        <div>
          <dt>Expires</dt>
          <dd>
            <time dateTime={approval.expiresAt} title={formatFull(approval.expiresAt)}>
              at {formatClock(approval.expiresAt)}
            </time>
          </dd>
        </div>
      )}
    </dl>
  );
}

function PendingBody({ approval }: { approval: ApprovalRecord }) {
  const { work } = useStores();
  const id = approval.id;
  const argsDraft = useStore(work, (s) => s.drafts[`args:${id}`]);
  const code = useStore(work, (s) => s.drafts[`code:${id}`] ?? '');
  const remember = (useStore(work, (s) => s.drafts[`remember:${id}`]) ?? 'once') as Remember;
  const submission = useStore(work, (s) => s.submissions[id]);
  const [clientError, setClientError] = useState<string | null>(null);
  const editing = argsDraft !== undefined;
  const sending = submission?.status === 'sending';
  const failed = submission?.status === 'error' ? submission : null;
  const canRemember = approval.risk !== 'financial' && !approval.twoFactorRequired;
  const needsCode = approval.twoFactorRequired === true;
  // A proposed file write is easier to judge as a change against the current file.
  const file = proposedFile(approval);

  const extras = (): Pick<RespondInput, 'remember' | 'code'> => ({
    ...(canRemember && remember !== 'once' && { remember }),
    ...(needsCode && { code }),
  });
  const send = (input: RespondInput) => void work.getState().respond(id, input);
  const codeMissing = needsCode && code.length !== 6;

  const approve = () => {
    if (!editing) return send({ decision: 'approve', ...extras() });
    const parsed = parseArgsDraft(argsDraft);
    if (!parsed.ok) return setClientError(parsed.error);
    setClientError(null);
    send({ decision: 'modify', args: parsed.args, ...extras() });
  };

  const setDraft = (key: string, text: string | null) => work.getState().setDraft(`${key}:${id}`, text);
  return (
    <>
      {editing ? (
        <ArgsEditor
          id={id}
          draft={argsDraft}
          error={clientError}
          invalid={Boolean(clientError) || failed?.code === 'invalid_input'}
          onChange={(text) => {
            setClientError(null);
            // The core's refusal was about the text being edited now: it no longer applies.
            if (failed?.code === 'invalid_input') work.getState().clearSubmission(id);
            setDraft('args', text);
          }}
        />
      ) : (
        <>
          {file && <ProposedChangeDiff path={file.path} taskId={approval.taskId} proposed={file.content} busy={sending} />}
          <ApprovalArgsView args={approval.args} label="Arguments" />
        </>
      )}
      <Facts approval={approval} />
      {needsCode && (
        <TwoFactorCodeField
          id={`code-${id}`}
          value={code}
          disabled={sending}
          onChange={(next) => setDraft('code', next)}
          hint="Approving this payment needs the 6-digit code from your authenticator app."
        />
      )}
      {canRemember && <RememberChoice id={id} tool={approval.tool} value={remember} disabled={sending} onChange={(value) => setDraft('remember', value)} />}
      {failed && <AnswerFailed failed={failed} onRetry={() => failed.retry && send(failed.retry)} />}
      <PendingActions
        editing={editing}
        sending={sending}
        codeMissing={codeMissing}
        onApprove={approve}
        onModify={() => setDraft('args', JSON.stringify(approval.args, null, 2))}
        onDiscard={() => {
          setClientError(null);
          setDraft('args', null);
          work.getState().clearSubmission(id);
        }}
        onReject={() => send({ decision: 'reject' })}
      />
    </>
  );
}

function ResolvedBody({ approval }: { approval: ApprovalRecord }) {
  const decidedAt = approval.decidedAt;
  const modified = approval.status === 'modified' && approval.finalArgs;
  return (
    <>
      {modified ? (
        <>
          <p className="approval-section-title">Ran with these arguments</p>
          <ApprovalArgsView args={approval.finalArgs ?? {}} label="Final arguments" />
          <details className="approval-original">
            <summary>Originally proposed</summary>
            <ApprovalArgsView args={approval.args} label="Original arguments" />
          </details>
        </>
      ) : (
        <details className="approval-original">
          <summary>Arguments</summary>
          <ApprovalArgsView args={approval.args} label="Arguments" />
        </details>
      )}
      <Facts approval={approval} />
      <p className="approval-decision" title={approval.decidedBy ?? undefined}>
        {STATUS_LABELS[approval.status]}
        {approval.status === 'expired' ? ' — ' : ' by '}
        {deciderLabel(approval.decidedBy)}
        {decidedAt && (
          <>
            {' · '}
            <time dateTime={decidedAt} title={formatFull(decidedAt)}>
              {formatClock(decidedAt)}
            </time>
          </>
        )}
      </p>
    </>
  );
}

function riskWord(risk: ApprovalRecord['risk']): string {
  return risk === 'none' ? 'No risk' : risk === 'local' ? 'Local' : risk === 'external' ? 'External' : 'Financial';
}
