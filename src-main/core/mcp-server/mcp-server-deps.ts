/** The agent parts Steward's own MCP server needs (its tools and the one tool-call path), per core. */
import type { AgentControl } from '../agent/agent-control.js';
import type { Core } from '../core-types.js';
import { StewardError } from '../errors.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import type { ToolRunner } from '../tools/tool-runner.js';

export interface McpServerDeps {
  registry: ToolRegistry;
  runner: ToolRunner;
  /** Rejects an approval nobody answered in time, so it does not stay open in Steward's UI. */
  approvals: Pick<AgentControl, 'respondApproval'>;
}

const deps = new WeakMap<Core, McpServerDeps>();

export function registerMcpServerDeps(core: Core, value: McpServerDeps): void {
  deps.set(core, value);
}

export function mcpServerDepsFor(core: Core): McpServerDeps {
  const found = deps.get(core);
  if (!found) throw new StewardError('conflict', 'Steward’s MCP server needs the assistant, which is not running. Set up a model (Models) and restart Steward.');
  return found;
}
