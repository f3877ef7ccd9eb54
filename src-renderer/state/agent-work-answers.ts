import type { StewardApi } from '../../src-preload/contract.js';
import { ApiError } from '../api/api-error.js';
import type { AgentWorkState } from './agent-work-store.js';
import { mergeTasks } from './agent-work-records.js';
import type { SetWork, WorkWrites } from './agent-work-writes.js';

/**
 * The user's answers to the agent's work: approve / reject / modify, a reply to a question, cancel
 * a task. Each is one submission at a time, kept with its error (and what to retry) when it fails.
 */
export function createWorkAnswers(
  api: StewardApi,
  set: SetWork,
  get: () => AgentWorkState,
  { setSubmission, putApproval, putClarification }: WorkWrites,
): Pick<AgentWorkState, 'respond' | 'answer' | 'cancelTask'> {
  return {
    async respond(approvalId, input) {
      if (get().submissions[approvalId]?.status === 'sending') return false;
      setSubmission(approvalId, { status: 'sending', error: null });
      try {
        const result = await api.call('approvals.respond', { id: approvalId, ...input });
        putApproval(result.approval);
        if (result.applied) {
          setSubmission(approvalId, null);
          get().setDraft(`args:${approvalId}`, null);
          get().setDraft(`code:${approvalId}`, null);
          return true;
        }
        // Already decided elsewhere, or expired: the card shows the final state and why.
        setSubmission(approvalId, result.notice ? { status: 'error', error: result.notice } : null);
        return false;
      } catch (err) {
        const error = ApiError.from(err);
        setSubmission(approvalId, { status: 'error', error: error.message, code: error.code, retry: input });
        return false;
      }
    },

    async answer(clarificationId, text) {
      if (get().submissions[clarificationId]?.status === 'sending') return false;
      setSubmission(clarificationId, { status: 'sending', error: null });
      try {
        const result = await api.call('clarifications.answer', { id: clarificationId, text });
        putClarification(result.clarification);
        setSubmission(clarificationId, result.applied || !result.notice ? null : { status: 'error', error: result.notice });
        if (result.applied) get().setDraft(`reply:${clarificationId}`, null);
        return result.applied;
      } catch (err) {
        const error = ApiError.from(err);
        setSubmission(clarificationId, { status: 'error', error: error.message, code: error.code });
        return false;
      }
    },

    async cancelTask(taskId) {
      if (get().submissions[taskId]?.status === 'sending') return false;
      setSubmission(taskId, { status: 'sending', error: null });
      try {
        const task = await api.call('tasks.cancel', { id: taskId });
        set((state) => ({ tasks: mergeTasks(state.tasks, [task]) }));
        setSubmission(taskId, null);
        return true;
      } catch (err) {
        const error = ApiError.from(err);
        setSubmission(taskId, { status: 'error', error: error.message, code: error.code });
        return false;
      }
    },
  };
}
