import type { Logger } from '../logging/logger.js';
import type { MemoryPort, ReplyCitation } from './memory-port.js';
import { excerpt } from './prompt/token-estimate.js';

export interface MemoryPromptContext {
  text: string;
  /** Untrusted origins of what was included (facts and past turns read in emails, files, pasted text). */
  origins: string[];
  /** Knowledge passages the reply may cite ([n]); empty when none were included. */
  citations?: readonly ReplyCitation[];
  /** Those passages as the prompt holds them (wrapped as untrusted); absent when none. */
  passages?: string;
}

/**
 * Memory context for a prompt, never more than `budgetTokens`, with the origins of anything in it
 * that came from untrusted text: they taint the turn like any other untrusted text (a fact learned
 * from an email does not become "what the user said" by passing through memory). Memory is a
 * help, not a dependency: when it fails the agent carries on without it (and logs why).
 */
export async function memoryContextFor(memory: MemoryPort | null, text: string, budgetTokens: number, log: Pick<Logger, 'warn'>, options: { companyOnly?: boolean } = {}): Promise<MemoryPromptContext> {
  if (!memory || budgetTokens <= 0) return { text: '', origins: [] };
  try {
    const context = await memory.contextFor(text, budgetTokens, options);
    if (typeof context === 'string') return { text: excerpt(context.trim(), budgetTokens), origins: [] };
    const origins = [
      ...(context.facts ?? []).flatMap((f) => (f.origin ? [`a memory fact learned from ${f.origin}`] : [])),
      ...(context.episodes ?? []).flatMap((e) => (e.origin ? [`an earlier conversation that quoted ${e.origin}`] : [])),
      ...(context.sources ?? []).map((source) => source.origin),
    ];
    return { text: excerpt(context.text.trim(), budgetTokens), origins: [...new Set(origins)], citations: context.citations ?? [], ...(context.passages && { passages: context.passages }) };
  } catch (err) {
    log.warn('business memory was unavailable for this prompt', err);
    return { text: '', origins: [] };
  }
}
