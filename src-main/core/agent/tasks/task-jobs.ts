import type { Task } from '../../../../src-preload/contract.js';
import { StewardError, toStewardError } from '../../errors.js';
import type { Provenance } from '../../tools/provenance.js';
import { ShutdownError } from '../../tools/tool-runner.js';
import type { AgentDeps } from '../agent-deps.js';
import type { ReplyChannel } from '../conversation-handler.js';
import { describeModelFailure } from '../model-failure.js';
import { TaskChannel } from '../task-channel.js';
import { runAction } from './action-program.js';
import { taskWorkspaceFolder, TERMINAL_STATUSES } from './agent-task-store.js';
import { runPlan } from './plan-program.js';
import { RunningTask, type DetachReason } from './running-task.js';
import { TaskCancelledError, TaskInterruptedError, TaskNotActiveError } from './task-errors.js';
import type { TaskEnd } from './task-end.js';
import { newTaskState } from './task-state.js';
import type { SkillToolLimit } from '../../skills/skill-tool-limit.js';

export interface WatchedTask {
  taskId: string;
  /** Settles when the turn that started (or answered) the task may stop waiting. */
  detached: Promise<DetachReason>;
  done: Promise<void>;
}

/**
 * The background job queue: tasks persisted in the database, run with a concurrency limit,
 * cancellable, and picked up again after a restart. A restart is handled like a crash on purpose:
 * every task that was not finished is resumed from its saved state, and the ToolRunner decides
 * per call whether it is safe to repeat (idempotent) or must be reported as interrupted.
 */
export class TaskJobs {
  private readonly running = new Map<string, RunningTask>();
  private closing = false;

  constructor(
    private readonly deps: AgentDeps,
    private readonly backgroundReply: (conversationId: string | null) => ReplyChannel,
  ) {}

  startAction(input: { conversationId: string; request: string; provenance: Provenance; tool: string; params: Record<string, unknown>; title: string; skill?: SkillToolLimit | null; personId?: string | null }, turn: ReplyChannel | null): WatchedTask {
    const state = newTaskState({ kind: 'action', request: input.request, provenance: input.provenance, action: { tool: input.tool, params: input.params, extracted: false, rounds: 0 }, skill: input.skill, personId: input.personId });
    const task = this.deps.tasks.create({ conversationId: input.conversationId, title: input.title, status: 'running', state });
    return this.launch(task.id, turn);
  }

  startPlan(input: { conversationId: string; request: string; context: string; provenance: Provenance; title: string; skill?: SkillToolLimit | null; personId?: string | null }, turn: ReplyChannel | null): WatchedTask {
    const state = newTaskState({ kind: 'plan', request: input.request, context: input.context, provenance: input.provenance, skill: input.skill, personId: input.personId });
    const task = this.deps.tasks.create({ conversationId: input.conversationId, title: input.title, status: 'running', state });
    return this.launch(task.id, turn);
  }

  isRunning(taskId: string): boolean {
    return this.running.has(taskId);
  }

  /**
   * Lets a turn watch a task that is waiting for the user's answer in the chat. Only quick actions
   * and plans still being planned are watched: a plan already under way keeps reporting in the
   * background, so the conversation is not blocked for its whole run.
   */
  watch(taskId: string, turn: ReplyChannel): WatchedTask | null {
    const run = this.running.get(taskId) ?? this.resume(taskId);
    if (!run) return null;
    if (run.state.kind === 'plan' && run.state.phase !== 'planning') return null;
    const detached = run.attach(turn);
    return { taskId, detached, done: run.done };
  }

  /** Starts the runner of a persisted, unfinished task that has none in this process. */
  resume(taskId: string, notice?: string): RunningTask | null {
    if (this.closing) return null;
    const existing = this.running.get(taskId);
    if (existing) return existing;
    const task = this.deps.tasks.get(taskId);
    if ((TERMINAL_STATUSES as readonly string[]).includes(task.status)) return null;
    if (notice) this.backgroundReply(task.conversationId).say(notice, { agent: 'manager', role: 'system' });
    return this.launch(taskId, null).run;
  }

  /** After a restart: every unfinished task continues (or is reported as interrupted by its tool call). */
  recover(): number {
    let count = 0;
    for (const task of this.deps.tasks.active()) {
      if (this.running.has(task.id)) continue;
      const notice = task.status === 'running' ? `Steward restarted while “${task.title}” was in progress; picking it up again.` : undefined;
      if (this.resume(task.id, notice)) count += 1;
    }
    return count;
  }

  async cancel(taskId: string): Promise<Task> {
    const task = this.deps.tasks.get(taskId);
    if ((TERMINAL_STATUSES as readonly string[]).includes(task.status)) throw new TaskNotActiveError(taskId, task.status);
    const run = this.running.get(taskId);
    if (run) {
      run.controller.abort(new TaskCancelledError());
      await run.done;
      return this.deps.tasks.get(taskId);
    }
    this.finishCancelled(taskId, task.conversationId, task.title);
    return this.deps.tasks.get(taskId);
  }

  /** Tasks of a deleted conversation that wait for an answer can never get one: they are cancelled. */
  async conversationDeleted(conversationId: string): Promise<void> {
    const waiting = [...this.running.values()].filter((run) => run.conversationId === conversationId && this.deps.tasks.get(run.taskId).status === 'waiting_clarification');
    await Promise.allSettled(waiting.map((run) => this.cancel(run.taskId)));
  }

  /** Stops every runner as if the process died: their state stays as saved, for recover() next time. */
  async close(): Promise<void> {
    this.closing = true;
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort(new ShutdownError());
    await Promise.allSettled(runs.map((r) => r.done));
  }

  get activeCount(): number {
    return this.running.size;
  }

  private launch(taskId: string, turn: ReplyChannel | null): WatchedTask & { run: RunningTask } {
    const task = this.deps.tasks.get(taskId);
    const channel = new TaskChannel(this.backgroundReply(task.conversationId), turn);
    let state;
    try {
      state = this.deps.tasks.state(taskId);
    } catch (err) {
      const message = toStewardError(err).userMessage;
      this.deps.tasks.update(taskId, { status: 'failed', summary: message });
      this.deps.gate.closeForEndedTask(taskId);
      channel.say(message, { role: 'system' });
      const dead = new RunningTask(this.deps, taskId, task.conversationId, channel, this.workspaceFor(taskId, 'action'), newTaskState({ kind: 'action', request: '', provenance: { source: 'user', detail: null } }));
      dead.detach('done');
      return { taskId, detached: dead.detached, done: Promise.resolve(), run: dead };
    }
    const run = new RunningTask(this.deps, taskId, task.conversationId, channel, this.workspaceFor(taskId, state.kind), state);
    this.running.set(taskId, run);
    run.done = this.drive(run).finally(() => {
      run.releaseSlot();
      this.running.delete(taskId);
      run.detach('done');
    });
    return { taskId, detached: run.detached, done: run.done, run };
  }

  private workspaceFor(taskId: string, kind: 'action' | 'plan'): string {
    return taskWorkspaceFolder(this.deps.workspaceDir, taskId, kind);
  }

  private async drive(run: RunningTask): Promise<void> {
    // Let the caller finish its own synchronous work (and watch `detached`) before the task starts.
    await Promise.resolve();
    try {
      const end = run.state.kind === 'action' ? await runAction(this.deps, run) : await runPlan(this.deps, run);
      this.finish(run, end);
    } catch (err) {
      const reason: unknown = run.signal.aborted ? run.signal.reason : null;
      if (reason instanceof ShutdownError || err instanceof ShutdownError) return;
      if (reason instanceof TaskCancelledError) {
        this.finishCancelled(run.taskId, run.conversationId, this.deps.tasks.get(run.taskId).title, run);
        return;
      }
      if (err instanceof TaskInterruptedError) {
        this.finishInterrupted(run, err);
        return;
      }
      await this.finishFailed(run, err);
    }
  }

  private finish(run: RunningTask, end: TaskEnd): void {
    run.state.phase = 'done';
    run.releaseSlot();
    run.setStatus(end.status, { summary: end.summary });
    this.deps.gate.closeForEndedTask(run.taskId);
    if (end.status === 'succeeded') this.recordForMemory(run);
  }

  /** Tells memory what was done, so repeated work can become a suggested workflow. Best effort. */
  private recordForMemory(run: RunningTask): void {
    const record = this.deps.memory?.recordTask;
    if (!record) return;
    const { state } = run;
    const kind = state.kind === 'action' && state.action ? `tool.${state.action.tool}` : 'plan';
    try {
      record.call(this.deps.memory, { kind, summary: state.request, ...(state.action && { params: state.action.params }) });
    } catch (err) {
      this.deps.log.warn('memory could not record a finished task', err);
    }
  }

  private finishCancelled(taskId: string, conversationId: string | null, title: string, run?: RunningTask): void {
    this.deps.gate.cancelForTask(taskId);
    this.deps.broker.cancelForTask(taskId);
    this.markOpenSteps(taskId, 'failed');
    const completed = this.deps.calls.succeededForTask(taskId).length;
    const text = `Cancelled “${title}”.${completed > 0 ? ` ${completed} completed action${completed === 1 ? ' was' : 's were'} kept.` : ''}`;
    if (run) {
      run.state.phase = 'done';
      run.setStatus('cancelled', { summary: text });
      run.channel.say(text, { role: 'system' });
    } else {
      this.deps.tasks.update(taskId, { status: 'cancelled', summary: text });
      this.backgroundReply(conversationId).say(text, { role: 'system' });
    }
    // cancelForTask rejected the cards open when the cancel began; any other (none, normally) closes as ended.
    this.deps.gate.closeForEndedTask(taskId);
  }

  private finishInterrupted(run: RunningTask, err: TaskInterruptedError): void {
    this.markOpenSteps(run.taskId, 'interrupted');
    run.state.phase = 'done';
    run.setStatus('interrupted', { summary: err.userMessage });
    this.deps.gate.closeForEndedTask(run.taskId);
    const title = this.deps.tasks.get(run.taskId).title;
    run.channel.say(`“${title}” was interrupted. ${err.userMessage}`, { agent: 'manager', role: 'system' });
    if (this.deps.settings.get().notifications.enabled) {
      this.deps.notifier.notify({ title: `Interrupted: ${title}`, body: err.userMessage, level: 'warning' });
    }
  }

  /** A failed task undoes its completed calls in reverse order (where tools can), then says what happened. */
  private async finishFailed(run: RunningTask, err: unknown): Promise<void> {
    const title = this.deps.tasks.get(run.taskId).title;
    const reason = describeModelFailure(err, `finish “${title}”`);
    const undone: string[] = [];
    const kept: string[] = [];
    const rollbackSignal = new AbortController().signal;
    for (const call of this.deps.calls.succeededForTask(run.taskId)) {
      const result = await this.deps.runner.rollback(call, { workspaceDir: run.workspaceDir, signal: rollbackSignal, actor: 'agent:rollback' });
      (result.status === 'rolled_back' ? undone : kept).push(result.message);
    }
    this.markOpenSteps(run.taskId, 'failed');
    run.state.phase = 'done';
    run.releaseSlot();
    const lines = [reason, ...(undone.length ? [`Rolled back: ${undone.join('; ')}.`] : []), ...(kept.length ? [`Not rolled back: ${kept.join('; ')}.`] : [])];
    run.setStatus('failed', { summary: lines.join(' ') });
    this.deps.gate.closeForEndedTask(run.taskId);
    run.channel.say(lines.join('\n'), { agent: run.state.kind === 'plan' ? 'manager' : 'employee' });
    if (run.state.kind === 'plan' && this.deps.settings.get().notifications.enabled) {
      this.deps.notifier.notify({ title: `Failed: ${title}`, body: reason, level: 'error' });
    }
    if (!(err instanceof StewardError)) this.deps.log.error('task failed with an unexpected error', err);
  }

  private markOpenSteps(taskId: string, status: 'failed' | 'interrupted'): void {
    for (const step of this.deps.tasks.steps(taskId)) {
      if (step.status === 'running') this.deps.tasks.updateStep(taskId, step.idx, { status, finished: true });
    }
  }
}
