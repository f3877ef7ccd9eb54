/**
 * Which MCP manager serves a core, for the request handlers and the slash commands (Core has no
 * field for it). A core without an agent has no tool registry, hence no MCP client.
 */
import type { Core } from '../core-types.js';
import { StewardError } from '../errors.js';
import type { McpManager } from './mcp-manager.js';

const managers = new WeakMap<Core, McpManager>();

export function registerMcp(core: Core, manager: McpManager): void {
  managers.set(core, manager);
}

export function findMcp(core: Core): McpManager | null {
  return managers.get(core) ?? null;
}

export function mcpFor(core: Core): McpManager {
  const manager = managers.get(core);
  if (!manager) throw new StewardError('conflict', 'MCP servers need the assistant, which is not running. Set up a model (Models) and restart Steward.');
  return manager;
}
