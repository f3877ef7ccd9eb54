/** The people service of a running core (one per core, made on first use: RBAC needs it with or without the agent). */
import type { Core } from '../core-types.js';
import { PeopleService } from './people-service.js';

const services = new WeakMap<Core, PeopleService>();

export function peopleFor(core: Core): PeopleService {
  let service = services.get(core);
  if (!service) {
    service = new PeopleService(core.db.raw, () => core.clock.now());
    services.set(core, service);
  }
  return service;
}
