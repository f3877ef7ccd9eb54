import path from 'node:path';
import type { Core } from '../core-types.js';
import { StewardError } from '../errors.js';
import type { LlmProvider } from '../llm/provider.js';
import { PaymentLimits } from '../payments/payment-limits.js';
import { TransactionLedger } from '../payments/transaction-ledger.js';
import { ToolStarter } from '../payments/tool-starter.js';
import { ApprovalGate } from '../tools/approval-gate.js';
import { BudgetLedger } from '../tools/budget-ledger.js';
import { GrantStore } from '../tools/grant-store.js';
import { PermissionPolicy } from '../tools/permission-policy.js';
import { PermissionStore } from '../tools/permission-store.js';
import type { AnyTool } from '../tools/tool.js';
import { ToolCallRepo } from '../tools/tool-call-repo.js';
import { ToolRegistry } from '../tools/tool-registry.js';
import { ToolRunner } from '../tools/tool-runner.js';
import type { AgentDeps } from './agent-deps.js';
import { chatWorkflows } from './chat-workflows.js';
import { ExtensionServices } from './extension-services.js';
import { createBackgroundReply } from './background-reply.js';
import { ClarificationBroker } from './clarification-broker.js';
import type { MemoryPort } from './memory-port.js';
import { ModelCaller } from './model-caller.js';
import { HistoryWindowBuilder } from './prompt/history-window.js';
import { MessageProvenance } from './prompt/message-provenance.js';
import { slotOfConversation } from './conversation-model.js';
import { StewardAgent } from './steward-agent.js';
import { AgentTaskStore } from './tasks/agent-task-store.js';
import { JobSlots } from './tasks/job-slots.js';
import { TaskJobs } from './tasks/task-jobs.js';

export interface CreateAgentOptions {
  core: Core;
  provider: LlmProvider;
  tools: readonly AnyTool[];
  memory?: MemoryPort;
  /** Resume unfinished tasks now (default true); approvals that ran out meanwhile are expired either way. */
  recover?: boolean;
}

export class AgentSchemaMissingError extends StewardError {
  constructor(version: number) {
    super(
      'internal',
      `The agent’s tables are missing (database schema version ${version}). Register migration 0004-agent in src-main/core/store/migrations/index.ts and restart.`,
    );
  }
}

/**
 * Builds the agent over a running core. Install it with `core.conversations.setHandler(agent)`;
 * call `agent.close()` before `core.close()`.
 */
export function createAgent(options: CreateAgentOptions): StewardAgent {
  const { core } = options;
  const hasSchema = core.db.raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'task_steps'").get();
  if (!hasSchema) throw new AgentSchemaMissingError(core.db.schemaVersion);

  const now = () => core.clock.now();
  const { registry, gate, budget, calls, runner } = createToolPath(core, options.tools);
  const provenance = new MessageProvenance(core.db.raw);
  const slots = new JobSlots(
    () => core.settings.get().agent.maxConcurrentTasks,
    () => core.settings.get().agent.paused,
  );
  const extensions = new ExtensionServices();
  const deps: AgentDeps = {
    db: core.db,
    events: core.events,
    clock: core.clock,
    settings: core.settings,
    secrets: core.secrets,
    notifier: core.notifier,
    log: core.log,
    audit: core.audit,
    conversations: core.conversations,
    workspaceDir: core.paths.workspaceDir,
    extensions,
    workflows: chatWorkflows(core, options.provider, extensions),
    model: new ModelCaller(
      options.provider,
      budget,
      (conversationId) => slotOfConversation(core, conversationId),
      (conversationId, text) => core.events.emit({ type: 'agent.status', conversationId, taskId: null, role: 'manager', text }),
    ),
    registry,
    runner,
    gate,
    broker: new ClarificationBroker(core.db, core.events, core.clock),
    budget,
    tasks: new AgentTaskStore(core.db, core.events, core.clock),
    calls,
    slots,
    provenance,
    history: new HistoryWindowBuilder(core.db.raw, core.conversations.repo, provenance, now),
    memory: options.memory ?? null,
    people: core.people.repo,
  };
  const jobs = new TaskJobs(deps, (conversationId) => createBackgroundReply({ db: core.db, repo: core.conversations.repo, events: core.events, now }, conversationId));
  // A raised limit or a resumed agent hands free slots to waiting tasks at once.
  const unsubscribe = core.events.subscribe((event) => {
    if (event.type === 'settings.changed') slots.pump();
    // Its questions went with it (foreign key cascade): a task waiting on one can never resume.
    if (event.type === 'conversation.deleted') void jobs.conversationDeleted(event.conversationId);
  });
  let unregister = () => undefined as unknown;
  const agent = new StewardAgent(deps, jobs, () => {
    unsubscribe();
    unregister();
  });
  unregister = core.attachAgent({
    control: agent,
    extensions: deps.extensions,
    toolStarter: new ToolStarter({ runner, events: core.events, workspaceDir: path.join(core.paths.profileDir, 'workspaces', 'ui') }),
    tools: { registry, runner },
  });
  gate.start();
  if (options.recover !== false) jobs.recover();
  return agent;
}

/** The one tool-call path the agent, schedules, workflows and screens share: registry, permissions and grants, approval gate, budget, and the ToolRunner over them. */
function createToolPath(core: Core, tools: readonly AnyTool[]) {
  const now = () => core.clock.now();
  const permissions = new PermissionStore(core.db.raw, now);
  const grants = new GrantStore(core.db.raw, now);
  const registry = new ToolRegistry(permissions, grants);
  for (const tool of tools) registry.register(tool);
  const gate = new ApprovalGate({ db: core.db, events: core.events, clock: core.clock, settings: core.settings, registry, grants, secrets: core.secrets, twoFactor: core.twoFactor, audit: core.audit });
  const budget = new BudgetLedger(core.db.raw, core.events, core.clock, core.settings);
  const calls = new ToolCallRepo(core.db.raw, now);
  const runner = new ToolRunner({
    db: core.db,
    events: core.events,
    registry,
    policy: new PermissionPolicy(registry, grants, core.secrets),
    gate,
    budget,
    audit: core.audit,
    calls,
    settings: core.settings,
    secrets: core.secrets,
    sharedWorkspaceDir: core.paths.workspaceDir,
    payments: new PaymentLimits(new TransactionLedger(core.db.raw, core.clock), core.settings, core.events),
  });
  return { registry, gate, budget, calls, runner };
}
