/**
 * Starts the MCP client of a running core: the manager over the agent's tool registry, its
 * servers started in the background (a slow or broken server never delays start-up or the chat).
 */
import type { Core } from '../core-types.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { McpManager } from './mcp-manager.js';
import { registerMcp } from './mcp-registry.js';

export function installMcp(core: Core, registry: ToolRegistry): McpManager {
  const manager = new McpManager({
    db: core.db.raw,
    registry,
    secrets: core.secrets,
    now: () => core.clock.now(),
    // The loopback sign-in listener goes through the API like the local server's route: validated and audited.
    completeSignIn: (query) => core.call('mcp.oauth.complete', query, { actor: 'browser sign-in' }),
  });
  registerMcp(core, manager);
  void manager.startAll().catch((err: unknown) => core.log.warn('MCP servers could not be started', err));
  return manager;
}
