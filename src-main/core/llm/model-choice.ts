/**
 * A conversation's model choice (chat header) as the model layer reads it: 'auto' lets the router
 * pick; 'cloud' is the cloud model; 'local' is the default local model (settings.llm.localModel);
 * 'local:<model>' is another installed local model, loaded on demand in place of the current one.
 */
import type { ModelChoice } from '../../../src-preload/schemas/chat-controls.js';
import type { Slot } from './router/routing-rules.js';

export const LOCAL_CHOICE_PREFIX = 'local:';

/** The provider slot a choice pins calls to; undefined for 'auto'. */
export function slotOfChoice(choice: ModelChoice): Slot | undefined {
  if (choice === 'auto') return undefined;
  return choice === 'cloud' ? 'cloud' : 'local';
}

/** The installed local model a choice names ('local:<model>'), or null for the default one / not local. */
export function localModelOfChoice(choice: ModelChoice): string | null {
  return choice.startsWith(LOCAL_CHOICE_PREFIX) ? choice.slice(LOCAL_CHOICE_PREFIX.length) : null;
}

export function localChoice(model: string): ModelChoice {
  return `${LOCAL_CHOICE_PREFIX}${model}` as ModelChoice;
}
