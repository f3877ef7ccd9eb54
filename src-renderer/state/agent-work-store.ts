import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApprovalRecord, Clarification, StewardApi, StewardEvent, Task } from '../../src-preload/contract.js';
import { TERMINAL_TASK_STATUSES } from '../../src-preload/task-statuses.js';
import { createWorkAnswers } from './agent-work-answers.js';
import { applyWorkEvent } from './agent-work-events.js';
import { byCreated, mergeTasks } from './agent-work-records.js';
import { createWorkWrites } from './agent-work-writes.js';
import type { AgentActivity } from './messages-store.js';

export { mergeTasks } from './agent-work-records.js';

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

const FINISHED = new Set<Task['status']>(TERMINAL_TASK_STATUSES);

/** Whether a task has reached a status it never leaves (the app's one list of them). */
export function isTaskFinished(task: Pick<Task, 'status'>): boolean {
  return FINISHED.has(task.status);
}

export function createAgentWorkStore(api: StewardApi, now: () => Date = () => new Date()): AgentWorkStore {
  const inFlight = new Map<string, Promise<void>>();
  const stale = new Set<string>();

  return createStore<AgentWorkState>()((set, get) => {
    const writes = createWorkWrites(api, set, get);
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
            await writes.fetchConversation(conversationId);
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
        await Promise.all([tasksLoad, writes.refreshPending()]);
      },

      async reloadAll() {
        await Promise.all([get().loadGlobal(), ...Object.keys(get().conversations).map((id) => get().loadConversation(id, { force: true }))]);
      },

      ...createWorkAnswers(api, set, get, writes),

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
        writes.setSubmission(id, null);
      },

      applyEvent(event) {
        applyWorkEvent(event, { set, get, writes, now });
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

