import type { Core } from '../core-types.js';
import type { ApprovalGate } from '../tools/approval-gate.js';
import type { BudgetLedger } from '../tools/budget-ledger.js';
import type { ToolCallRepo } from '../tools/tool-call-repo.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import type { ToolRunner } from '../tools/tool-runner.js';
import type { PeopleRepo } from '../people/people-repo.js';
import type { ClarificationBroker } from './clarification-broker.js';
import type { MemoryPort } from './memory-port.js';
import type { ModelCaller } from './model-caller.js';
import type { HistoryWindowBuilder } from './prompt/history-window.js';
import type { MessageProvenance } from './prompt/message-provenance.js';
import type { AgentTaskStore } from './tasks/agent-task-store.js';
import type { JobSlots } from './tasks/job-slots.js';

/**
 * Everything the agent's parts share; built once by createAgent. Only the orchestrators
 * (StewardAgent, TaskJobs, RunningTask) hold all of it; every other part names what it uses
 * with AgentNeeds, so a reader (and a test) sees its dependencies at the signature.
 */
export interface AgentDeps {
  /**
   * The whole core, not a slice of it: the chat's schedule, skill and MCP commands find their
   * services by it (schedules/schedule-registry.ts, skills/skill-registry.ts, mcp/mcp-registry.ts).
   */
  core: Core;
  model: ModelCaller;
  registry: ToolRegistry;
  runner: ToolRunner;
  gate: ApprovalGate;
  broker: ClarificationBroker;
  budget: BudgetLedger;
  tasks: AgentTaskStore;
  calls: ToolCallRepo;
  slots: JobSlots;
  provenance: MessageProvenance;
  history: HistoryWindowBuilder;
  memory: MemoryPort | null;
  /** The people a chat acts for: each tool call a task makes is checked against its person's role. */
  people: Pick<PeopleRepo, 'get'>;
}

/** The services one part of the agent uses, by name: `AgentNeeds<'model' | 'registry'>`. */
export type AgentNeeds<K extends keyof AgentDeps> = Pick<AgentDeps, K>;
