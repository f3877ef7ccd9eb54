/**
 * Starts the MCP client of a running core: the manager over the agent's tool registry, its
 * servers started in the background (a slow or broken server never delays start-up or the chat).
 */
import type { AgentNeeds } from '../agent/agent-deps.js';
import type { Core } from '../core-types.js';
import { McpManager } from './mcp-manager.js';

/** Installs the manager beside the agent, in its extensions (the MCP screen's requests and the chat's prompt commands use it there). */
export function installMcp(core: Core, agent: AgentNeeds<'registry' | 'extensions'>): McpManager {
  const manager = new McpManager({
    db: core.db.raw,
    registry: agent.registry,
    secrets: core.secrets,
    now: () => core.clock.now(),
    // The loopback sign-in listener goes through the API like the local server's route: validated and audited.
    completeSignIn: (query) => core.call('mcp.oauth.complete', query, { actor: 'browser sign-in' }),
  });
  agent.extensions.mcp = manager;
  void manager.startAll().catch((err: unknown) => core.log.warn('MCP servers could not be started', err));
  return manager;
}
