import type { AgentNeeds } from '../agent/agent-deps.js';
import type { Core } from '../core-types.js';
import { SkillService } from './skill-service.js';

/** Skills beside the agent (their allowed tools are checked against its registry), in its extensions. */
export function installSkills(core: Core, agent: AgentNeeds<'registry' | 'extensions'>): SkillService {
  const service = new SkillService(core, (name) => agent.registry.has(name));
  agent.extensions.skills = service;
  return service;
}
