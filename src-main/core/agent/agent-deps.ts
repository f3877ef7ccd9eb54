import type { Core } from '../core-types.js';
import type { ApprovalGate } from '../tools/approval-gate.js';
import type { BudgetLedger } from '../tools/budget-ledger.js';
import type { ToolCallRepo } from '../tools/tool-call-repo.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import type { ToolRunner } from '../tools/tool-runner.js';
import type { ClarificationBroker } from './clarification-broker.js';
import type { MemoryPort } from './memory-port.js';
import type { ModelCaller } from './model-caller.js';
import type { HistoryWindowBuilder } from './prompt/history-window.js';
import type { MessageProvenance } from './prompt/message-provenance.js';
import type { AgentTaskStore } from './tasks/agent-task-store.js';
import type { JobSlots } from './tasks/job-slots.js';

/** Everything the agent's parts share; built once by createAgent. */
export interface AgentDeps {
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
}
