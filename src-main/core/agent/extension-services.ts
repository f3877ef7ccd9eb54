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

type Slot = 'schedules' | 'skills' | 'mcp' | 'workflows';

const NEEDS: Record<Slot, string> = { schedules: 'Scheduled tasks need', skills: 'Skills need', mcp: 'MCP servers need', workflows: 'Workflows need' };

/** The installed service in `slot`; without an agent (or before it was installed) the request says what to do. */
function installed<K extends Slot>(extensions: ExtensionServices | null, slot: K): NonNullable<ExtensionServices[K]> {
  const service = extensions?.[slot];
  if (!service) throw new StewardError('conflict', `${NEEDS[slot]} the assistant, which is not running. Set up a model (Models) and restart Steward.`);
  return service as NonNullable<ExtensionServices[K]>;
}

export const schedulesOf = (extensions: ExtensionServices | null): Schedules => installed(extensions, 'schedules');
export const skillsOf = (extensions: ExtensionServices | null): SkillService => installed(extensions, 'skills');
export const mcpOf = (extensions: ExtensionServices | null): McpManager => installed(extensions, 'mcp');
export const workflowsOf = (extensions: ExtensionServices | null): Workflows => installed(extensions, 'workflows');
