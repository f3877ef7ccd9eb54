import type { ToolRegistry } from '../tools/tool-registry.js';
import type { ToolRunner } from '../tools/tool-runner.js';
import type { ToolStarter } from '../payments/tool-starter.js';
import type { AgentControl } from './agent-control.js';
import type { ExtensionServices } from './extension-services.js';

/**
 * The running assistant as the core holds it (createAgent attaches it): what the request handlers
 * and the hosts use of it, each named. Without an agent there is none, and those requests say so.
 */
export interface AttachedAgent {
  /** Approvals, questions, tasks and tool settings (the agent requests and the chat's slash commands). */
  control: AgentControl;
  /** Schedules, skills and MCP servers installed beside the agent. */
  extensions: ExtensionServices;
  /** Starts a tool call on the user's behalf through the agent's ToolRunner (the Payments view's refund). */
  toolStarter: ToolStarter;
  /** Steward's own MCP server exports these tools and runs them through this one tool-call path. */
  tools: { registry: ToolRegistry; runner: ToolRunner };
}
