import { memo, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { Clarification } from '../../../src-preload/contract.js';
import { useStores } from '../../app/stores-context.js';
import { formatClock, formatFull } from '../../ui/format-time.js';
import { AlertIcon, SendIcon } from '../../ui/icons.js';
import { AGENT_LABELS, AgentBadge, SpeakerAvatar } from '../chat/agent-badge.js';
import '../../ui/work-card.css';
import './clarifications.css';

/**
 * A question an agent asked the user, with a reply box bound to that question (the answer goes
 * to clarifications.answer, so it reaches the task that asked even if other messages follow).
 * Enter sends, Shift+Enter adds a line; once answered the card shows the answer.
 */
export const ClarificationCard = memo(function ClarificationCard({ clarification }: { clarification: Clarification }) {
  const { work } = useStores();
  const { id, role } = clarification;
  const draft = useStore(work, (s) => s.drafts[`reply:${id}`] ?? '');
  const submission = useStore(work, (s) => s.submissions[id]);
  const sending = submission?.status === 'sending';
  const pending = clarification.status === 'pending';

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (draft.trim() === '' || sending) return;
    void work.getState().answer(id, draft);
  };

  return (
    <article className={`work-card clarification-card clarification-card--${clarification.status}`} aria-label={`Question from the ${AGENT_LABELS[role]}`} data-clarification-id={id}>
      <div className="clarification-ask">
        <SpeakerAvatar role={role} />
        <div className="clarification-body">
          <div className="work-card-header">
            <AgentBadge role={role} />
            <span className="clarification-kind">{pending ? 'needs your answer' : 'asked'}</span>
            <time className="clarification-time" dateTime={clarification.createdAt} title={formatFull(clarification.createdAt)}>
              {formatClock(clarification.createdAt)}
            </time>
          </div>
          <p className="clarification-question">{clarification.question}</p>
        </div>
      </div>
      {pending ? (
        <form className="clarification-reply" onSubmit={submit}>
          <textarea
            className="clarification-input"
            aria-label={`Your answer to: ${clarification.question}`}
            placeholder="Type your answer…"
            rows={1}
            value={draft}
            disabled={sending}
            onChange={(event) => {
              work.getState().setDraft(`reply:${id}`, event.target.value);
              if (submission?.status === 'error') work.getState().clearSubmission(id);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
            }}
          />
          <button type="submit" className="button button--primary button--small clarification-send" disabled={sending || draft.trim() === ''}>
            <SendIcon size={14} /> {sending ? 'Sending…' : 'Answer'}
          </button>
        </form>
      ) : clarification.status === 'answered' ? (
        <div className="clarification-answer">
          <span className="clarification-answer-label">Your answer</span>
          <p>{clarification.answer}</p>
        </div>
      ) : (
        <p className="clarification-cancelled">No longer needed — the task ended before it was answered.</p>
      )}
      {submission?.status === 'error' && (
        <p className="work-card-error" role="alert">
          <AlertIcon size={14} /> {submission.error} Your answer is kept — press Enter to try again.
        </p>
      )}
    </article>
  );
});
