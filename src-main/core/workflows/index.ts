/**
 * Workflows: declarative, versioned definitions (YAML or JSON, checked with zod and a graph check)
 * run step by step with every change committed to SQLite.
 *
 * ## Starting a run from code (the HR demo does this)
 *
 * ```ts
 * import { installWorkflows } from './workflows/index.js';
 *
 * // Once, after the agent exists (app.ts does this): gives the engine the ToolRunner and registry,
 * // and resumes runs a crash left unfinished.
 * const { catalog, engine } = installWorkflows(core, agent.deps);   // also agent.deps.extensions.workflows
 *
 * const people = core.people;
 * const owner = people.owner();                                   // the desktop user
 * const priya = people.add(owner, { name: 'Priya Shah', email: 'priya@acme.test', role: 'director', departments: ['hr'] });
 *
 * const run = engine.start({
 *   definition: catalog.get('new-hire-onboarding'),                // throws, with line + reason, if it cannot run
 *   inputs: { firstName: 'Dana', lastName: 'Lee', jobTitle: 'Senior Engineer', startDate: '2027-01-05',
 *             salary: 150000, manager: 'Priya Shah', email: 'dana.lee@example.com' },
 *   startedBy: owner,
 *   via: 'chat',                                                   // 'ui' | 'chat' | 'schedule' | 'api'
 * });
 * engine.view(run.id).waitingFor;                                  // "waiting for Director (Priya Shah)"
 * const [request] = engine.inbox(priya);                           // the approval routed to her
 * engine.respond({ requestId: request.id, person: priya, decision: 'approve', comment: 'Welcome Dana' });
 * await engine.idle();                                             // tool steps run (each through the approval gate)
 * engine.view(run.id);                                             // run, steps, requests, timeline
 * ```
 *
 * The onboarding definition is definitions/new-hire-onboarding.ts: documents.docx (offer letter) →
 * approval by a director → (salary > 150000) approval by a Finance director → hris.createEmployee →
 * email.send and calendar.create_event in parallel. Tool steps are ordinary ToolRunner calls as the
 * person who started the run: side effects still ask on approval cards (approve them with
 * agent.respondApproval / the approvals API), and a tool that is not connected fails its step with
 * the tool's own "not set up yet" message naming where to set it up — never a pretend success.
 * After a kill -9, installWorkflows → engine.resumeAll() carries on: finished steps are never run
 * again; a side-effect call cut off mid-flight stops the run for a person to check and retry.
 */
export { installWorkflows, type Workflows } from './install-workflows.js';
export { WorkflowEngine, type RunView } from './workflow-engine.js';
export { WorkflowCatalog, type CatalogEntry } from './workflow-catalog.js';
export { loadWorkflowDefinition, type DefinitionContext } from './workflow-loader.js';
export { WorkflowDefinitionError, WorkflowInputError, WorkflowNotFoundError, WorkflowStateError } from './workflow-errors.js';
export type { WorkflowDefinition, WorkflowStep, Route } from './workflow-definition.js';
export type { WorkflowRun, StepState, WorkflowRequest, TimelineEntry } from './workflow-run-repo.js';
