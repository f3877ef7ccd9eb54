import { describe, expect, it } from 'vitest';
import { detectHardware, gpuReportFromLlama, nodeLlamaCppGpuProbe } from '../../../src-main/core/llm/models/hardware.js';

describe('detectHardware', () => {
  it('reports RAM from the OS and VRAM from the injected GPU probe', async () => {
    const report = await detectHardware({
      totalMemory: () => 16e9,
      freeMemory: () => 9e9,
      cpuCount: () => 12,
      probeGpu: async () => ({ gpu: { backend: 'vulkan', totalVramBytes: 8e9, freeVramBytes: 7e9, unifiedMemoryBytes: 0 }, note: null }),
    });
    expect(report).toEqual({
      totalRamBytes: 16e9,
      freeRamBytes: 9e9,
      cpuCores: 12,
      gpu: { backend: 'vulkan', totalVramBytes: 8e9, freeVramBytes: 7e9, unifiedMemoryBytes: 0 },
      gpuNote: null,
    });
  });

  it('still reports RAM when the GPU probe throws, and says why there is no GPU', async () => {
    const report = await detectHardware({
      probeGpu: async () => {
        throw new Error('driver exploded');
      },
    });
    expect(report.gpu).toBeNull();
    expect(report.gpuNote).toMatch(/GPU probe failed: driver exploded/);
    expect(report.totalRamBytes).toBeGreaterThan(0);
    expect(report.freeRamBytes).toBeGreaterThan(0);
  });

  it('reads VRAM from a node-llama-cpp Llama and reports a CPU-only one as no GPU', async () => {
    const gpu = await gpuReportFromLlama({ gpu: 'cuda', getVramState: async () => ({ total: 80e9, used: 1e9, free: 79e9, unifiedSize: 0 }) });
    expect(gpu.gpu).toEqual({ backend: 'cuda', totalVramBytes: 80e9, freeVramBytes: 79e9, unifiedMemoryBytes: 0 });
    const cpu = await gpuReportFromLlama({ gpu: false, getVramState: async () => ({ total: 0, used: 0, free: 0, unifiedSize: 0 }) });
    expect(cpu.gpu).toBeNull();
  });

  it('probes the real node-llama-cpp without building anything (this machine has no GPU)', async () => {
    const result = await nodeLlamaCppGpuProbe();
    // On a GPU machine this reports the GPU; here the CPU prebuilt loads and there is none.
    if (result.gpu) expect(result.gpu.totalVramBytes).toBeGreaterThan(0);
    else expect(result.note).toBeTruthy();
  });
});
