/**
 * Runs workflow definitions. The engine is a loop over persisted state: `pump` looks at the run's
 * committed steps, starts every step whose predecessors are done (so independent steps run in
 * parallel), and each step's progress is committed before the next thing happens. A process
 * killed at any point restarts with `resumeAll`, which reads the same rows: finished steps are
 * never run again, approvals and waits are still pending, and a tool call cut off mid-flight is
 * only re-run when that is safe (see tool-step.ts).
 *
 * Approvals and questions are routed to people by role or name; they wait in workflow_requests
 * until one of those people (or the owner) answers through `respond`. Every decision, with who
 * and the comment, goes to the run's timeline and to the audit log.
 */
import type { Person } from '../people/person.js';
import { personLabel } from '../people/person.js';
import { RoleRequiredError } from '../people/people-errors.js';
import { roleAtLeast, toolAccess } from '../people/roles.js';
import { USER_PROVENANCE, type Provenance } from '../tools/provenance.js';
import { predecessorsOf, stepKind, type WorkflowDefinition, type WorkflowStep } from './workflow-definition.js';
import { WorkflowInputError, WorkflowNotFoundError, WorkflowStateError } from './workflow-errors.js';
import { evaluateCondition, fillTemplate, parseCondition, type Scope } from './workflow-expression.js';
import { checkInputs } from './workflow-inputs.js';
import { routeLabel } from './workflow-labels.js';
import type { WorkflowEngineDeps } from './workflow-ports.js';
import type { StartedVia, StepState, WorkflowRequest, WorkflowRun } from './workflow-run-repo.js';
import { compensateRun } from './compensation.js';
import { runToolStep, recoverToolStep, type ToolStepHost } from './tool-step.js';

const DONE: ReadonlySet<StepState['status']> = new Set(['succeeded', 'skipped']);
const MAX_TIMER_MS = 2_147_000_000;

export interface RunView {
  run: WorkflowRun;
  steps: (StepState & { title: string; kind: ReturnType<typeof stepKind> })[];
  requests: WorkflowRequest[];
  timeline: ReturnType<WorkflowEngineDeps['repo']['timeline']>;
  /** "waiting for Director (Priya)", or null when nothing waits for a person. */
  waitingFor: string | null;
}

export class WorkflowEngine implements ToolStepHost {
  private readonly running = new Map<string, Set<Promise<void>>>();
  private readonly runControllers = new Map<string, AbortController>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(readonly deps: WorkflowEngineDeps) {}

  /** Starts a run: who may start it, their access to its tools and its inputs are checked first; nothing is stored when they fail. */
  start(input: { definition: WorkflowDefinition; inputs: unknown; startedBy: Person; via: StartedVia; provenance?: Provenance }): WorkflowRun {
    const { definition, startedBy } = input;
    if (definition.startRoles && !definition.startRoles.some((role) => roleAtLeast(startedBy.role, role))) {
      throw new RoleRequiredError(startedBy.name, startedBy.role, `start “${definition.title}”`, `the ${definition.startRoles.join(' or ')} role`);
    }
    for (const step of definition.steps) {
      if (!('tool' in step)) continue;
      const info = this.deps.tools.describe(step.tool);
      if (!info) throw new WorkflowNotFoundError('tool', step.tool);
      const access = toolAccess(startedBy, { name: step.tool, sideEffect: info.sideEffect });
      if (!access.ok) throw new RoleRequiredError(startedBy.name, startedBy.role, `start “${definition.title}” (its step “${step.title ?? step.id}” uses “${info.title}”)`, access.needs);
    }
    const checked = checkInputs(definition, input.inputs);
    const problems = [...checked.problems, ...checked.missing.map((i) => `"${i.name}"${i.description ? ` (${i.description})` : ''} is missing`)];
    if (problems.length > 0) throw new WorkflowInputError(definition.title, problems);
    const run = this.deps.repo.transaction(() => {
      const created = this.deps.repo.createRun({ definition, inputs: checked.values, provenance: input.provenance ?? USER_PROVENANCE, startedBy: startedBy.id, startedVia: input.via });
      this.deps.repo.addEvent(created.id, { stepId: null, actor: personLabel(startedBy), what: `started “${definition.title}” (version ${definition.version}) from the ${input.via === 'ui' ? 'Workflows screen' : input.via}` });
      this.audit(startedBy, 'workflow.start', { runId: created.id, workflow: definition.id, version: definition.version }, 'ok', `started ${definition.title}`);
      return created;
    });
    this.pump(run.id);
    return this.deps.repo.getRun(run.id)!;
  }

  /** After a restart: re-reads every unfinished run, settles steps cut off mid-call, re-arms waits, and carries on. */
  resumeAll(): string[] {
    const ids = this.deps.repo.unfinishedRunIds();
    for (const id of ids) {
      const run = this.deps.repo.getRun(id)!;
      for (const state of this.deps.repo.steps(id)) {
        const step = run.definition.steps.find((s) => s.id === state.stepId);
        if (!step) continue;
        if (state.status === 'running' && 'tool' in step) recoverToolStep(this, run, step, state);
        if (state.status === 'waiting' && 'wait' in step && state.wakeAt) this.armTimer(run.id, step.id, state.wakeAt);
      }
      this.pump(id);
    }
    return ids;
  }

  view(runId: string): RunView {
    const run = this.deps.repo.getRun(runId);
    if (!run) throw new WorkflowNotFoundError('workflow run', runId);
    const byId = new Map(run.definition.steps.map((s) => [s.id, s]));
    const steps = this.deps.repo.steps(runId).map((s) => ({ ...s, title: byId.get(s.stepId)?.title ?? s.stepId, kind: stepKind(byId.get(s.stepId)!) }));
    const waiting = steps.filter((s) => s.status === 'waiting' && s.waitingFor).map((s) => s.waitingFor!);
    return { run, steps, requests: this.deps.repo.requestsOf(runId), timeline: this.deps.repo.timeline(runId), waitingFor: waiting.length > 0 ? `waiting for ${[...new Set(waiting)].join(' and ')}` : null };
  }

  /** The requests waiting for this person: routed to them, or any request when they are the owner. */
  inbox(person: Person): WorkflowRequest[] {
    return this.deps.repo.pendingRequests().filter((r) => r.assignees.includes(person.id) || person.role === 'owner');
  }

  /** A person approves, rejects or answers a request routed to them (the owner may answer any, and the timeline says so). */
  respond(input: { requestId: string; person: Person; decision: 'approve' | 'reject' | 'answer'; comment?: string | null; answer?: string | null }): RunView {
    const request = this.deps.repo.request(input.requestId);
    if (!request) throw new WorkflowNotFoundError('workflow request', input.requestId);
    const run = this.deps.repo.getRun(request.runId)!;
    const step = run.definition.steps.find((s) => s.id === request.stepId)!;
    if (request.status !== 'pending') {
      const by = request.decidedBy ? this.deps.people.get(request.decidedBy) : null;
      throw new WorkflowStateError(`This request was already ${request.status}${by ? ` by ${personLabel(by)}` : ''}; nothing was changed.`);
    }
    const { person } = input;
    const routedTo = routeLabel(request.route, this.deps.people.holdersOf(request.route));
    if (!request.assignees.includes(person.id) && person.role !== 'owner') {
      throw new RoleRequiredError(person.name, person.role, `answer “${request.text}”`, `to be ${routedTo}, or the owner`);
    }
    const comment = input.comment?.trim() ? input.comment.trim().slice(0, 2000) : null;
    const answer = input.answer?.trim() ? input.answer.trim().slice(0, 4000) : null;
    if (request.kind === 'approval' && input.decision === 'answer') throw new WorkflowStateError('This request is an approval: approve or reject it. Nothing was changed.');
    if (request.kind === 'question' && (input.decision !== 'answer' || !answer)) throw new WorkflowStateError('This request is a question: give an answer (text). Nothing was changed.');
    const approved = input.decision !== 'reject';
    const onBehalf = request.assignees.includes(person.id) ? '' : ` as owner, on behalf of ${routedTo}`;
    const what = request.kind === 'question' ? `answered “${request.text}”${onBehalf}` : `${approved ? 'approved' : 'rejected'} “${step.title ?? step.id}”${onBehalf}`;
    this.deps.repo.transaction(() => {
      this.deps.repo.decideRequest(request.id, { status: request.kind === 'question' ? 'answered' : approved ? 'approved' : 'rejected', decidedBy: person.id, comment, answer });
      this.deps.repo.updateStep(run.id, step.id, {
        status: approved ? 'succeeded' : 'failed',
        output: request.kind === 'question' ? { answer } : { approved, comment },
        summary: `${personLabel(person)} ${what}`,
        error: approved ? null : `${personLabel(person)} rejected it${comment ? `: “${comment}”` : ''}`,
        decidedBy: person.name,
        comment: comment ?? answer,
        waitingFor: null,
        finishedAt: this.deps.now().toISOString(),
      });
      this.deps.repo.addEvent(run.id, { stepId: step.id, actor: personLabel(person), what, comment: comment ?? answer });
      this.audit(person, `workflow.${request.kind === 'question' ? 'answer' : approved ? 'approve' : 'reject'}`, { runId: run.id, step: step.id, requestId: request.id, comment }, approved ? 'ok' : 'rejected', what);
    });
    if (!approved) this.failStep(run.id, step, `${personLabel(person)} rejected “${step.title ?? step.id}”${comment ? `: “${comment}”` : ''}`);
    this.pump(run.id);
    return this.view(run.id);
  }

  /** Stops a run: only its starter or the owner. Open requests are withdrawn; a tool mid-call is told to stop. */
  cancel(runId: string, person: Person): RunView {
    const run = this.deps.repo.getRun(runId);
    if (!run) throw new WorkflowNotFoundError('workflow run', runId);
    if (run.startedBy !== person.id && person.role !== 'owner') throw new RoleRequiredError(person.name, person.role, 'stop someone else’s workflow run', 'the owner role');
    if (!['running', 'waiting'].includes(run.status)) throw new WorkflowStateError(`This run has already ${run.status === 'cancelled' ? 'been stopped' : run.status}; nothing was changed.`);
    this.finishRun(runId, 'cancelled', `Stopped by ${personLabel(person)}`, personLabel(person));
    this.runControllers.get(runId)?.abort();
    this.deps.withdrawApprovals?.(runId, personLabel(person));
    return this.view(runId);
  }

  /** Runs a failed or interrupted step again (after the person checked what happened), and continues the run. */
  retryStep(runId: string, stepId: string, person: Person): RunView {
    const run = this.deps.repo.getRun(runId);
    if (!run) throw new WorkflowNotFoundError('workflow run', runId);
    if (run.startedBy !== person.id && person.role !== 'owner') throw new RoleRequiredError(person.name, person.role, 'retry someone else’s workflow run', 'the owner role');
    const state = this.deps.repo.steps(runId).find((s) => s.stepId === stepId);
    const step = run.definition.steps.find((s) => s.id === stepId);
    if (!state || !step) throw new WorkflowNotFoundError('step', stepId);
    if (!('tool' in step) || !['failed', 'interrupted'].includes(state.status)) throw new WorkflowStateError(`Only a tool step that failed or was cut off can be retried; “${step.title ?? step.id}” is ${state.status}. Nothing was changed.`);
    this.deps.repo.transaction(() => {
      this.deps.repo.updateStep(runId, stepId, { status: 'pending', error: null });
      this.deps.repo.setRunStatus(runId, 'running', null);
      this.deps.repo.addEvent(runId, { stepId, actor: personLabel(person), what: `asked to retry “${step.title ?? step.id}”` });
    });
    this.pump(runId);
    return this.view(runId);
  }

  /** Resolves when no step of any run is mid-call (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.running.values()].flatMap((set) => [...set]);
      if (pending.length === 0) return;
      await Promise.allSettled(pending);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    // Like a crash: steps mid-call stay 'running' and resumeAll decides after the restart.
    for (const controller of this.runControllers.values()) controller.abort();
    await this.idle();
  }

  scope(run: WorkflowRun): Scope {
    const steps: Scope['steps'] = {};
    for (const s of this.deps.repo.steps(run.id)) {
      const output = s.output as Record<string, unknown> | null;
      steps[s.stepId] = { output: s.output, status: s.status, by: s.decidedBy, comment: s.comment, answer: output && typeof output === 'object' && 'answer' in output ? (output.answer as string) : null, summary: s.summary };
    }
    return { inputs: run.inputs, steps };
  }

  signalFor(runId: string): AbortSignal {
    let controller = this.runControllers.get(runId);
    if (!controller) {
      controller = new AbortController();
      this.runControllers.set(runId, controller);
    }
    return controller.signal;
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** Starts every step that can start now, then settles the run's status. Safe to call any time; it only acts on committed state. */
  pump(runId: string): void {
    if (this.closed) return;
    for (let guard = 0; guard < 1000; guard++) {
      const run = this.deps.repo.getRun(runId);
      if (!run || !['running', 'waiting'].includes(run.status)) return;
      const states = new Map(this.deps.repo.steps(runId).map((s) => [s.stepId, s]));
      const predecessors = predecessorsOf(run.definition);
      const ready = run.definition.steps.find((step) => {
        if (states.get(step.id)?.status !== 'pending') return false;
        return (predecessors.get(step.id) ?? []).every((p) => this.countsAsDone(run, p, states.get(p)));
      });
      if (!ready) break;
      this.begin(run, ready);
    }
    this.settle(runId);
  }

  private countsAsDone(run: WorkflowRun, stepId: string, state: StepState | undefined): boolean {
    if (!state) return true;
    if (DONE.has(state.status)) return true;
    const step = run.definition.steps.find((s) => s.id === stepId);
    return state.status === 'failed' && step?.onFailure?.then === 'continue';
  }

  private begin(run: WorkflowRun, step: WorkflowStep): void {
    const at = this.deps.now().toISOString();
    if (step.when && !evaluateCondition(parseCondition(step.when), this.scope(run))) {
      this.deps.repo.transaction(() => {
        this.deps.repo.updateStep(run.id, step.id, { status: 'skipped', summary: `Skipped: ${step.when} is not true`, finishedAt: at });
        this.deps.repo.addEvent(run.id, { stepId: step.id, actor: 'Steward', what: `skipped “${step.title ?? step.id}” (${step.when} is not true)` });
      });
      return;
    }
    if ('tool' in step) {
      const state = this.deps.repo.step(run.id, step.id);
      this.deps.repo.updateStep(run.id, step.id, { status: 'running', attempt: state.attempt + 1, startedAt: at });
      this.track(run.id, runToolStep(this, run, step));
      return;
    }
    if ('approval' in step || 'ask' in step) {
      this.askPeople(run, step);
      return;
    }
    if ('wait' in step) {
      const raw = fillTemplate(step.wait.until, this.scope(run));
      const until = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00.000Z` : String(raw);
      const wakeAt = new Date(until);
      if (Number.isNaN(wakeAt.getTime())) {
        this.deps.repo.updateStep(run.id, step.id, { status: 'failed', error: `“${String(raw)}” is not a date to wait until`, finishedAt: at });
        this.failStep(run.id, step, `Step “${step.title ?? step.id}” could not wait: “${String(raw)}” is not a date`);
        return;
      }
      if (wakeAt.getTime() <= this.deps.now().getTime()) {
        this.deps.repo.updateStep(run.id, step.id, { status: 'succeeded', summary: `Waited until ${wakeAt.toISOString()}`, finishedAt: at });
        return;
      }
      this.deps.repo.transaction(() => {
        this.deps.repo.updateStep(run.id, step.id, { status: 'waiting', wakeAt: wakeAt.toISOString(), waitingFor: `the date ${wakeAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, startedAt: at });
        this.deps.repo.addEvent(run.id, { stepId: step.id, actor: 'Steward', what: `waiting until ${wakeAt.toISOString()}` });
      });
      this.armTimer(run.id, step.id, wakeAt.toISOString());
    }
  }

  private askPeople(run: WorkflowRun, step: Extract<WorkflowStep, { approval: unknown }> | Extract<WorkflowStep, { ask: unknown }>): void {
    const body = 'approval' in step ? step.approval : step.ask;
    const kind = 'approval' in step ? 'approval' : 'question';
    const text = String(fillTemplate('approval' in step ? step.approval.request : step.ask.question, this.scope(run)));
    const holders = this.deps.people.holdersOf(body.to);
    const label = routeLabel(body.to, holders);
    const starter = run.startedBy ? this.deps.people.get(run.startedBy) : null;
    this.deps.repo.transaction(() => {
      this.deps.repo.createRequest({ runId: run.id, stepId: step.id, kind, route: body.to, assignees: holders.map((h) => h.id), text });
      this.deps.repo.updateStep(run.id, step.id, { status: 'waiting', waitingFor: label, startedAt: this.deps.now().toISOString() });
      this.deps.repo.addEvent(run.id, { stepId: step.id, actor: 'Steward', what: `asked ${label}: “${text}”` });
    });
    // The native notification comes after the commit: the request it points to exists.
    this.deps.notifier.notify({
      title: kind === 'approval' ? `Approval needed: ${run.title}` : `Question: ${run.title}`,
      body: `For ${label}${starter ? `, from ${starter.name}` : ''}: ${text}`,
      level: 'info',
    });
  }

  private armTimer(runId: string, stepId: string, wakeAt: string): void {
    const key = `${runId}:${stepId}`;
    clearTimeout(this.timers.get(key));
    const delay = Math.min(Math.max(0, new Date(wakeAt).getTime() - this.deps.now().getTime()), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      if (this.closed) return;
      const state = this.deps.repo.step(runId, stepId);
      if (state.status !== 'waiting') return;
      if (new Date(wakeAt).getTime() > this.deps.now().getTime()) return this.armTimer(runId, stepId, wakeAt);
      this.deps.repo.transaction(() => {
        this.deps.repo.updateStep(runId, stepId, { status: 'succeeded', waitingFor: null, summary: `Waited until ${wakeAt}`, finishedAt: this.deps.now().toISOString() });
        this.deps.repo.addEvent(runId, { stepId, actor: 'Steward', what: `the wait until ${wakeAt} is over` });
      });
      this.pump(runId);
    }, delay);
    timer.unref();
    this.timers.set(key, timer);
  }

  /** A step failed for good: its failure policy decides (continue, stop, or undo what was done, then stop). */
  failStep(runId: string, step: WorkflowStep, message: string): void {
    const policy = step.onFailure?.then ?? 'stop';
    if (policy === 'continue') {
      this.deps.repo.addEvent(runId, { stepId: step.id, actor: 'Steward', what: `“${step.title ?? step.id}” failed; the workflow continues without it`, comment: message });
      return;
    }
    if (policy === 'compensate') {
      this.track(runId, this.compensate(runId, message));
      return;
    }
    this.finishRun(runId, 'failed', message, 'Steward');
  }

  private async compensate(runId: string, message: string): Promise<void> {
    const undone = await compensateRun(this, runId);
    this.finishRun(runId, 'failed', `${message}${undone.length > 0 ? ` — undone: ${undone.join('; ')}` : ''}`, 'Steward');
  }

  finishRun(runId: string, status: 'succeeded' | 'failed' | 'cancelled', detail: string, actor: string): void {
    const run = this.deps.repo.getRun(runId)!;
    if (!['running', 'waiting'].includes(run.status)) return;
    this.deps.repo.transaction(() => {
      for (const request of this.deps.repo.requestsOf(runId).filter((r) => r.status === 'pending')) {
        this.deps.repo.decideRequest(request.id, { status: 'cancelled', decidedBy: actor, comment: null, answer: null });
      }
      for (const s of this.deps.repo.steps(runId)) if (s.status === 'waiting') this.deps.repo.updateStep(runId, s.stepId, { status: 'pending', waitingFor: null });
      this.deps.repo.setRunStatus(runId, status, detail);
      this.deps.repo.addEvent(runId, { stepId: null, actor, what: status === 'succeeded' ? 'the workflow finished' : status === 'cancelled' ? 'stopped the workflow' : 'the workflow stopped', comment: status === 'succeeded' ? null : detail });
      const starter = run.startedBy ? this.deps.people.get(run.startedBy) : null;
      this.audit(starter, `workflow.${status}`, { runId, workflow: run.workflowId }, status === 'succeeded' ? 'ok' : 'error', detail);
    });
    for (const [key, timer] of this.timers) if (key.startsWith(`${runId}:`)) clearTimeout(timer);
    this.deps.onChange?.(runId);
  }

  private settle(runId: string): void {
    const run = this.deps.repo.getRun(runId)!;
    if (!['running', 'waiting'].includes(run.status)) return;
    const steps = this.deps.repo.steps(runId);
    if (steps.every((s) => this.countsAsDone(run, s.stepId, s))) {
      this.finishRun(runId, 'succeeded', `Finished: ${steps.filter((s) => s.status === 'succeeded').length} step(s) done`, 'Steward');
      return;
    }
    if (steps.some((s) => s.status === 'running') || (this.running.get(runId)?.size ?? 0) > 0) {
      if (run.status !== 'running') this.deps.repo.setRunStatus(runId, 'running', null);
    } else {
      const waiting = steps.filter((s) => s.status === 'waiting' && s.waitingFor).map((s) => s.waitingFor!);
      if (waiting.length > 0) this.deps.repo.setRunStatus(runId, 'waiting', `waiting for ${[...new Set(waiting)].join(' and ')}`);
    }
    this.deps.onChange?.(runId);
  }

  private track(runId: string, work: Promise<void>): void {
    let set = this.running.get(runId);
    if (!set) {
      set = new Set();
      this.running.set(runId, set);
    }
    const tracked = work
      .catch((err: unknown) => this.deps.log?.(`workflow run ${runId}: a step ended with an unexpected error`, err))
      .finally(() => {
        set.delete(tracked);
        if (set.size === 0) this.running.delete(runId);
        this.pump(runId);
      });
    set.add(tracked);
  }

  audit(person: Person | null, action: string, args: unknown, result: 'ok' | 'error' | 'rejected', detail: string): void {
    this.deps.audit.append({ actor: person ? `person:${person.email}` : 'workflow', action, args, approver: null, costUsd: null, result, detail, rollback: null });
  }
}
