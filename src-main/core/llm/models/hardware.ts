/**
 * What this machine has for models: RAM from the OS, VRAM from node-llama-cpp when a GPU backend
 * loads. The GPU probe is injectable so tests (and the local provider, which already holds a
 * Llama instance) decide where VRAM figures come from; a failing probe never fails the report.
 */
import os from 'node:os';
import type { GpuReport, HardwareReport } from '../../../../src-preload/schemas/models.js';

export type { GpuReport, HardwareReport };

export interface GpuProbeResult {
  gpu: GpuReport | null;
  /** Why there is no GPU (or which one was picked), for the report. */
  note: string | null;
}

export type GpuProbe = () => Promise<GpuProbeResult>;

/** The part of node-llama-cpp's Llama the probe needs; the local provider can pass its own instance. */
export interface LlamaLike {
  readonly gpu: 'cuda' | 'vulkan' | 'metal' | false;
  getVramState(): Promise<{ total: number; used: number; free: number; unifiedSize: number }>;
}

export async function gpuReportFromLlama(llama: LlamaLike): Promise<GpuProbeResult> {
  if (llama.gpu === false) return { gpu: null, note: 'node-llama-cpp found no usable GPU backend' };
  const vram = await llama.getVramState();
  return {
    gpu: { backend: llama.gpu, totalVramBytes: vram.total, freeVramBytes: vram.free, unifiedMemoryBytes: vram.unifiedSize },
    note: null,
  };
}

/**
 * Loads node-llama-cpp with GPU auto-detection but never builds from source (that can take
 * minutes and belongs to the local provider's set-up, not to a memory probe).
 */
export const nodeLlamaCppGpuProbe: GpuProbe = async () => {
  try {
    const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
    const llama = await getLlama({ gpu: 'auto', build: 'never', progressLogs: false, logLevel: LlamaLogLevel.error });
    try {
      return await gpuReportFromLlama(llama);
    } finally {
      await llama.dispose();
    }
  } catch (err) {
    return { gpu: null, note: `GPU probe failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
};

export const noGpuProbe: GpuProbe = async () => ({ gpu: null, note: 'GPU detection skipped' });

export interface HardwareDetectionOptions {
  probeGpu?: GpuProbe;
  /** Overrides for tests; default to node:os. */
  totalMemory?: () => number;
  freeMemory?: () => number;
  cpuCount?: () => number;
}

export async function detectHardware(options: HardwareDetectionOptions = {}): Promise<HardwareReport> {
  const probe = options.probeGpu ?? nodeLlamaCppGpuProbe;
  let result: GpuProbeResult;
  try {
    result = await probe();
  } catch (err) {
    result = { gpu: null, note: `GPU probe failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  return {
    totalRamBytes: (options.totalMemory ?? os.totalmem)(),
    // On Linux libuv reports MemAvailable, which counts reclaimable page cache as free.
    freeRamBytes: (options.freeMemory ?? os.freemem)(),
    cpuCores: (options.cpuCount ?? (() => os.availableParallelism()))(),
    gpu: result.gpu,
    gpuNote: result.gpu ? result.note : (result.note ?? 'no GPU found'),
  };
}
