/**
 * Does a model fit this machine, and which catalog model should a user pick? A model fits when
 * its estimate leaves headroom in free memory: fully on the GPU when VRAM allows, split between
 * VRAM and RAM when node-llama-cpp would offload only some layers, else on the CPU.
 */
import type { FitCheck, HardwareReport, ModelCatalogEntry, ModelRecommendation } from '../../../../src-preload/schemas/models.js';
import { formatBytes } from './format.js';
import { estimateMemoryNeeds, type MemoryNeeds } from './memory-estimate.js';

const GiB = 1024 ** 3;

/** Memory left for the OS, the app and other programs: max(1 GiB, 10% of RAM). */
export function ramHeadroomBytes(hw: HardwareReport): number {
  return Math.max(GiB, hw.totalRamBytes * 0.1);
}

/** VRAM left for the display and other GPU programs: max(512 MiB, 5% of VRAM). */
export function vramHeadroomBytes(totalVramBytes: number): number {
  return Math.max(GiB / 2, totalVramBytes * 0.05);
}

export function checkFit(needs: MemoryNeeds, hw: HardwareReport, label: string): FitCheck {
  const ramAvailable = Math.max(0, hw.freeRamBytes - ramHeadroomBytes(hw));
  const gpu = hw.gpu && hw.gpu.totalVramBytes > 0 ? hw.gpu : null;
  // Unified memory (Apple silicon) is the same memory as RAM: count it once, as VRAM.
  const unified = gpu !== null && gpu.unifiedMemoryBytes > 0;
  const vramAvailable = gpu ? Math.max(0, gpu.freeVramBytes - vramHeadroomBytes(gpu.totalVramBytes)) : 0;

  if (gpu && needs.vramBytes <= vramAvailable) {
    return { fits: true, placement: 'gpu', neededBytes: needs.vramBytes, availableBytes: vramAvailable, gpuShare: 1, warning: null };
  }
  if (gpu && !unified && needs.ramBytes <= vramAvailable + ramAvailable) {
    return {
      fits: true,
      placement: 'split',
      neededBytes: needs.ramBytes,
      availableBytes: vramAvailable + ramAvailable,
      gpuShare: Math.min(1, vramAvailable / needs.vramBytes),
      warning: `${label} needs ~${formatBytes(needs.vramBytes)} of VRAM but only ${formatBytes(gpu.freeVramBytes)} is free, so part of it runs on the CPU and answers come more slowly.`,
    };
  }
  if (!gpu && needs.ramBytes <= ramAvailable) {
    return { fits: true, placement: 'cpu', neededBytes: needs.ramBytes, availableBytes: ramAvailable, gpuShare: 0, warning: null };
  }
  const needed = gpu && unified ? needs.vramBytes : needs.ramBytes;
  const free = gpu && unified ? gpu.freeVramBytes : gpu ? gpu.freeVramBytes + hw.freeRamBytes : hw.freeRamBytes;
  const where = gpu && unified ? 'of GPU memory' : gpu ? 'of VRAM and RAM' : 'of RAM';
  return {
    fits: false,
    placement: 'none',
    neededBytes: needed,
    availableBytes: gpu && unified ? vramAvailable : gpu ? vramAvailable + ramAvailable : ramAvailable,
    gpuShare: 0,
    warning: `${label} needs ~${formatBytes(needed)} at ${needs.contextSize} tokens of context, ${formatBytes(free)} ${where} free (Steward keeps some free for the rest of the system). It may fail to load or make this computer swap; pick a smaller model, a shorter context, or close other programs.`,
  };
}

/** Estimate for a catalog model at a context size (capped at what the model supports). */
export function catalogModelNeeds(entry: ModelCatalogEntry, contextSize: number): MemoryNeeds {
  return estimateMemoryNeeds({
    fileBytes: entry.sizeBytes,
    kvCacheBytesPerToken: entry.memory.kvCacheBytesPerToken,
    contextSize: Math.min(contextSize, entry.contextLength),
  });
}

export function checkCatalogModelFit(entry: ModelCatalogEntry, hw: HardwareReport, contextSize: number): FitCheck {
  return checkFit(catalogModelNeeds(entry, contextSize), hw, entry.displayName);
}

/** A split model with at least this share in VRAM still decodes at close to GPU speed. */
export const FAST_GPU_SHARE = 0.8;

/**
 * The largest catalog chat model that fits. On a machine with a GPU, models that sit (almost)
 * entirely in VRAM come first: a bigger model split mostly onto the CPU decodes several times
 * slower. Only when none does is the largest model that fits at all recommended.
 */
export function recommendModel(
  catalog: readonly ModelCatalogEntry[],
  hw: HardwareReport,
  options: { contextSize: number; installedIds?: ReadonlySet<string> },
): ModelRecommendation {
  const candidates = catalog.map((entry) => ({
    id: entry.id,
    displayName: entry.displayName,
    purpose: entry.purpose,
    parametersBillions: entry.parametersBillions,
    installed: options.installedIds?.has(entry.id) ?? false,
    fit: checkCatalogModelFit(entry, hw, entry.purpose === 'chat' ? options.contextSize : entry.contextLength),
  }));
  const chat = candidates
    .filter((c) => c.purpose === 'chat' && c.fit.fits)
    .sort((a, b) => b.parametersBillions - a.parametersBillions || a.fit.neededBytes - b.fit.neededBytes);
  const onGpu = chat.filter((c) => c.fit.gpuShare >= FAST_GPU_SHARE);
  const best = onGpu[0] ?? chat[0] ?? null;
  const memory = hw.gpu
    ? `${formatBytes(hw.gpu.freeVramBytes)} free VRAM (${hw.gpu.backend}) and ${formatBytes(hw.freeRamBytes)} free RAM`
    : `${formatBytes(hw.freeRamBytes)} free of ${formatBytes(hw.totalRamBytes)} RAM and no GPU${hw.gpuNote ? ` (${hw.gpuNote})` : ''}`;
  let reason: string;
  if (best) {
    const where =
      best.fit.placement === 'gpu'
        ? 'fully on the GPU'
        : best.fit.placement === 'split'
          ? `${Math.round(best.fit.gpuShare * 100)}% on the GPU, the rest on the CPU,`
          : 'on the CPU';
    reason = `${best.displayName} is the largest chat model that fits ${where} with ${memory}: it needs ~${formatBytes(best.fit.neededBytes)} at ${options.contextSize} tokens of context.`;
    if (best.fit.placement === 'cpu' && best.parametersBillions > 4) {
      reason += ' Without a GPU a model this size answers slowly; a 3B model answers about twice as fast.';
    }
  } else {
    const smallest = candidates.filter((c) => c.purpose === 'chat').sort((a, b) => a.fit.neededBytes - b.fit.neededBytes)[0];
    reason = smallest
      ? `No catalog chat model fits with ${memory}; the smallest, ${smallest.displayName}, needs ~${formatBytes(smallest.fit.neededBytes)}. Close other programs, lower the context size, or use a cloud model.`
      : 'The catalog lists no chat model.';
  }
  return { hardware: hw, contextSize: options.contextSize, recommendedId: best?.id ?? null, reason, candidates };
}
