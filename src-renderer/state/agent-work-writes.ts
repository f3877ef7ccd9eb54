import type { ApprovalRecord, Clarification, StewardApi } from '../../src-preload/contract.js';
import { ApiError } from '../api/api-error.js';
import type { AgentWorkState, Submission } from './agent-work-store.js';
import { byCreated, mergeTasks, upsert } from './agent-work-records.js';

/** The store's `set`, as the pieces built outside the factory take it. */
export type SetWork = (partial: Partial<AgentWorkState> | ((state: AgentWorkState) => Partial<AgentWorkState>)) => void;

/** The store's own writes: one conversation's fetch, and each record put wherever it is shown. */
export interface WorkWrites {
  fetchConversation(conversationId: string): Promise<void>;
  setSubmission(id: string, submission: Submission | null): void;
  /** Puts an approval record wherever it is shown: its conversation's list and the pending list. */
  putApproval(record: ApprovalRecord): void;
  putClarification(record: Clarification): void;
  findApproval(id: string): ApprovalRecord | undefined;
  refreshPending(): Promise<void>;
}

export function createWorkWrites(api: StewardApi, set: SetWork, get: () => AgentWorkState): WorkWrites {
  return {
    async fetchConversation(conversationId) {
      set((state) => ({
        conversations: {
          ...state.conversations,
          [conversationId]: { ...(state.conversations[conversationId] ?? { approvals: [], clarifications: [] }), status: 'loading', error: null },
        },
      }));
      try {
        const [approvals, clarifications, tasks] = await Promise.all([
          api.call('approvals.list', { conversationId, status: 'all', limit: 500 }),
          api.call('clarifications.list', { conversationId, status: 'all' }),
          api.call('tasks.list', { conversationId, limit: 500 }),
        ]);
        set((state) => ({
          // A conversation's own tasks, however old: the global list only holds the recent ones.
          tasks: mergeTasks(state.tasks, tasks),
          conversations: { ...state.conversations, [conversationId]: { approvals: byCreated(approvals), clarifications: byCreated(clarifications), status: 'ready', error: null } },
        }));
      } catch (err) {
        set((state) => {
          const current = state.conversations[conversationId];
          if (!current) return {};
          return { conversations: { ...state.conversations, [conversationId]: { ...current, status: 'error', error: ApiError.from(err).message } } };
        });
      }
    },

    setSubmission(id, submission) {
      set((state) => {
        const submissions = { ...state.submissions };
        if (submission) submissions[id] = submission;
        else delete submissions[id];
        return { submissions };
      });
    },

    putApproval(record) {
      set((state) => {
        const next: Partial<AgentWorkState> = {
          pendingApprovals:
            record.status === 'pending' ? byCreated(upsert(state.pendingApprovals, record)) : state.pendingApprovals.filter((a) => a.id !== record.id),
        };
        const work = record.conversationId ? state.conversations[record.conversationId] : undefined;
        if (record.conversationId && work) {
          next.conversations = { ...state.conversations, [record.conversationId]: { ...work, approvals: byCreated(upsert(work.approvals, record)) } };
        }
        return next;
      });
    },

    putClarification(record) {
      set((state) => {
        const work = state.conversations[record.conversationId];
        if (!work) return {};
        return { conversations: { ...state.conversations, [record.conversationId]: { ...work, clarifications: byCreated(upsert(work.clarifications, record)) } } };
      });
    },

    findApproval(id) {
      const state = get();
      return state.pendingApprovals.find((a) => a.id === id) ?? Object.values(state.conversations).flatMap((w) => w.approvals).find((a) => a.id === id);
    },

    async refreshPending() {
      try {
        const pending = await api.call('approvals.list', { status: 'pending', limit: 500 });
        set({ pendingApprovals: byCreated(pending) });
      } catch {
        // The badge keeps what it had; the next event or reconnect refreshes it.
      }
    },
  };
}
