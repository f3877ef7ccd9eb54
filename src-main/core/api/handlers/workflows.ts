/**
 * Request handlers of the Workflows screen. Starting, answering, stopping and retrying are
 * asynchronous handlers: the engine commits each change itself and tool steps go on after the
 * answer, so they must not run inside the request's transaction.
 */
import type { z } from 'zod';
import type { WorkflowRequestInfo, WORKFLOW_METHODS } from '../../../../src-preload/schemas/workflows.js';
import type { Core } from '../../core-types.js';
import { actingPerson } from '../../people/acting-person.js';
import { routeLabel } from '../../workflows/workflow-labels.js';
import type { RunView } from '../../workflows/workflow-engine.js';
import type { WorkflowRequest } from '../../workflows/workflow-run-repo.js';
import { workflowsOf } from '../../agent/extension-services.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof WORKFLOW_METHODS> = z.output<(typeof WORKFLOW_METHODS)[M]['input']>;
const { sync, async } = handlersUsing<'core' | 'extensions'>();

function requestInfo(core: Core, request: WorkflowRequest, runTitle: string): WorkflowRequestInfo {
  const people = core.people;
  const decidedBy = request.decidedBy ? people.repo.get(request.decidedBy) : null;
  return {
    id: request.id,
    runId: request.runId,
    stepId: request.stepId,
    kind: request.kind,
    text: request.text,
    status: request.status,
    routedTo: routeLabel(request.route, people.holdersOf(request.route)),
    decidedBy: decidedBy ? decidedBy.name : request.decidedBy,
    comment: request.comment,
    answer: request.answer,
    createdAt: request.createdAt,
    decidedAt: request.decidedAt,
    runTitle,
  };
}

function detail(core: Core, view: RunView) {
  const { definition: _definition, provenance: _provenance, ...run } = view.run;
  const starter = run.startedBy ? core.people.repo.get(run.startedBy) : null;
  return {
    run: { ...run, startedBy: starter ? starter.name : run.startedBy },
    steps: view.steps.map(({ output: _output, wakeAt: _wakeAt, ...step }) => step),
    requests: view.requests.map((r) => requestInfo(core, r, run.title)),
    timeline: view.timeline,
    waitingFor: view.waitingFor,
  };
}

export const workflowHandlers = {
  'workflows.list': sync((_input: In<'workflows.list'>, { extensions }) => workflowsOf(extensions).catalog.list()),
  'workflows.add': sync((input: In<'workflows.add'>, { core, extensions }, context) => {
    actingPerson(core, context);
    const { catalog } = workflowsOf(extensions);
    const definition = catalog.add(input.text, input.source);
    return catalog.list().find((entry) => entry.id === definition.id)!;
  }),
  'workflows.start': async(async (input: In<'workflows.start'>, { core, extensions }, context) => {
    const { catalog, engine } = workflowsOf(extensions);
    const run = engine.start({ definition: catalog.get(input.workflowId), inputs: input.inputs, startedBy: actingPerson(core, context), via: context.actor === 'schedule' ? 'schedule' : 'ui' });
    return detail(core, engine.view(run.id));
  }),
  'workflows.runs': sync((input: In<'workflows.runs'>, { core, extensions }) =>
    workflowsOf(extensions)
      .engine.deps.repo.listRuns({ limit: input.limit })
      .map(({ definition: _d, inputs: _i, provenance: _p, ...run }) => ({ ...run, startedBy: run.startedBy ? (core.people.repo.get(run.startedBy)?.name ?? run.startedBy) : null })),
  ),
  'workflows.run': sync((input: In<'workflows.run'>, { core, extensions }) => detail(core, workflowsOf(extensions).engine.view(input.id))),
  'workflows.inbox': sync((_input: In<'workflows.inbox'>, { core, extensions }, context) => {
    const { engine } = workflowsOf(extensions);
    return engine.inbox(actingPerson(core, context)).map((r) => requestInfo(core, r, engine.deps.repo.getRun(r.runId)?.title ?? ''));
  }),
  'workflows.respond': async(async (input: In<'workflows.respond'>, { core, extensions }, context) => {
    const { engine } = workflowsOf(extensions);
    return detail(core, engine.respond({ requestId: input.requestId, person: actingPerson(core, context), decision: input.decision, comment: input.comment ?? null, answer: input.answer ?? null }));
  }),
  'workflows.cancel': async(async (input: In<'workflows.cancel'>, { core, extensions }, context) => detail(core, workflowsOf(extensions).engine.cancel(input.id, actingPerson(core, context)))),
  'workflows.retryStep': async(async (input: In<'workflows.retryStep'>, { core, extensions }, context) => detail(core, workflowsOf(extensions).engine.retryStep(input.id, input.stepId, actingPerson(core, context)))),
};
