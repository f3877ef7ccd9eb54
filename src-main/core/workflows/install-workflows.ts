/** Starts the workflow engine for a running core with an agent: catalog, engine over the ToolRunner, and recovery of unfinished runs. */
import type { AgentNeeds } from '../agent/agent-deps.js';
import type { Core } from '../core-types.js';
import { runnerToolPort } from './runner-tool-port.js';
import { WorkflowCatalog } from './workflow-catalog.js';
import { WorkflowEngine } from './workflow-engine.js';
import { WorkflowRunRepo } from './workflow-run-repo.js';

export interface Workflows {
  catalog: WorkflowCatalog;
  engine: WorkflowEngine;
}

/** Installs them beside the agent, in its extensions (the Workflows screen's requests and the chat use them there). */
export function installWorkflows(core: Core, deps: AgentNeeds<'registry' | 'runner' | 'extensions'>, options: { resume?: boolean } = {}): Workflows {
  const now = () => core.clock.now();
  const people = core.people;
  // The desktop app's user is the owner: make sure the profile exists before any routing is checked.
  people.owner();
  const catalog = new WorkflowCatalog(core.db.raw, () => ({ hasTool: (name) => deps.registry.find(name) !== null, holdersOf: (route) => people.holdersOf(route).length }), now);
  const engine = new WorkflowEngine({
    repo: new WorkflowRunRepo(core.db.raw, now),
    tools: runnerToolPort(deps.registry, deps.runner, core.paths.workspaceDir),
    people: { get: (id) => people.repo.get(id), holdersOf: (route) => people.holdersOf(route) },
    notifier: core.notifier,
    audit: core.audit,
    now,
    log: (message, err) => core.log.warn(message, err),
    withdrawApprovals: (runId, by) => withdrawRunApprovals(core, runId, by),
  });
  const workflows = { catalog, engine };
  deps.extensions.workflows = workflows;
  if (options.resume !== false) {
    const resumed = engine.resumeAll();
    if (resumed.length > 0) core.log.info(`workflows: resumed ${resumed.length} unfinished run(s)`);
  }
  return workflows;
}

/** The pending approval cards of a run's tool calls (call keys workflow:<run>:…), rejected in the name of whoever stopped the run. */
function withdrawRunApprovals(core: Core, runId: string, by: string): void {
  const pending = core.db.raw
    .prepare("SELECT a.id FROM approvals a JOIN tool_calls c ON c.approval_id = a.id WHERE c.task_id IS NULL AND c.call_key LIKE ? AND a.status = 'pending'")
    .all(`workflow:${runId}:%`) as { id: string }[];
  for (const { id } of pending) {
    void core.request('approvals.respond', { id, decision: 'reject' }, { actor: `system:workflow stopped by ${by}` }).catch((err: unknown) => core.log.warn('workflows: could not withdraw the approval card of a stopped run', err));
  }
}
