/**
 * How long a context each sequence of the local model gets when the setting is 'auto': up to 32K
 * tokens where memory allows, without trading away parallel requests for it.
 *
 * Every sequence reserves its own full KV cache (pool-sizing.ts), so context length and the number
 * of parallel sequences compete for the same memory. The agent needs parallelism more than it needs
 * long contexts (Manager, Employee and Supervisor turns, memory extraction and the local API run at
 * the same time), so 'auto' takes the longest of 32K, 16K and 8K tokens (never beyond what the model
 * was trained for) at which a preferred number of sequences still fits; when none does, it keeps the
 * shortest and lets pool sizing shrink the sequence count, then node-llama-cpp shrink the context.
 */
import { chooseSequenceCount, usableBytes, type MemoryBudget } from './pool-sizing.js';

export type ContextSizeSetting = number | 'auto';

/** Per-sequence context lengths 'auto' tries, longest first. */
export const AUTO_CONTEXT_CANDIDATES = [32_768, 16_384, 8_192] as const;

/**
 * The context the model catalog and the hardware-fit check assume for 'auto': the length every
 * machine that can run the model gets, not the best case.
 */
export const WORKING_CONTEXT_TOKENS = 8_192;

/** A number for code that needs one (fit checks, recommendations): 'auto' counts as the working context. */
export function contextSizeForFit(setting: ContextSizeSetting): number {
  return setting === 'auto' ? WORKING_CONTEXT_TOKENS : setting;
}

export interface ContextPlanInput {
  setting: ContextSizeSetting;
  /** The model's trained context length. */
  trainContextSize: number;
  /** Parallel sequences: a number from the options, or 'auto' (pool-sizing.ts). */
  requestedSequences: number | 'auto';
  maxSequences: number;
  /** With 'auto' sequences, a context is only lengthened while at least this many sequences still fit. */
  preferredSequences: number;
  budget: MemoryBudget;
  /** Bytes a context of `sequences` sequences of `contextSize` tokens needs on `budget.kind`. */
  estimateBytes: (sequences: number, contextSize: number) => Promise<number>;
  reserveFraction?: number;
}

export interface ContextPlan {
  /** Context per sequence to ask node-llama-cpp for (it may still shrink it to fit). */
  contextSize: number;
  sequences: number;
  /** Why this context length, for info() and the Models screen. */
  contextReason: string;
  /** Why this many sequences. */
  sequencesReason: string;
}

const k = (tokens: number): string => (tokens % 1024 === 0 ? `${tokens / 1024}K` : String(tokens));

export async function planContext(input: ContextPlanInput): Promise<ContextPlan> {
  const size = (contextSize: number) =>
    chooseSequenceCount({
      requested: input.requestedSequences,
      maxSequences: input.maxSequences,
      budget: input.budget,
      estimateBytes: (sequences) => input.estimateBytes(sequences, contextSize),
      reserveFraction: input.reserveFraction,
    });

  if (input.setting !== 'auto') {
    const contextSize = Math.min(input.setting, input.trainContextSize);
    const sizing = await size(contextSize);
    const capped = contextSize < input.setting ? ` (the model was trained for ${k(input.trainContextSize)})` : '';
    return { contextSize, sequences: sizing.sequences, contextReason: `${k(contextSize)} tokens per sequence as configured${capped}`, sequencesReason: sizing.reason };
  }

  const candidates = [...new Set(AUTO_CONTEXT_CANDIDATES.map((c) => Math.min(c, input.trainContextSize)))];
  // With a fixed sequence count the question is only whether that many fit at this length.
  const wanted = input.requestedSequences === 'auto' ? Math.min(input.preferredSequences, input.maxSequences) : Math.max(1, Math.floor(input.requestedSequences));
  const usable = usableBytes(input.budget, input.reserveFraction);
  for (const contextSize of candidates) {
    if ((await input.estimateBytes(wanted, contextSize)) > usable) continue;
    const sizing = await size(contextSize);
    const longest = contextSize === candidates[0];
    const why = longest
      ? contextSize < AUTO_CONTEXT_CANDIDATES[0]
        ? `${k(contextSize)} tokens per sequence: the longest the model was trained for`
        : `${k(contextSize)} tokens per sequence: memory allows the longest automatic context`
      : `${k(contextSize)} tokens per sequence: a longer context would leave room for fewer than ${wanted} parallel sequence(s)`;
    return { contextSize, sequences: sizing.sequences, contextReason: why, sequencesReason: sizing.reason };
  }
  const shortest = candidates[candidates.length - 1]!;
  const sizing = await size(shortest);
  return {
    contextSize: shortest,
    sequences: sizing.sequences,
    contextReason: `${k(shortest)} tokens per sequence: memory is short, so the context may be shrunk further when it is created`,
    sequencesReason: sizing.reason,
  };
}
