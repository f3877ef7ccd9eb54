/**
 * A workflow step that calls a tool. The call goes through the tool port (in the app: the
 * ToolRunner, so permissions, the approval gate, budgets, payment limits and the audit apply as
 * to any call — DESIGN §4.1), as the person who started the run, with the run's provenance (inputs
 * read from an email stay untrusted, so side effects ask). Each attempt has its own call key,
 * `workflow:<run>:<step>:<attempt>`, which is how recovery finds out how far a cut-off call got.
 */
import type { Person } from '../people/person.js';
import { personLabel } from '../people/person.js';
import { fillTemplate } from './workflow-expression.js';
import type { WorkflowStep } from './workflow-definition.js';
import type { WorkflowEngineDeps } from './workflow-ports.js';
import type { StepState, WorkflowRun } from './workflow-run-repo.js';

type ToolStep = Extract<WorkflowStep, { tool: string }>;

/** What tool steps need from the engine. */
export interface ToolStepHost {
  readonly deps: WorkflowEngineDeps;
  scope(run: WorkflowRun): ReturnType<import('./workflow-engine.js').WorkflowEngine['scope']>;
  signalFor(runId: string): AbortSignal;
  failStep(runId: string, step: WorkflowStep, message: string): void;
  finishRun(runId: string, status: 'succeeded' | 'failed' | 'cancelled', detail: string, actor: string): void;
  isClosed(): boolean;
}

export const toolCallKey = (runId: string, stepId: string, attempt: number): string => `workflow:${runId}:${stepId}:${attempt}`;

function starterOf(host: ToolStepHost, run: WorkflowRun): Person | null {
  return run.startedBy ? host.deps.people.get(run.startedBy) : null;
}

export async function runToolStep(host: ToolStepHost, run: WorkflowRun, step: ToolStep): Promise<void> {
  const { repo, tools } = host.deps;
  const retries = step.onFailure?.retry ?? 0;
  for (;;) {
    const state = repo.step(run.id, step.id);
    const args = fillTemplate(step.args, host.scope(run)) as Record<string, unknown>;
    const starter = starterOf(host, run);
    const outcome = await tools.call({
      callKey: toolCallKey(run.id, step.id, state.attempt),
      tool: step.tool,
      args,
      actor: starter ? `person:${starter.email} via workflow ${run.title}` : `workflow ${run.title}`,
      person: starter,
      provenance: run.provenance,
      summary: `${run.title}: ${step.title ?? step.id}`,
      signal: host.signalFor(run.id),
    });
    // Shutting down mid-call: the step stays 'running' and recovery decides after the restart.
    if (host.isClosed()) return;
    if (repo.getRun(run.id)?.status === 'cancelled') return;
    if (outcome.ok) {
      recordSuccess(host, run, step, outcome.output, outcome.summary);
      return;
    }
    if (outcome.retryable && state.attempt <= retries) {
      repo.transaction(() => {
        repo.addEvent(run.id, { stepId: step.id, actor: 'Steward', what: `“${step.title ?? step.id}” failed (attempt ${state.attempt}); trying again`, comment: outcome.message });
        repo.updateStep(run.id, step.id, { attempt: state.attempt + 1 });
      });
      continue;
    }
    recordFailure(host, run, step, outcome.message);
    return;
  }
}

function recordSuccess(host: ToolStepHost, run: WorkflowRun, step: ToolStep, output: unknown, summary: string): void {
  const { repo } = host.deps;
  repo.transaction(() => {
    repo.updateStep(run.id, step.id, { status: 'succeeded', output, summary, error: null, finishedAt: host.deps.now().toISOString() });
    repo.addEvent(run.id, { stepId: step.id, actor: 'Steward', what: `${step.title ?? step.id}: ${summary}` });
  });
}

function recordFailure(host: ToolStepHost, run: WorkflowRun, step: ToolStep, message: string): void {
  const { repo } = host.deps;
  repo.transaction(() => {
    repo.updateStep(run.id, step.id, { status: 'failed', error: message, finishedAt: host.deps.now().toISOString() });
    repo.addEvent(run.id, { stepId: step.id, actor: 'Steward', what: `“${step.title ?? step.id}” failed`, comment: message });
  });
  host.failStep(run.id, step, `Step “${step.title ?? step.id}” failed: ${message}`);
}

/**
 * A step found 'running' after a restart. What the runner committed for its call says what
 * happened: finished calls are taken as they are (never run twice); a call still waiting on an
 * open approval card waits on that card again; a call that never started (no row, or its
 * approval ran out while Steward was stopped) is asked for again; a call cut off while it ran is run
 * again only when the tool is idempotent and changes nothing outside this machine — otherwise the
 * step is marked interrupted and the run stops for a person to check and retry.
 */
export function recoverToolStep(host: ToolStepHost, run: WorkflowRun, step: ToolStep, state: StepState): void {
  const { repo } = host.deps;
  const call = repo.toolCallByKey(toolCallKey(run.id, step.id, state.attempt));
  const stored = call?.result as { output?: unknown; summary?: string } | null;
  if (call?.status === 'succeeded') return recordSuccess(host, run, step, stored?.output ?? null, stored?.summary ?? 'done');
  if (call && ['failed', 'rejected', 'interrupted'].includes(call.status)) return recordFailure(host, run, step, call.error ?? `the call ended ${call.status}`);
  if (call?.status === 'awaiting_approval' && call.approvalStatus === 'pending') {
    // Its approval card is still open: the same attempt runs again and waits on that card, so the
    // user never sees two cards for one call (and approving the old one cannot run it twice).
    repo.transaction(() => {
      repo.updateStep(run.id, step.id, { status: 'pending', attempt: Math.max(0, state.attempt - 1) });
      repo.addEvent(run.id, { stepId: step.id, actor: 'Steward', what: `Steward restarted; “${step.title ?? step.id}” still waits for the approval it asked for (the same request, not asked again)` });
    });
    return;
  }
  const info = host.deps.tools.describe(step.tool);
  const neverStarted = !call || call.status === 'proposed' || call.status === 'awaiting_approval';
  const safeToRepeat = info !== null && info.idempotent && (info.sideEffect === 'none' || info.sideEffect === 'local');
  if (neverStarted || safeToRepeat) {
    // Back to pending with the same attempt count: pump starts it again as the next attempt.
    repo.transaction(() => {
      repo.updateStep(run.id, step.id, { status: 'pending' });
      repo.addEvent(run.id, { stepId: step.id, actor: 'Steward', what: `Steward restarted; “${step.title ?? step.id}” ${neverStarted ? 'had not run yet and' : 'is safe to repeat and'} starts again` });
    });
    return;
  }
  const message = `“${step.title ?? step.id}” was cut off while it ran (Steward stopped), so it may or may not have happened. Check ${info?.title ?? step.tool}, then retry the step on the Workflows screen.`;
  repo.transaction(() => {
    repo.updateStep(run.id, step.id, { status: 'interrupted', error: message, finishedAt: host.deps.now().toISOString() });
    repo.addEvent(run.id, { stepId: step.id, actor: 'Steward', what: `“${step.title ?? step.id}” was interrupted`, comment: message });
  });
  const starter = starterOf(host, run);
  host.finishRun(run.id, 'failed', message, starter ? personLabel(starter) : 'Steward');
}
