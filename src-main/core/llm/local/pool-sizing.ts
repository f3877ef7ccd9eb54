/**
 * How many parallel sequences the local model gets.
 *
 * In llama.cpp (and so node-llama-cpp) every sequence of a context reserves its own full KV cache:
 * a context of S sequences at C tokens costs about S × (KV bytes per token × C) plus a shared
 * compute graph. The sizing keeps the configured per-sequence context C and takes the largest S
 * (up to `maxSequences`) whose estimate fits the free memory — VRAM when layers are offloaded to a
 * GPU, RAM otherwise — after holding back `reserveFraction` for everything else on the machine.
 * When not even one full-size sequence fits, one sequence is used and node-llama-cpp's context
 * auto-fit shrinks C. The estimate is node-llama-cpp's own (GgufInsights
 * .estimateContextResourceRequirementsV2), the same one it uses to refuse contexts that will not fit.
 */

export interface MemoryBudget {
  /** Free bytes where the KV cache will live. */
  freeBytes: number;
  /** 'vram' when the model is (partly) on a GPU, else 'ram'. */
  kind: 'vram' | 'ram';
}

export interface SequenceSizingInput {
  requested: number | 'auto';
  maxSequences: number;
  budget: MemoryBudget;
  /** Bytes a context with `sequences` sequences at the configured context size needs on `budget.kind`. */
  estimateBytes: (sequences: number) => Promise<number>;
  /** Share of the free memory left for everything else (other apps, the app itself). Default 0.2. */
  reserveFraction?: number;
}

export interface SequenceSizing {
  sequences: number;
  /** Human-readable explanation, shown in info() and logs. */
  reason: string;
}

const MIB = 1024 * 1024;

/** Free bytes a context may take: what is free, less the share held back for everything else (default 20%). */
export function usableBytes(budget: MemoryBudget, reserveFraction = 0.2): number {
  return Math.max(0, budget.freeBytes * (1 - reserveFraction));
}

export async function chooseSequenceCount(input: SequenceSizingInput): Promise<SequenceSizing> {
  if (input.requested !== 'auto') {
    const n = Math.max(1, Math.floor(input.requested));
    return { sequences: n, reason: `${n} sequence(s) as configured` };
  }
  const usable = usableBytes(input.budget, input.reserveFraction);
  const max = Math.max(1, Math.floor(input.maxSequences));
  // Binary search: the estimate grows monotonically with the number of sequences.
  let lo = 1;
  let hi = max;
  let best = 0;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const need = await input.estimateBytes(mid);
    if (need <= usable) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best === 0) {
    return { sequences: 1, reason: `1 sequence: even one full-size context does not fit in ${Math.round(usable / MIB)} MiB of free ${input.budget.kind.toUpperCase()}, so its context is shrunk to fit` };
  }
  const perSequence = best > 0 ? (await input.estimateBytes(best)) / best : 0;
  return {
    sequences: best,
    reason: `${best} sequence(s): about ${Math.round(perSequence / MIB)} MiB each, ${Math.round(usable / MIB)} MiB of ${input.budget.kind.toUpperCase()} usable${best === max ? ` (capped at ${max})` : ''}`,
  };
}
