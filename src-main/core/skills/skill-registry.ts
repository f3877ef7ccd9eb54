/** Which skill service serves a core, for the request handlers and the chat's slash commands. */
import type { Core } from '../core-types.js';
import { StewardError } from '../errors.js';
import type { SkillService } from './skill-service.js';

const services = new WeakMap<Core, SkillService>();

export function registerSkills(core: Core, service: SkillService): void {
  services.set(core, service);
}

export function findSkills(core: Core): SkillService | null {
  return services.get(core) ?? null;
}

export function skillsFor(core: Core): SkillService {
  const found = services.get(core);
  if (!found) throw new StewardError('conflict', 'Skills need the assistant, which is not running. Set up a model (Models) and restart Steward.');
  return found;
}
