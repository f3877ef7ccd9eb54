/**
 * The "compensate" failure policy: undo what the run already did, newest first, with each finished
 * step's declared `compensate` tool call (cancel the meeting, delete the HR record). Each undo is
 * an ordinary tool call through the same port (approval and audit apply) with its own call key.
 */
import { fillTemplate } from './workflow-expression.js';
import type { ToolStepHost } from './tool-step.js';

export async function compensateRun(host: ToolStepHost, runId: string): Promise<string[]> {
  const { repo, tools } = host.deps;
  const run = repo.getRun(runId)!;
  const states = repo.steps(runId);
  const done = states.filter((s) => s.status === 'succeeded').sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
  const undone: string[] = [];
  for (const state of done) {
    const step = run.definition.steps.find((s) => s.id === state.stepId);
    if (!step || !('tool' in step) || !step.compensate) continue;
    const scope = host.scope(run);
    const args = fillTemplate(step.compensate.args, scope) as Record<string, unknown>;
    const starter = run.startedBy ? host.deps.people.get(run.startedBy) : null;
    const outcome = await tools.call({
      callKey: `workflow:${runId}:${step.id}:undo`,
      tool: step.compensate.tool,
      args,
      actor: starter ? `person:${starter.email} via workflow ${run.title}` : `workflow ${run.title}`,
      person: starter,
      provenance: run.provenance,
      summary: `${run.title}: undo ${step.title ?? step.id}`,
      signal: host.signalFor(runId),
    });
    repo.transaction(() => {
      if (outcome.ok) repo.updateStep(runId, step.id, { status: 'compensated', summary: `Undone: ${outcome.summary}` });
      repo.addEvent(runId, { stepId: step.id, actor: 'Steward', what: outcome.ok ? `undid “${step.title ?? step.id}”: ${outcome.summary}` : `could not undo “${step.title ?? step.id}”`, comment: outcome.ok ? null : outcome.message });
    });
    undone.push(outcome.ok ? `${step.title ?? step.id}` : `${step.title ?? step.id} (could not be undone: ${outcome.message})`);
  }
  return undone;
}
