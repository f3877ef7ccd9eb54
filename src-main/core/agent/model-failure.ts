import { StewardError, toStewardError } from '../errors.js';
import { InvalidModelOutputError } from '../llm/llm-errors.js';

/**
 * What the chat says when a model call fails. A model that could not produce the expected JSON
 * (after the one repair attempt its provider makes) gets a plain explanation instead of a schema
 * dump; other provider errors already carry a user message that names the fix.
 */
export function describeModelFailure(err: unknown, what: string): string {
  if (err instanceof InvalidModelOutputError) {
    return `I couldn’t ${what}: the model’s answer wasn’t in the format I need, even after asking it to fix it once. Nothing was done. Try rephrasing, or switch to a larger model on the Models screen.`;
  }
  const error = toStewardError(err);
  if (error instanceof StewardError && error.code === 'cancelled') return `Stopped: ${error.userMessage}`;
  return `I couldn’t ${what}: ${error.userMessage}`;
}
