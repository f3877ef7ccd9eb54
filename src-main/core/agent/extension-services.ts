/**
 * What is installed beside the agent — scheduled tasks, skills, MCP servers, workflows — as one object the
 * chat's commands (AgentDeps.extensions) and the request handlers (HandlerDeps.extensions) are
 * given. They are built after the agent, over its tool registry, so createAgent makes this holder
 * empty and installSchedules, installSkills, installMcp and installWorkflows each fill their slot.
 */
import type { ScheduleProposal } from '../../../src-preload/schemas/schedules.js';
import { StewardError } from '../errors.js';
import type { McpManager } from '../mcp/mcp-manager.js';
import type { Schedules } from '../schedules/install-schedules.js';
import type { SkillService } from '../skills/skill-service.js';
import type { Workflows } from '../workflows/install-workflows.js';

export class ExtensionServices {
  schedules: Schedules | null = null;
  skills: SkillService | null = null;
  /** The MCP client: servers the user added, their tools in the agent's registry, their prompts as slash commands. */
  mcp: McpManager | null = null;
  /** The workflow catalog and engine (the Workflows screen, /workflow, a sentence that starts one). */
  workflows: Workflows | null = null;
  /** What /schedule proposed in each conversation, saved on "/schedule yes". */
  readonly scheduleProposals = new Map<string, ScheduleProposal>();
}

/** Without an agent (or before it was installed) a request for these says what to do. */
function notRunning(what: string): StewardError {
  return new StewardError('conflict', `${what} the assistant, which is not running. Set up a model (Models) and restart Steward.`);
}

export function schedulesOf(extensions: ExtensionServices | null): Schedules {
  if (!extensions?.schedules) throw notRunning('Scheduled tasks need');
  return extensions.schedules;
}

export function skillsOf(extensions: ExtensionServices | null): SkillService {
  if (!extensions?.skills) throw notRunning('Skills need');
  return extensions.skills;
}

export function mcpOf(extensions: ExtensionServices | null): McpManager {
  if (!extensions?.mcp) throw notRunning('MCP servers need');
  return extensions.mcp;
}

export function workflowsOf(extensions: ExtensionServices | null): Workflows {
  if (!extensions?.workflows) throw notRunning('Workflows need');
  return extensions.workflows;
}
