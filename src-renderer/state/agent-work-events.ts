import type { StewardEvent } from '../../src-preload/contract.js';
import type { AgentWorkState } from './agent-work-store.js';
import { mergeTasks } from './agent-work-records.js';
import type { SetWork, WorkWrites } from './agent-work-writes.js';
import { nextActivity } from './messages-store.js';

export interface WorkEventContext {
  set: SetWork;
  get: () => AgentWorkState;
  writes: WorkWrites;
  now: () => Date;
}

/** Applies one event of the core's stream to the agent's work: approvals, questions, tasks. */
export function applyWorkEvent(event: StewardEvent, context: WorkEventContext): void {
  if (applyApprovalOrQuestion(event, context)) return;
  applyTaskEvent(event, context);
}

/** Approvals and questions: true when the event was one of theirs. */
function applyApprovalOrQuestion(event: StewardEvent, { set, get, writes, now }: WorkEventContext): boolean {
  switch (event.type) {
    case 'approval.requested': {
      const { approval } = event;
      writes.putApproval({ ...approval, status: 'pending', finalArgs: null, decidedBy: null, decidedAt: null });
      if (approval.conversationId && get().conversations[approval.conversationId]) void get().loadConversation(approval.conversationId, { force: true });
      return true;
    }
    case 'approval.resolved': {
      const known = writes.findApproval(event.approvalId);
      if (known) writes.putApproval({ ...known, status: event.outcome, decidedBy: event.decidedBy, decidedAt: known.decidedAt ?? now().toISOString() });
      else set((state) => ({ pendingApprovals: state.pendingApprovals.filter((a) => a.id !== event.approvalId) }));
      // The event does not carry the final (possibly modified) arguments: fetch the record.
      if (known?.conversationId && get().conversations[known.conversationId]) void get().loadConversation(known.conversationId, { force: true });
      return true;
    }
    case 'clarification.requested': {
      if (!get().conversations[event.conversationId]) return true;
      writes.putClarification({
        id: event.id,
        conversationId: event.conversationId,
        taskId: event.taskId,
        role: event.role,
        question: event.question,
        status: 'pending',
        answer: null,
        createdAt: now().toISOString(),
        answeredAt: null,
      });
      void get().loadConversation(event.conversationId, { force: true });
      return true;
    }
    case 'clarification.resolved': {
      // Answered here, from the chat, or in another window; or withdrawn with its task.
      const known = get().conversations[event.conversationId]?.clarifications.find((c) => c.id === event.id);
      if (known) writes.putClarification({ ...known, status: event.status, answer: event.answer, answeredAt: known.answeredAt ?? now().toISOString() });
      return true;
    }
    default:
      return false;
  }
}

/** Tasks, their progress and activity lines, and a deleted conversation taking its work with it. */
function applyTaskEvent(event: StewardEvent, { set }: WorkEventContext): void {
  switch (event.type) {
    case 'task.updated': {
      const { task } = event;
      set((state) => ({ tasks: mergeTasks(state.tasks, [task]) }));
      return;
    }
    case 'task.progress': {
      const { taskId, step, total, label, etaSeconds } = event;
      set((state) => ({ progress: { ...state.progress, [taskId]: { step, total, label, etaSeconds } } }));
      return;
    }
    case 'agent.status': {
      const { taskId } = event;
      if (!taskId) return;
      set((state) => ({ taskActivity: { ...state.taskActivity, [taskId]: nextActivity(state.taskActivity[taskId], event) } }));
      return;
    }
    case 'conversation.deleted': {
      const id = event.conversationId;
      set((state) => {
        const conversations = { ...state.conversations };
        delete conversations[id];
        const tasks = Object.fromEntries(Object.entries(state.tasks).filter(([, t]) => t.conversationId !== id));
        return { conversations, tasks, pendingApprovals: state.pendingApprovals.filter((a) => a.conversationId !== id) };
      });
      return;
    }
    default:
      return;
  }
}
