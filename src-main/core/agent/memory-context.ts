import type { MemoryPort } from './memory-port.js';
import { excerpt } from './prompt/token-estimate.js';

/**
 * Memory context for a prompt, never more than `budgetTokens`. Memory is a help, not a
 * dependency: when it fails the agent carries on without it (and logs why).
 */
export async function memoryContextFor(memory: MemoryPort | null, text: string, budgetTokens: number): Promise<string> {
  if (!memory || budgetTokens <= 0) return '';
  try {
    const context = await memory.contextFor(text, budgetTokens);
    return excerpt((typeof context === 'string' ? context : context.text).trim(), budgetTokens);
  } catch (err) {
    console.warn('[steward] business memory was unavailable for this prompt', err);
    return '';
  }
}
