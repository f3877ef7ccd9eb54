import type { AgentRole, TaskStatus } from '../../../../src-preload/contract.js';
import { StewardError } from '../../errors.js';
import type { ToolCallOutcome } from '../../tools/tool-runner.js';
import { skillRefusal } from '../../skills/skill-tool-limit.js';
import type { AgentDeps } from '../agent-deps.js';
import { actorFor, chatPerson } from '../../people/chat-person.js';
import type { ReplyChannel } from '../conversation-handler.js';
import type { TaskChannel } from '../task-channel.js';
import type { Lane } from './job-slots.js';
import type { TaskRun, ToolCallRequest } from './task-run.js';
import type { TaskState } from './task-state.js';

export type DetachReason = 'parked' | 'background' | 'done';

/** One task being worked on in this process: its state, its slot, and who is watching it. */
export class RunningTask implements TaskRun {
  readonly controller = new AbortController();
  done: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;
  /** The lane of the last slot held, re-acquired after waiting for the user. */
  private lane: Lane | null = null;
  private detachResolve: (reason: DetachReason) => void = () => undefined;
  private detachedPromise: Promise<DetachReason>;

  constructor(
    private readonly deps: AgentDeps,
    readonly taskId: string,
    readonly conversationId: string | null,
    readonly channel: TaskChannel,
    readonly workspaceDir: string,
    public state: TaskState,
  ) {
    this.detachedPromise = new Promise((resolve) => (this.detachResolve = resolve));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Settles when the watching turn may stop waiting. */
  get detached(): Promise<DetachReason> {
    return this.detachedPromise;
  }

  /** A new turn watches the task (the user answered its question in the chat). */
  attach(turn: ReplyChannel): Promise<DetachReason> {
    this.channel.attach(turn);
    this.detachedPromise = new Promise((resolve) => (this.detachResolve = resolve));
    return this.detachedPromise;
  }

  detach(reason: DetachReason): void {
    this.channel.detach();
    this.detachResolve(reason);
  }

  saveState(): void {
    this.deps.tasks.saveState(this.taskId, this.state);
  }

  setStatus(status: TaskStatus, patch: { title?: string; step?: number; totalSteps?: number; summary?: string | null } = {}): void {
    this.deps.tasks.update(this.taskId, { status, ...patch, state: this.state });
  }

  status(role: AgentRole, text: string): void {
    this.channel.status(role, text, this.taskId);
  }

  async askUser(role: AgentRole, question: string, key: string, slot: { pending: { key: string; clarificationId: string } | null; save(pending: { key: string; clarificationId: string } | null): void }): Promise<string> {
    if (!this.conversationId) {
      throw new StewardError('conflict', 'This task needs an answer from you, but its conversation was deleted, so it stopped. Start it again from a conversation.');
    }
    let id = slot.pending?.key === key ? slot.pending.clarificationId : null;
    if (id && !this.deps.broker.find(id)) id = null;
    if (!id) {
      // The question is a chat message too, so the conversation history (and the model) sees it.
      this.channel.say(question, { agent: role });
      id = this.deps.broker.ask({ conversationId: this.conversationId, taskId: this.taskId, role, question }).id;
      slot.save({ key, clarificationId: id });
    }
    this.releaseSlot();
    this.setStatus('waiting_clarification');
    this.detach('parked');
    const answer = await this.deps.broker.wait(id, this.signal);
    slot.save(null);
    this.setStatus('running');
    if (this.lane) await this.ensureSlot(this.lane);
    return answer;
  }

  async callTool(request: ToolCallRequest, lane: Lane): Promise<ToolCallOutcome> {
    // The person whose chat started the task, as their profile stands now: the runner checks their role first.
    const person = chatPerson(this.deps.people, this.state.personId);
    const actor = actorFor(request.actor, person);
    // A skill's task may use only the skill's tools, whatever the model proposes.
    const refusal = skillRefusal(this.state.skill, request.tool);
    if (refusal) {
      this.deps.audit.append({
        actor,
        action: `tool:${request.tool}`,
        args: { taskId: this.taskId, conversationId: this.conversationId, skill: this.state.skill?.skill },
        approver: null,
        costUsd: null,
        result: 'rejected',
        detail: refusal.userMessage,
        rollback: null,
      });
      return { status: 'rejected', call: null, error: refusal };
    }
    await this.ensureSlot(lane);
    return this.deps.runner.run({
      ...request,
      actor,
      person,
      taskId: this.taskId,
      conversationId: this.conversationId,
      workspaceDir: this.workspaceDir,
      signal: this.signal,
      onWaiting: () => {
        this.releaseSlot();
        this.setStatus('waiting_approval');
        this.detach('parked');
      },
      onResumed: async () => {
        if (this.signal.aborted) return;
        this.setStatus('running');
        await this.ensureSlot(lane);
      },
    });
  }

  async ensureSlot(lane: Lane): Promise<void> {
    this.lane = lane;
    if (this.release) return;
    const now = this.deps.slots.tryAcquire(lane);
    if (now) {
      this.release = now;
      return;
    }
    this.setStatus('queued');
    if (lane === 'interactive') this.channel.say('Steward is paused, so this will run when you resume it (tray menu or Settings › Agent).', { role: 'system' });
    this.detach('parked');
    this.release = await this.deps.slots.acquire(lane, this.signal);
    this.setStatus('running');
  }

  releaseSlot(): void {
    const release = this.release;
    this.release = null;
    release?.();
  }
}
