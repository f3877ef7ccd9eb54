/**
 * Which provider answers first, and which may take over when it fails. Pure functions of the
 * settings and what is installed, so the whole policy is testable without a model.
 *
 * Rules: only the Manager's planning goes to the cloud, and only when the call looks at least as
 * hard as settings.llm.routing.cloudComplexityThreshold and the cloud is enabled. Everything else
 * (Employee, Supervisor, questions, intents, memory, conversation) stays local: private and free.
 * A missing provider counts as a failed one: its work moves to the other only where the matching
 * allowFallbackTo… setting permits.
 */
import type { CallerRole } from '../provider.js';
import { ChosenModelUnavailableError, NoModelConfiguredError } from './router-errors.js';

export type Slot = 'local' | 'cloud';

export interface RoutingSettings {
  cloudEnabled: boolean;
  cloudComplexityThreshold: number;
  allowFallbackToCloud: boolean;
  allowFallbackToLocal: boolean;
}

export interface Availability {
  local: boolean;
  /** A cloud provider exists (it may still be disabled in settings). */
  cloud: boolean;
}

export function preferredSlot(role: CallerRole | undefined, complexity: number, settings: RoutingSettings): Slot {
  return settings.cloudEnabled && role === 'manager' && complexity >= settings.cloudComplexityThreshold ? 'cloud' : 'local';
}

/** The providers to try, in order: the preferred one, then the other if a fallback is allowed. */
export function routePlan(role: CallerRole | undefined, complexity: number, settings: RoutingSettings, available: Availability): Slot[] {
  const usable = { local: available.local, cloud: available.cloud && settings.cloudEnabled };
  const first = preferredSlot(role, complexity, settings);
  const second: Slot = first === 'local' ? 'cloud' : 'local';
  const mayMoveTo = (slot: Slot) => usable[slot] && (slot === 'cloud' ? settings.allowFallbackToCloud : settings.allowFallbackToLocal);
  const plan: Slot[] = [];
  if (usable[first]) plan.push(first);
  if (mayMoveTo(second)) plan.push(second);
  if (plan.length === 0) throw new NoModelConfiguredError({ localInstalled: available.local, cloudConfigured: available.cloud, cloudEnabled: settings.cloudEnabled, blockedBySetting: usable[second] });
  return plan;
}

/**
 * The plan when the user chose the model for a conversation: that provider alone. Fallback would
 * answer with the model they did not choose (a cloud model they kept a conversation away from).
 */
export function pinnedPlan(slot: Slot, settings: RoutingSettings, available: Availability): Slot[] {
  if (slot === 'local' && !available.local) {
    throw new ChosenModelUnavailableError('This conversation is set to answer with the local model, but no local model is installed. Install one on the Models screen, or pick another model in the chat header.');
  }
  if (slot === 'cloud' && !(available.cloud && settings.cloudEnabled)) {
    throw new ChosenModelUnavailableError('This conversation is set to answer with the cloud model, but no cloud model is connected. Connect one under Integrations › Cloud model, or pick another model in the chat header.');
  }
  return [slot];
}
