import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StewardApi, StewardEvent, Task } from '../../src-preload/contract.js';
import type { ApprovalRecord } from '../../src-preload/schemas/agent.js';
import type { ArtifactList, TaskSteps } from '../../src-preload/schemas/artifacts.js';
import { ApiError } from '../api/api-error.js';

export interface TaskProgress {
  step: number;
  total: number;
  label: string;
  etaSeconds: number | null;
}

/**
 * One task's detail: the task row, its plan/steps/tool calls (tasks.steps), its output files
 * (artifacts.list) and the approvals it is waiting for. Lives as long as the task view is open;
 * task.updated / task.progress / approval.* events for this task keep it current, each refetching
 * the detail (coalesced, so a burst of events costs one request at a time).
 */
export interface TaskDetailState {
  taskId: string;
  status: 'loading' | 'ready' | 'not-found' | 'error';
  error: string | null;
  task: Task | null;
  detail: TaskSteps | null;
  progress: TaskProgress | null;
  files: ArtifactList | null;
  filesError: string | null;
  pendingApprovals: ApprovalRecord[];
  cancelling: boolean;
  cancelError: string | null;
  /** Approval ids being answered from this view. */
  responding: Record<string, true>;
  respondError: string | null;
  load(): Promise<void>;
  /** Refetches steps, files and approvals (not the whole view): after an event, or Retry on files. */
  refresh(): Promise<void>;
  applyEvent(event: StewardEvent): void;
  cancel(): Promise<void>;
  respond(approvalId: string, decision: 'approve' | 'reject'): Promise<void>;
}

export type TaskDetailStore = StoreApi<TaskDetailState>;

const ACTIVE: readonly Task['status'][] = ['queued', 'running', 'waiting_approval', 'waiting_clarification'];

export function isTaskActive(task: Task | null): boolean {
  return task !== null && ACTIVE.includes(task.status);
}

// eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
export function createTaskDetailStore(api: StewardApi, taskId: string): TaskDetailStore {
  let refreshing: Promise<void> | null = null;
  let refreshAgain = false;

  // eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
  return createStore<TaskDetailState>()((set, get) => {
    const fetchParts = async (): Promise<void> => {
      const [detail, files, approvals] = await Promise.allSettled([
        api.call('tasks.steps', { id: taskId }),
        api.call('artifacts.list', { taskId }),
        api.call('approvals.list', { taskId, status: 'pending' }),
      ]);
      if (detail.status === 'fulfilled') set({ detail: detail.value });
      if (files.status === 'fulfilled') set({ files: files.value, filesError: null });
      else set({ filesError: ApiError.from(files.reason).message });
      if (approvals.status === 'fulfilled') set({ pendingApprovals: approvals.value });
      if (detail.status === 'rejected') throw detail.reason;
    };

    return {
      taskId,
      status: 'loading',
      error: null,
      task: null,
      detail: null,
      progress: null,
      files: null,
      filesError: null,
      pendingApprovals: [],
      cancelling: false,
      cancelError: null,
      responding: {},
      respondError: null,

      async load() {
        set({ status: get().task ? 'ready' : 'loading', error: null });
        try {
          const task = await api.call('tasks.get', { id: taskId });
          set({ task });
          await fetchParts();
          set({ status: 'ready', error: null });
        } catch (err) {
          const error = ApiError.from(err);
          set({ status: error.code === 'not_found' ? 'not-found' : 'error', error: error.message });
        }
      },

      async refresh() {
        if (refreshing) {
          refreshAgain = true;
          return refreshing;
        }
        refreshing = (async () => {
          do {
            refreshAgain = false;
            try {
              await fetchParts();
            } catch {
              // The header still shows the live task; the next event or a reload tries again.
            }
          } while (refreshAgain);
        })().finally(() => {
          refreshing = null;
        });
        return refreshing;
      },

      applyEvent(event) {
        if (get().status === 'not-found') return;
        switch (event.type) {
          case 'task.updated':
            if (event.task.id !== taskId) return;
            set({ task: event.task, ...(isTaskActive(event.task) ? {} : { progress: null }) });
            void get().refresh();
            return;
          case 'task.progress':
            if (event.taskId !== taskId) return;
            set({ progress: { step: event.step, total: event.total, label: event.label, etaSeconds: event.etaSeconds } });
            void get().refresh();
            return;
          case 'approval.requested':
            if (event.approval.taskId !== taskId) return;
            void get().refresh();
            return;
          case 'approval.resolved':
            if (!get().pendingApprovals.some((a) => a.id === event.approvalId)) return;
            set({ pendingApprovals: get().pendingApprovals.filter((a) => a.id !== event.approvalId) });
            void get().refresh();
            return;
          default:
            return;
        }
      },

      async cancel() {
        if (get().cancelling) return;
        set({ cancelling: true, cancelError: null });
        try {
          const task = await api.call('tasks.cancel', { id: taskId });
          set({ task, progress: null });
          void get().refresh();
        } catch (err) {
          set({ cancelError: ApiError.from(err).message });
        } finally {
          set({ cancelling: false });
        }
      },

      async respond(approvalId, decision) {
        if (get().responding[approvalId]) return;
        set({ responding: { ...get().responding, [approvalId]: true }, respondError: null });
        try {
          await api.call('approvals.respond', { id: approvalId, decision });
          set({ pendingApprovals: get().pendingApprovals.filter((a) => a.id !== approvalId) });
        } catch (err) {
          set({ respondError: ApiError.from(err).message });
        } finally {
          const responding = { ...get().responding };
          delete responding[approvalId];
          set({ responding });
        }
      },
    };
  });
}

export interface CostLine {
  service: string;
  usd: number;
  calls: number;
}

/**
 * What the task's tool calls cost: the total and one line per service. A tool's service is the part
 * of its name before the first dot ("email.send" → "email"); calls without a price count as free.
 */
export function taskCost(toolCalls: TaskSteps['toolCalls']): { totalUsd: number; byService: CostLine[] } {
  const lines = new Map<string, CostLine>();
  let totalUsd = 0;
  for (const call of toolCalls) {
    const service = call.tool.split('.')[0] || call.tool;
    const usd = call.costUsd ?? 0;
    totalUsd += usd;
    const line = lines.get(service) ?? { service, usd: 0, calls: 0 };
    line.usd += usd;
    line.calls += 1;
    lines.set(service, line);
  }
  const byService = [...lines.values()].sort((a, b) => b.usd - a.usd || a.service.localeCompare(b.service));
  return { totalUsd, byService };
}

/**
 * "Iteration 2/3: refining based on feedback" for a step on its second try or later, else null —
 * the words the task runner posts in the chat. `iteration` is the stored, 0-based attempt.
 */
export function iterationLabel(iteration: number, maxIterations: number): string | null {
  if (iteration < 1) return null;
  return `Iteration ${iteration + 1}/${Math.max(iteration + 1, maxIterations)}: refining based on feedback`;
}
