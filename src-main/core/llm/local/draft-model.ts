/**
 * Speculative decoding: a small draft model with the same vocabulary guesses the next tokens, the
 * main model checks a whole run of guesses in one batch, and every accepted guess saves one
 * sequential decode step of the big model. node-llama-cpp 3.22 supports this through
 * DraftSequenceTokenPredictor, one draft sequence per main sequence.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DraftSequenceTokenPredictor, type Llama, type LlamaContext, type LlamaModel, type TokenPredictor } from 'node-llama-cpp';
import { assertCompleteGguf } from './gguf-header.js';

export interface DraftModelOptions {
  /**
   * Guesses to wait for before each main-model step. node-llama-cpp's default (0) never waits:
   * the draft runs alongside and whatever it has guessed by then is checked. When both models
   * share the same CPU cores the draft is rarely ahead, so nothing gets checked. Default 1.
   */
  minDraftTokens?: number;
  /**
   * Longest run of guesses per step. Default 1, because of a bug in node-llama-cpp 3.22.1
   * (LlamaContextSequence._evaluate, dist/evaluator/LlamaContext/LlamaContext.js): the list
   * `validatedTokens` it compares the 2nd, 3rd… guess against is never filled, so every guess
   * after the first in a run is refuted and its evaluation wasted — measured with a draft
   * identical to the main model: 4-token runs gave validated 24 / refuted 48, 1-token runs
   * validated 30 / refuted 0. With `validatedTokens.push([evalTokens[i], resultToken])` added
   * after a validated guess, 4-token runs are accepted in full. scripts/patch-node-llama-cpp.mjs
   * adds that line at install; when it is present the default is 8.
   */
  maxDraftTokens?: number;
  /** Stop guessing below this draft confidence (node-llama-cpp default 0.6). */
  minConfidence?: number;
}

export interface DraftModel {
  model: LlamaModel;
  context: LlamaContext;
  /** A fresh predictor bound to its own draft sequence; call once per main sequence. */
  createPredictor(): TokenPredictor;
}

/** Marker written by scripts/patch-node-llama-cpp.mjs next to its one-line fix. */
const PATCH_MARKER = '/* steward: validated draft token */';
let fixApplied: boolean | null = null;

/** Whether the installed node-llama-cpp keeps validated draft tokens (see DraftModelOptions.maxDraftTokens). */
export function draftRunFixApplied(): boolean {
  if (fixApplied !== null) return fixApplied;
  try {
    const entry = createRequire(import.meta.url).resolve('node-llama-cpp');
    const file = path.join(path.dirname(entry), 'evaluator', 'LlamaContext', 'LlamaContext.js');
    fixApplied = readFileSync(file, 'utf8').includes(PATCH_MARKER);
  } catch {
    fixApplied = false;
  }
  return fixApplied;
}

/** Longest guess run per step: 8 with the fix (measured 1.69× decode on CPU), else 1 (longer runs are slower). */
export const defaultMaxDraftTokens = (): number => (draftRunFixApplied() ? 8 : 1);

const VOCAB_PROBE = 'Steward vocabulary probe: {"ok": true}, 123 — ünïcödé.';

/** Two models can share drafts only if they tokenize identically. */
export function vocabulariesMatch(a: LlamaModel, b: LlamaModel): boolean {
  const ta = a.tokenize(VOCAB_PROBE);
  const tb = b.tokenize(VOCAB_PROBE);
  return ta.length === tb.length && ta.every((t, i) => t === tb[i]) && a.tokens.bos === b.tokens.bos && a.tokens.eos === b.tokens.eos;
}

/**
 * Loads the draft model with a context of `sequences` sequences. Returns a reason instead of a
 * model when it cannot be used, so the provider runs without speculation rather than failing.
 */
export async function loadDraftModel(
  llama: Llama,
  draftPath: string,
  target: LlamaModel,
  shape: { sequences: number; contextSize: number; threads?: number },
  options: DraftModelOptions = {},
): Promise<{ draft: DraftModel; reason: string } | { draft: null; reason: string }> {
  await assertCompleteGguf(draftPath, { role: 'draft' });
  const model = await llama.loadModel({ modelPath: draftPath, gpuLayers: 'auto' });
  if (!vocabulariesMatch(model, target)) {
    await model.dispose();
    return { draft: null, reason: 'speculative decoding off: the draft model uses a different vocabulary than the main model' };
  }
  // The draft evaluates the same tokens as the main sequence, so it needs the same context size.
  const context = await model.createContext({ sequences: shape.sequences, contextSize: shape.contextSize, threads: shape.threads });
  return {
    draft: {
      model,
      context,
      createPredictor: () =>
        new DraftSequenceTokenPredictor(context.getSequence(), {
          minTokens: options.minDraftTokens ?? 1,
          maxTokens: options.maxDraftTokens ?? defaultMaxDraftTokens(),
          minConfidence: options.minConfidence,
        }),
    },
    reason: `speculative decoding on with draft model ${model.filename ?? draftPath}`,
  };
}
