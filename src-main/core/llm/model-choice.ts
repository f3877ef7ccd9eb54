/**
 * A conversation's model choice (chat header) as the model layer reads it: 'auto' lets the router
 * pick; 'cloud' is the cloud model in use (settings.llm.cloud); 'cloud:<provider>' is one configured
 * cloud provider (settings.llm.cloudProviders), whichever is the app's default; 'local' is the
 * default local model (settings.llm.localModel); 'local:<model>' is another installed local model,
 * loaded on demand in place of the current one.
 */
import type { ModelChoice } from '../../../src-preload/schemas/chat-controls.js';
import type { Slot } from './router/routing-rules.js';

export const LOCAL_CHOICE_PREFIX = 'local:';
export const CLOUD_CHOICE_PREFIX = 'cloud:';

/** The provider slot a choice pins calls to; undefined for 'auto'. */
export function slotOfChoice(choice: ModelChoice): Slot | undefined {
  if (choice === 'auto') return undefined;
  return choice === 'cloud' || choice.startsWith(CLOUD_CHOICE_PREFIX) ? 'cloud' : 'local';
}

/** The installed local model a choice names ('local:<model>'), or null for the default one / not local. */
export function localModelOfChoice(choice: ModelChoice): string | null {
  return choice.startsWith(LOCAL_CHOICE_PREFIX) ? choice.slice(LOCAL_CHOICE_PREFIX.length) : null;
}

/** The configured cloud provider a choice names ('cloud:<provider>'), or null for the one in use / not cloud. */
export function cloudProviderOfChoice(choice: ModelChoice): string | null {
  return choice.startsWith(CLOUD_CHOICE_PREFIX) ? choice.slice(CLOUD_CHOICE_PREFIX.length) : null;
}

export function localChoice(model: string): ModelChoice {
  return `${LOCAL_CHOICE_PREFIX}${model}` as ModelChoice;
}

export function cloudChoice(providerId: string): ModelChoice {
  return `${CLOUD_CHOICE_PREFIX}${providerId}` as ModelChoice;
}
