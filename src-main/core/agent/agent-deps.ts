import type { EventBus } from '../events.js';
import type { Logger } from '../logging/logger.js';
import type { Clock, Notifier, SecretStore } from '../ports.js';
import type { AuditLog } from '../store/audit-log.js';
import type { StewardDatabase } from '../store/database.js';
import type { SettingsStore } from '../store/settings-store.js';
import type { ApprovalGate } from '../tools/approval-gate.js';
import type { BudgetLedger } from '../tools/budget-ledger.js';
import type { ToolCallRepo } from '../tools/tool-call-repo.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import type { ToolRunner } from '../tools/tool-runner.js';
import type { PeopleRepo } from '../people/people-repo.js';
import type { ChatWorkflows } from './chat-workflows.js';
import type { ClarificationBroker } from './clarification-broker.js';
import type { ConversationService } from './conversation-service.js';
import type { ExtensionServices } from './extension-services.js';
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
  // The core's own services the agent uses, each by name (createAgent takes them from the core).
  db: StewardDatabase;
  events: EventBus;
  clock: Clock;
  settings: SettingsStore;
  secrets: SecretStore;
  notifier: Notifier;
  log: Logger;
  audit: AuditLog;
  conversations: ConversationService;
  /** The shared workspace folder (tasks get their own folders inside it). */
  workspaceDir: string;
  /** Schedules, skills and MCP servers installed beside the agent (the chat's commands use them). */
  extensions: ExtensionServices;
  workflows: ChatWorkflows;
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
