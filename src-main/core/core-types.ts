/**
 * The public shape of the running core, as seen by hosts and tests. Kept apart from app.ts so
 * hosts can depend on the type without pulling in the composition root.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../src-preload/contract.js';
import type { AppPaths } from './paths.js';
import type { EventBus } from './events.js';
import type { SecretStore, Notifier, Clock, HostFiles } from './ports.js';
import type { DemoLauncher } from './demo/demo-launcher.js';
import type { StewardDatabase } from './store/database.js';
import type { AuditLog } from './store/audit-log.js';
import type { SettingsStore } from './store/settings-store.js';
import type { ConversationService } from './agent/conversation-service.js';
import type { LlmService } from './llm/llm-service.js';
import type { Memory } from './memory/memory.js';
import type { KnowledgeService } from './knowledge/knowledge-service.js';
import type { PeopleService } from './people/people-service.js';
import type { Logger } from './logging/logger.js';
import type { AttachedAgent } from './agent/attached-agent.js';
import type { TwoFactorService } from './security/two-factor/two-factor-service.js';

export type HostKind = 'electron' | 'server' | 'cli' | 'test';

export interface CoreConfig {
  profile: string;
  host: HostKind;
  version: string;
  /** Overrides the OS-convention data directory (STEWARD_HOME does the same from the environment). */
  dataDir?: string;
  /** `scripted:/path/script.json` answers with a scripted model instead of a local GGUF (tests, demos). */
  providerSpec?: string;
  /** Load and warm the local model in the background at start-up. Default true outside tests. */
  warmUpModels?: boolean;
  /** Install the Steward agent as the conversation handler (default true; agent tests install their own). */
  installAgent?: boolean;
}

/** Who made a request: recorded in audit rows. */
export interface CallContext {
  actor: string;
  /** The signed-in person making the request (local server with a person's token); absent: the owner at this computer. */
  personId?: string;
}

export interface Core {
  readonly config: CoreConfig;
  readonly paths: AppPaths;
  readonly events: EventBus;
  readonly db: StewardDatabase;
  readonly audit: AuditLog;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly notifier: Notifier;
  /** The desktop app's native file dialog and "show in folder"; null in the server, CLI and tests. */
  readonly hostFiles: HostFiles | null;
  /** Starts the demo beside this profile ("Try the demo"); the local server's port, null elsewhere. */
  readonly demoLauncher: DemoLauncher | null;
  readonly clock: Clock;
  /** The log (a rotating file in the profile's logs folder unless the host says otherwise); secrets are redacted at this port. */
  readonly log: Logger;
  readonly conversations: ConversationService;
  /** The model layer: `llm.router` is the LlmProvider every caller uses. */
  readonly llm: LlmService;
  /** Business memory: facts, entities and episodes learned from conversation. */
  readonly memory: Memory;
  /** Knowledge folders: documents indexed for answers with citations (Knowledge screen). */
  readonly knowledge: KnowledgeService;
  /** The owner's people: profiles, roles, departments and sign-in sessions (RBAC for tools, memory, approvals). */
  readonly people: PeopleService;
  /** Two-factor codes (Settings → Security); the one instance the approval gate and the requests share. */
  readonly twoFactor: TwoFactorService;
  /**
   * Makes `agent` the one that answers approval, question and tool requests, with what was
   * installed beside it (createAgent does this for the agent it builds); the returned function
   * detaches it again.
   */
  attachAgent(agent: AttachedAgent): () => void;
  /** The attached assistant, or null: for hosts (Steward's own MCP server, the MCP sign-in address). */
  assistant(): AttachedAgent | null;
  /** Validates input against the contract, runs the handler, audits state changes. */
  call<M extends MethodName>(method: M, input: unknown, context: CallContext): Promise<MethodOutput<M>>;
  /** Typed convenience for in-process callers (CLI, tests). */
  request<M extends MethodName>(method: M, input: MethodInput<M>, context?: CallContext): Promise<MethodOutput<M>>;
  close(): Promise<void>;
}
