/**
 * How fast a model would answer on this machine, before it is downloaded. Generating one token
 * with a dense model reads every weight once (and the KV cache of the conversation so far), so
 * decode speed is bound by memory bandwidth, not arithmetic:
 *
 *   bytes per token   = file size + KV bytes per token × tokens already in the context
 *   seconds per token = (GPU share × bytes) / GPU bandwidth + ((1 − GPU share) × bytes) / CPU bandwidth
 *   tokens per second = 1 / seconds per token
 *
 * CPU bandwidth is what the threads can stream: ~3 GB/s per logical core (hyper-threads add
 * little) for quantized dot products, capped at what a dual-channel memory bus delivers to
 * llama.cpp in practice (~32 GB/s). Deliberately on the low side: a laptop is slower than a desktop. GPU bandwidth is read off
 * the backend and its memory size (a card with more VRAM is, in practice, a faster card). The
 * figures are effective rates, measured llama.cpp decode speeds divided into file sizes, not data
 * sheet peaks. models/README.md documents the same formula; estimates are rough (±50%), which is
 * enough to tell a 4 tokens/s model from a 20 tokens/s one.
 */
import type { HardwareReport, SpeedEstimate } from '../../../../src-preload/schemas/models.js';

const GB = 1e9;
const GiB = 1024 ** 3;

/** Below this a reply of a few sentences takes longer than people wait for it. */
export const USABLE_TOKENS_PER_SECOND = 8;

/** Tokens already in the context when a typical reply is written (system prompt, memory, a few turns). */
export const TYPICAL_CONTEXT_FILL_TOKENS = 2048;

/** Effective streaming rate of one CPU thread over quantized weights. */
export const CPU_BYTES_PER_SECOND_PER_THREAD = 3 * GB;
/** What a dual-channel DDR4/DDR5 bus delivers to llama.cpp in practice. */
export const CPU_MEMORY_BANDWIDTH_CAP = 32 * GB;

export interface SpeedModel {
  /** GGUF file size: the weights read for every generated token. */
  fileBytes: number;
  kvCacheBytesPerToken: number;
  /** Share of the model in VRAM (0 on a CPU, 1 fully offloaded), from the fit check. */
  gpuShare: number;
}

/** Threads llama.cpp uses: the cores the OS reports (at least one). */
export function cpuBandwidth(hw: HardwareReport): number {
  return Math.min(CPU_MEMORY_BANDWIDTH_CAP, Math.max(1, hw.cpuCores) * CPU_BYTES_PER_SECOND_PER_THREAD);
}

/** Effective GPU memory bandwidth for the backend and memory size (bigger cards are faster cards). */
export function gpuBandwidth(hw: HardwareReport): number {
  const gpu = hw.gpu;
  if (!gpu) return 0;
  if (gpu.unifiedMemoryBytes > 0 || gpu.backend === 'metal') {
    // Apple silicon and integrated GPUs share the RAM bus: base M-series ~60, Pro ~150, Max ~300 GB/s effective.
    const total = Math.max(gpu.totalVramBytes, gpu.unifiedMemoryBytes);
    if (gpu.backend !== 'metal') return 35 * GB;
    return total >= 64 * GiB ? 300 * GB : total >= 24 * GiB ? 150 * GB : 60 * GB;
  }
  const vram = gpu.totalVramBytes;
  const tier = vram >= 40 * GiB ? 1000 * GB : vram >= 20 * GiB ? 600 * GB : vram >= 11 * GiB ? 300 * GB : vram >= 7 * GiB ? 250 * GB : 150 * GB;
  // Vulkan reaches about 80% of CUDA's decode speed on the same card.
  return gpu.backend === 'vulkan' ? tier * 0.8 : tier;
}

export function estimateTokensPerSecond(hw: HardwareReport, model: SpeedModel): number {
  const bytesPerToken = model.fileBytes + model.kvCacheBytesPerToken * TYPICAL_CONTEXT_FILL_TOKENS;
  const share = hw.gpu ? Math.min(1, Math.max(0, model.gpuShare)) : 0;
  const gpuBw = gpuBandwidth(hw);
  const seconds = (share > 0 && gpuBw > 0 ? (share * bytesPerToken) / gpuBw : 0) + ((1 - share) * bytesPerToken) / cpuBandwidth(hw);
  return 1 / seconds;
}

/** Where the estimate comes from, in words: "on this CPU", "on the GPU", "mostly on the GPU". */
function placementWords(hw: HardwareReport, gpuShare: number): string {
  if (!hw.gpu || gpuShare <= 0) return `on this CPU (${hw.cpuCores} threads)`;
  if (gpuShare >= 1) return `on the GPU (${hw.gpu.backend})`;
  return `with ${Math.round(gpuShare * 100)}% on the GPU (${hw.gpu.backend}), the rest on the CPU`;
}

/** Rounded like a person would say it: 3.4 → "about 3", 12.6 → "about 13", 143 → "about 140". */
export function roundTokensPerSecond(tps: number): number {
  if (tps >= 100) return Math.round(tps / 10) * 10;
  return Math.max(1, Math.round(tps));
}

export function estimateSpeed(hw: HardwareReport, model: SpeedModel): SpeedEstimate {
  const tokensPerSecond = estimateTokensPerSecond(hw, model);
  const rounded = roundTokensPerSecond(tokensPerSecond);
  const usable = tokensPerSecond >= USABLE_TOKENS_PER_SECOND;
  const where = placementWords(hw, model.gpuShare);
  return {
    tokensPerSecond: Math.round(tokensPerSecond * 10) / 10,
    usable,
    summary: `about ${rounded} tokens/s ${where}${usable ? '' : ` — slower than the ${USABLE_TOKENS_PER_SECOND} tokens/s a chat needs`}`,
  };
}
