/**
 * Does a model fit this machine, and which catalog model should a user pick? A model fits when
 * its estimate leaves headroom in free memory: fully on the GPU when VRAM allows, split between
 * VRAM and RAM when node-llama-cpp would offload only some layers, else on the CPU.
 */
import type { FitCheck, HardwareReport, ModelCatalogEntry, ModelRecommendation } from '../../../../src-preload/schemas/models.js';
import { formatBytes } from './format.js';
import { estimateMemoryNeeds, type MemoryNeeds } from './memory-estimate.js';
import { estimateSpeed, USABLE_TOKENS_PER_SECOND } from './speed-estimate.js';

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

/**
 * The best catalog chat model for this machine: the largest that fits AND answers at a usable
 * speed (estimateSpeed, ≥ USABLE_TOKENS_PER_SECOND), not the largest that fits — on a CPU an 8B
 * model fits in 16 GB but writes a few words a second. When nothing that fits is fast enough,
 * the fastest that fits is recommended and the reason says so.
 */
export function recommendModel(
  catalog: readonly ModelCatalogEntry[],
  hw: HardwareReport,
  options: { contextSize: number; installedIds?: ReadonlySet<string> },
): ModelRecommendation {
  const candidates = catalog.map((entry) => {
    const fit = checkCatalogModelFit(entry, hw, entry.purpose === 'chat' ? options.contextSize : entry.contextLength);
    return {
      id: entry.id,
      displayName: entry.displayName,
      purpose: entry.purpose,
      parametersBillions: entry.parametersBillions,
      installed: options.installedIds?.has(entry.id) ?? false,
      fit,
      speed: fit.fits ? estimateSpeed(hw, { fileBytes: entry.sizeBytes, kvCacheBytesPerToken: entry.memory.kvCacheBytesPerToken, gpuShare: fit.gpuShare }) : null,
    };
  });
  const chat = candidates.filter((c) => c.purpose === 'chat' && c.fit.fits && c.speed !== null);
  const usable = chat.filter((c) => c.speed!.usable).sort((a, b) => b.parametersBillions - a.parametersBillions || b.speed!.tokensPerSecond - a.speed!.tokensPerSecond);
  const fastest = [...chat].sort((a, b) => b.speed!.tokensPerSecond - a.speed!.tokensPerSecond)[0];
  const best = usable[0] ?? fastest ?? null;
  const memory = hw.gpu
    ? `${formatBytes(hw.gpu.freeVramBytes)} free VRAM (${hw.gpu.backend}) and ${formatBytes(hw.freeRamBytes)} free RAM`
    : `${formatBytes(hw.freeRamBytes)} free of ${formatBytes(hw.totalRamBytes)} RAM and no GPU${hw.gpuNote ? ` (${hw.gpuNote})` : ''}`;
  let reason: string;
  if (best) {
    const speed = best.speed!;
    const where =
      best.fit.placement === 'gpu'
        ? 'fully on the GPU'
        : best.fit.placement === 'split'
          ? `${Math.round(best.fit.gpuShare * 100)}% on the GPU, the rest on the CPU,`
          : 'on the CPU';
    if (speed.usable) {
      reason = `${best.displayName} is the largest chat model that fits ${where} with ${memory} and still answers at a usable speed: ${speed.summary}; it needs ~${formatBytes(best.fit.neededBytes)} at ${options.contextSize} tokens of context.`;
      const biggerButSlow = chat.filter((c) => !c.speed!.usable && c.parametersBillions > best.parametersBillions).sort((a, b) => b.parametersBillions - a.parametersBillions)[0];
      if (biggerButSlow) reason += ` ${biggerButSlow.displayName} also fits but would answer at ${biggerButSlow.speed!.summary.replace(/ — .*$/, '')}.`;
    } else {
      reason = `No catalog chat model answers at ${USABLE_TOKENS_PER_SECOND} tokens/s here; ${best.displayName} is the fastest that fits ${where} with ${memory}: ${speed.summary}. A GPU or a cloud model would answer faster.`;
    }
  } else {
    const smallest = candidates.filter((c) => c.purpose === 'chat').sort((a, b) => a.fit.neededBytes - b.fit.neededBytes)[0];
    reason = smallest
      ? `No catalog chat model fits with ${memory}; the smallest, ${smallest.displayName}, needs ~${formatBytes(smallest.fit.neededBytes)}. Close other programs, lower the context size, or use a cloud model.`
      : 'The catalog lists no chat model.';
  }
  return { hardware: hw, contextSize: options.contextSize, recommendedId: best?.id ?? null, reason, candidates };
}
