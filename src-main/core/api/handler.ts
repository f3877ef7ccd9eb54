/**
 * One request handler: what it needs (HandlerDeps), and whether it runs inside the dispatcher's
 * transaction. Every module in handlers/ builds its entries with the `sync` and `async` of
 * `handlersUsing<...>()`, naming the services it uses, so it can be run (and tested) with just
 * those; its table is spread into the one in handlers.ts.
 */
import type { CallContext, Core } from '../core-types.js';
import type { AgentControl } from '../agent/agent-control.js';
import type { ExtensionServices } from '../agent/extension-services.js';
import type { IntegrationService } from '../integrations/integration-service.js';
import type { ToolStarter } from '../payments/tool-starter.js';
import type { TwoFactorService } from '../security/two-factor/two-factor-service.js';
import type { AgentTaskStore } from '../agent/tasks/agent-task-store.js';
import type { createModelHandlers } from './handlers/models.js';

/** The services a request handler may use; the composition root (app.ts) passes them in. */
export interface HandlerDeps {
  core: Core;
  tasks: AgentTaskStore;
  models: ReturnType<typeof createModelHandlers>;
  /** The running assistant, or null when none is (agent requests then say so). */
  agent: AgentControl | null;
  twoFactor: TwoFactorService;
  /** Schedules, skills and MCP servers installed beside the assistant; null when none is running. */
  extensions: ExtensionServices | null;
  /** Starts a tool call through the assistant's approval path (the Payments view's refund); null when none is running. */
  toolStarter: ToolStarter | null;
  /** Status, keys, tests and sign-ins of the Integrations screen (it keeps the last test results). */
  integrations: IntegrationService;
}

export type HandlerRun<I, O, D = HandlerDeps> = (input: I, deps: D, context: CallContext) => O;

/**
 * Synchronous handlers run inside one database transaction together with their audit row;
 * asynchronous ones (keychain probes, anything that awaits) run outside it.
 */
export type HandlerOf<I, O, D = HandlerDeps> = { kind: 'sync'; run: HandlerRun<I, O, D> } | { kind: 'async'; run: HandlerRun<I, Promise<O>, D> };

/** `sync` and `async` handler builders for handlers that use only the services named in K. */
export function handlersUsing<K extends keyof HandlerDeps>() {
  type Deps = Pick<HandlerDeps, K>;
  return {
    sync: <I, O>(run: HandlerRun<I, O, Deps>) => ({ kind: 'sync' as const, run }),
    async: <I, O>(run: HandlerRun<I, Promise<O>, Deps>) => ({ kind: 'async' as const, run }),
  };
}

/** The builders for handlers that may use every service (the table in handlers.ts). */
export const { sync, async } = handlersUsing<keyof HandlerDeps>();
