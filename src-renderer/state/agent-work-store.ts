import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApprovalRecord, Clarification, StewardApi, StewardEvent, Task } from '../../src-preload/contract.js';
import { ApiError } from '../api/api-error.js';
import { nextActivity, type AgentActivity } from './messages-store.js';

/** Live progress of a running task, from task.progress. */
export interface TaskProgress {
  step: number;
  total: number;
  label: string;
  etaSeconds: number | null;
}

/** The approvals and questions of one conversation, pending and resolved, as the thread shows them. */
export interface ConversationWork {
  approvals: ApprovalRecord[];
  clarifications: Clarification[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
}

/** Where a user's answer (approve, reject, modify, reply, cancel) stands while it travels to the core. */
export interface Submission {
  status: 'sending' | 'error';
  /** The core's message (a schema error for modified arguments, a wrong 2FA code) or the network failure. */
  error: string | null;
  /** The error's code ('invalid_input' when what the user typed must change; 'network' when a retry may work). */
  code?: string;
  /** The answer that failed, so Retry sends the same again. */
  retry?: RespondInput;
}

export interface RespondInput {
  decision: 'approve' | 'reject' | 'modify';
  args?: Record<string, unknown>;
  remember?: 'conversation' | 'always';
  code?: string;
}

export interface AgentWorkState {
  conversations: Record<string, ConversationWork>;
  /** Every task we know, by id (recent ones from tasks.list plus anything events brought). */
  tasks: Record<string, Task>;
  progress: Record<string, TaskProgress>;
  /** The latest agent.status line of each task (with its iteration counter, when one was announced). */
  taskActivity: Record<string, AgentActivity>;
  /** Pending approvals across every conversation, oldest first (the badge and the quick-command window). */
  pendingApprovals: ApprovalRecord[];
  /** In-flight or failed answers, by approval / clarification / task id. */
  submissions: Record<string, Submission>;
  /**
   * What the user typed into a card (edited arguments, a 2FA code, a reply), by key. Kept here,
   * not in the card, because the thread is virtualised: a card scrolled out of view unmounts, and
   * a failed answer must keep the edits for Retry.
   */
  drafts: Record<string, string>;

  /** Loads one conversation's approvals and clarifications. */
  loadConversation(conversationId: string, options?: { force?: boolean }): Promise<void>;
  /** Loads recent tasks and every pending approval (for the active-task panel and the badge). */
  loadGlobal(): Promise<void>;
  /** Everything again, after a reconnect in which events may have been missed. */
  reloadAll(): Promise<void>;
  respond(approvalId: string, input: RespondInput): Promise<boolean>;
  answer(clarificationId: string, text: string): Promise<boolean>;
  cancelTask(taskId: string): Promise<boolean>;
  setDraft(key: string, text: string | null): void;
  clearSubmission(id: string): void;
  applyEvent(event: StewardEvent): void;
}

export type AgentWorkStore = StoreApi<AgentWorkState>;

/** How many recent tasks the panel and the cards are fed from. */
export const RECENT_TASKS = 200;

const FINISHED = new Set<Task['status']>(['succeeded', 'failed', 'cancelled', 'interrupted']);

export function isTaskFinished(task: Pick<Task, 'status'>): boolean {
  return FINISHED.has(task.status);
}

export function createAgentWorkStore(api: StewardApi, now: () => Date = () => new Date()): AgentWorkStore {
  const inFlight = new Map<string, Promise<void>>();
  const stale = new Set<string>();

  return createStore<AgentWorkState>()((set, get) => {
    const fetchConversation = async (conversationId: string): Promise<void> => {
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
    };

    const setSubmission = (id: string, submission: Submission | null): void => {
      set((state) => {
        const submissions = { ...state.submissions };
        if (submission) submissions[id] = submission;
        else delete submissions[id];
        return { submissions };
      });
    };

    /** Puts an approval record wherever it is shown: its conversation's list and the pending list. */
    const putApproval = (record: ApprovalRecord): void => {
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
    };

    const putClarification = (record: Clarification): void => {
      set((state) => {
        const work = state.conversations[record.conversationId];
        if (!work) return {};
        return { conversations: { ...state.conversations, [record.conversationId]: { ...work, clarifications: byCreated(upsert(work.clarifications, record)) } } };
      });
    };

    const findApproval = (id: string): ApprovalRecord | undefined => {
      const state = get();
      return state.pendingApprovals.find((a) => a.id === id) ?? Object.values(state.conversations).flatMap((w) => w.approvals).find((a) => a.id === id);
    };

    const refreshPending = async (): Promise<void> => {
      try {
        const pending = await api.call('approvals.list', { status: 'pending', limit: 500 });
        set({ pendingApprovals: byCreated(pending) });
      } catch {
        // The badge keeps what it had; the next event or reconnect refreshes it.
      }
    };

    return {
      conversations: {},
      tasks: {},
      progress: {},
      taskActivity: {},
      pendingApprovals: [],
      submissions: {},
      drafts: {},

      loadConversation(conversationId, options = {}) {
        const running = inFlight.get(conversationId);
        if (running) {
          // A fetch that started before this change was committed may miss it: fetch once more after it.
          if (options.force) stale.add(conversationId);
          return running;
        }
        if (!options.force && get().conversations[conversationId]?.status === 'ready') return Promise.resolve();
        const fetchUntilFresh = async (): Promise<void> => {
          do {
            stale.delete(conversationId);
            await fetchConversation(conversationId);
          } while (stale.has(conversationId));
        };
        const promise = fetchUntilFresh().finally(() => inFlight.delete(conversationId));
        inFlight.set(conversationId, promise);
        return promise;
      },

      async loadGlobal() {
        const tasksLoad = api.call('tasks.list', { limit: RECENT_TASKS }).then(
          (tasks) => set((state) => ({ tasks: mergeTasks(state.tasks, tasks) })),
          () => {},
        );
        await Promise.all([tasksLoad, refreshPending()]);
      },

      async reloadAll() {
        await Promise.all([get().loadGlobal(), ...Object.keys(get().conversations).map((id) => get().loadConversation(id, { force: true }))]);
      },

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

      setDraft(key, text) {
        set((state) => {
          if (text === null && !(key in state.drafts)) return {};
          const drafts = { ...state.drafts };
          if (text === null) delete drafts[key];
          else drafts[key] = text;
          return { drafts };
        });
      },

      clearSubmission(id) {
        setSubmission(id, null);
      },

      applyEvent(event) {
        switch (event.type) {
          case 'approval.requested': {
            const { approval } = event;
            putApproval({ ...approval, status: 'pending', finalArgs: null, decidedBy: null, decidedAt: null });
            if (approval.conversationId && get().conversations[approval.conversationId]) void get().loadConversation(approval.conversationId, { force: true });
            return;
          }
          case 'approval.resolved': {
            const known = findApproval(event.approvalId);
            if (known) putApproval({ ...known, status: event.outcome, decidedBy: event.decidedBy, decidedAt: known.decidedAt ?? now().toISOString() });
            else set((state) => ({ pendingApprovals: state.pendingApprovals.filter((a) => a.id !== event.approvalId) }));
            // The event does not carry the final (possibly modified) arguments: fetch the record.
            if (known?.conversationId && get().conversations[known.conversationId]) void get().loadConversation(known.conversationId, { force: true });
            return;
          }
          case 'clarification.requested': {
            if (!get().conversations[event.conversationId]) return;
            putClarification({
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
            return;
          }
          case 'clarification.resolved': {
            // Answered here, from the chat, or in another window; or withdrawn with its task.
            const known = get().conversations[event.conversationId]?.clarifications.find((c) => c.id === event.id);
            if (known) putClarification({ ...known, status: event.status, answer: event.answer, answeredAt: known.answeredAt ?? now().toISOString() });
            return;
          }
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
      },
    };
  });
}

/** Tasks of one conversation, oldest first. */
export function tasksOf(state: Pick<AgentWorkState, 'tasks'>, conversationId: string): Task[] {
  return byCreated(Object.values(state.tasks).filter((t) => t.conversationId === conversationId));
}

/** Tasks that are still going (running, queued or waiting on the user), newest first. */
export function activeTasks(state: Pick<AgentWorkState, 'tasks'>): Task[] {
  return byCreated(Object.values(state.tasks).filter((t) => !isTaskFinished(t))).reverse();
}

/**
 * What a task card shows as its progress: live task.progress when there is one, else the task's
 * own step counters. `step` is the step being worked on (1-based), so the bar fills with the
 * steps already done; a succeeded task is complete whatever the last event said.
 */
export function progressOf(task: Task, live: TaskProgress | undefined): { step: number; total: number; percent: number; label: string | null; etaSeconds: number | null } {
  const total = Math.max(live?.total ?? 0, task.totalSteps);
  const step = task.status === 'succeeded' ? total : Math.min(live?.step ?? task.step, total);
  const percent = task.status === 'succeeded' ? 100 : total > 0 ? Math.round((Math.max(0, step - 1) / total) * 100) : 0;
  return { step, total, percent, label: isTaskFinished(task) ? null : (live?.label ?? null), etaSeconds: isTaskFinished(task) ? null : (live?.etaSeconds ?? null) };
}

function upsert<T extends { id: string }>(list: readonly T[], item: T): T[] {
  const index = list.findIndex((x) => x.id === item.id);
  if (index === -1) return [...list, item];
  const next = list.slice();
  next[index] = item;
  return next;
}

/**
 * Adds tasks to what we know, never going back in time: a list fetched before a task finished can
 * arrive after its "finished" event, and must not bring back the running state (a task stuck in
 * the active panel). Equal timestamps take the newcomer, which is at least as fresh.
 */
export function mergeTasks(known: Readonly<Record<string, Task>>, incoming: readonly Task[]): Record<string, Task> {
  const next = { ...known };
  for (const task of incoming) {
    const current = next[task.id];
    if (!current || current.updatedAt <= task.updatedAt) next[task.id] = task;
  }
  return next;
}

function byCreated<T extends { createdAt: string }>(list: readonly T[]): T[] {
  return list.slice().sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}
