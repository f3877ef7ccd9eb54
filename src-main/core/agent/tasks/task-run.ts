import type { AgentRole, TaskStatus } from '../../../../src-preload/contract.js';
import type { ToolCallInput, ToolCallOutcome } from '../../tools/tool-runner.js';
import type { ReplyChannel } from '../conversation-handler.js';
import type { Lane } from './job-slots.js';
import type { TaskState } from './task-state.js';

export type ToolCallRequest = Omit<ToolCallInput, 'taskId' | 'conversationId' | 'workspaceDir' | 'signal' | 'onWaiting' | 'onResumed'>;

/** What a running task program (an action or a plan) can do; implemented by TaskJobs. */
export interface TaskRun {
  readonly taskId: string;
  readonly conversationId: string | null;
  readonly signal: AbortSignal;
  readonly channel: ReplyChannel;
  readonly workspaceDir: string;
  state: TaskState;
  /** Persists `state` (no event: internal progress). */
  saveState(): void;
  setStatus(status: TaskStatus, patch?: { title?: string; step?: number; totalSteps?: number; summary?: string | null }): void;
  /**
   * Asks the user and waits for the answer, holding no slot meanwhile. `key` names the question's
   * place in the task, so a task resumed after a restart waits for the same question instead of
   * asking again.
   */
  askUser(role: AgentRole, question: string, key: string, slot: { pending: { key: string; clarificationId: string } | null; save(pending: { key: string; clarificationId: string } | null): void }): Promise<string>;
  callTool(request: ToolCallRequest, lane: Lane): Promise<ToolCallOutcome>;
  /** Waits for a concurrency slot (no-op when one is held). */
  ensureSlot(lane: Lane): Promise<void>;
  /** Lets the turn that started the task go; later messages appear in the conversation in the background. */
  detach(reason: 'parked' | 'background'): void;
  status(role: AgentRole, text: string): void;
}
