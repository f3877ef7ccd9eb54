import type { Core } from '../../core-types.js';
import { TwoFactorService } from './two-factor-service.js';

/**
 * The two-factor service of a running core, for the request handlers (Core has no field for it).
 * Every instance over the same database shares its state, so the approval gate may hold its own.
 */
const services = new WeakMap<Core, TwoFactorService>();

export function twoFactorFor(core: Core): TwoFactorService {
  let service = services.get(core);
  if (!service) {
    service = new TwoFactorService({ db: core.db.raw, secrets: core.secrets, clock: core.clock, settings: core.settings, accountLabel: core.config.profile });
    services.set(core, service);
  }
  return service;
}
