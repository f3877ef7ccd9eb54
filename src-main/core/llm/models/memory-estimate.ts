/**
 * Memory a GGUF needs to run, estimated from its size and KV-cache width. llama.cpp keeps the
 * weights resident (mmap), one KV cache per context, and compute buffers; the constants below
 * are deliberately on the high side because underestimating means a model that swaps or fails.
 * models/README.md documents the same formula; the catalog's figures are produced by it.
 */
const MiB = 1024 * 1024;

/** Compute buffers: a fixed part plus a part that grows with the context (attention scratch). */
const COMPUTE_FIXED_BYTES = 256 * MiB;
const COMPUTE_PER_CONTEXT_TOKEN_BYTES = 32 * 1024;
/** Process and runtime overhead beyond the buffers (allocator, tokenizer tables, threads). */
const CPU_RUNTIME_OVERHEAD_BYTES = 200 * MiB;
/** GPU driver context and allocator slack that free VRAM does not show as used yet. */
const GPU_RUNTIME_OVERHEAD_BYTES = 350 * MiB;
/** Without a known KV width, assume a mid-sized model with grouped-query attention (~Llama 3 8B). */
export const FALLBACK_KV_BYTES_PER_TOKEN = 131_072;

export interface MemoryNeeds {
  contextSize: number;
  ramBytes: number;
  vramBytes: number;
  kvCacheBytesPerToken: number;
}

export function estimateMemoryNeeds(input: { fileBytes: number; kvCacheBytesPerToken: number | null; contextSize: number }): MemoryNeeds {
  const kvPerToken = input.kvCacheBytesPerToken ?? FALLBACK_KV_BYTES_PER_TOKEN;
  const shared = input.fileBytes + kvPerToken * input.contextSize + COMPUTE_FIXED_BYTES + COMPUTE_PER_CONTEXT_TOKEN_BYTES * input.contextSize;
  return {
    contextSize: input.contextSize,
    ramBytes: Math.round(shared + CPU_RUNTIME_OVERHEAD_BYTES),
    vramBytes: Math.round(shared + GPU_RUNTIME_OVERHEAD_BYTES),
    kvCacheBytesPerToken: kvPerToken,
  };
}
