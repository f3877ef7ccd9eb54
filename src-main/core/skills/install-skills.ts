import type { Core } from '../core-types.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { registerSkills } from './skill-registry.js';
import { SkillService } from './skill-service.js';

/** Skills for a running core with an agent (their allowed tools are checked against its registry). */
export function installSkills(core: Core, registry: ToolRegistry): SkillService {
  const service = new SkillService(core, (name) => registry.has(name));
  registerSkills(core, service);
  return service;
}
