/**
 * CPU threads per evaluation, as LocalLlamaProvider chooses them when none are configured
 * (src-main/core/llm/local/local-llama-provider.ts, doLoad): with the model fully on a GPU,
 * node-llama-cpp's default; otherwise all math cores but one, at least 1. Raw node-llama-cpp is
 * given the same number so the comparison measures Steward's code, not a thread setting: on a
 * 2-core machine node-llama-cpp's own default is many times slower than 1 thread.
 */
import type { Llama, LlamaModel } from 'node-llama-cpp';

export function stewardDefaultThreads(llama: Llama, model: LlamaModel): number | undefined {
  const fullyOnGpu = model.gpuLayers >= model.fileInsights.totalLayers;
  return fullyOnGpu ? undefined : Math.max(1, llama.cpuMathCores - 1);
}
