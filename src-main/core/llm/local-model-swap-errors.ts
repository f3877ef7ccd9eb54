/** Errors of choosing another installed local model for a conversation (local-model-swap.ts). */
import { StewardError } from '../errors.js';

/** The chosen model did not load; the previous one stays in its place. */
export class LocalModelLoadFailedError extends StewardError {
  constructor(model: string, previous: string | null, reason: string, cause: unknown) {
    const stays = previous ? `The conversation stays on ${previous}.` : 'No other local model was loaded.';
    super('model_invalid', `${model} could not be loaded: ${reason} ${stays} Pick another model in the chat header, or check the file on the Models screen.`, { cause });
  }
}
