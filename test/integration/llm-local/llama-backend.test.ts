/** GPU choice and the report the user sees, including the silent-fallback case. */
import { describe, expect, it } from 'vitest';
import type { Llama, LlamaOptions } from 'node-llama-cpp';
import { openLlamaBackend } from '../../../src-main/core/llm/local/llama-backend.js';

function fakeLlama(gpu: Llama['gpu'], buildType: Llama['buildType'] = 'prebuilt'): Llama {
  return { gpu, buildType, getGpuDeviceNames: async () => (gpu ? ['NVIDIA H100 80GB HBM3'] : []), dispose: async () => undefined } as unknown as Llama;
}

describe('openLlamaBackend', () => {
  it('auto: says so when a detected GPU could not be used, with node-llama-cpp’s own warning', async () => {
    const { report } = await openLlamaBackend('auto', {
      detectGpuTypes: async () => ['cuda'],
      loadLlama: async () => {
        console.warn('[node-llama-cpp] The prebuilt binary for platform "linux" "x64" with CUDA support is not compatible with the current system, falling back to using no GPU');
        return fakeLlama(false);
      },
    });
    expect(report).toMatchObject({ requested: 'auto', backend: 'cpu', gpuName: null, fellBack: true, detected: ['cuda'] });
    expect(report.reason).toMatch(/^CUDA detected, but it could not be used \(The prebuilt binary .* with CUDA support is not compatible/);
    expect(report.reason).toMatch(/running on the CPU, which is much slower\.$/);
  });

  it('auto: names the GPU it uses', async () => {
    const { report } = await openLlamaBackend('auto', { detectGpuTypes: async () => ['cuda'], loadLlama: async () => fakeLlama('cuda') });
    expect(report).toMatchObject({ backend: 'cuda', gpuName: 'NVIDIA H100 80GB HBM3', fellBack: false, reason: 'CUDA GPU detected and used.', build: 'prebuilt' });
  });

  it('says when a llama.cpp build compiled on this machine is used instead of the prebuilt binary', async () => {
    const { report } = await openLlamaBackend('auto', { detectGpuTypes: async () => ['cuda'], loadLlama: async () => fakeLlama('cuda', 'localBuild') });
    expect(report.build).toBe('local');
  });

  it('an explicitly chosen backend that fails falls back to CPU and says why', async () => {
    const asked: LlamaOptions['gpu'][] = [];
    const { report } = await openLlamaBackend('vulkan', {
      detectGpuTypes: async () => [],
      loadLlama: async (options) => {
        asked.push(options.gpu);
        if (options.gpu === 'vulkan') throw new Error('vkCreateInstance failed');
        return fakeLlama(false);
      },
    });
    expect(asked).toEqual(['vulkan', false]);
    expect(report.backend).toBe('cpu');
    expect(report.fellBack).toBe(true);
    expect(report.reason).toContain('Vulkan was chosen in Settings but could not be used (vkCreateInstance failed)');
    expect(report.reason).toContain('No GPU driver for it was found on this machine.');
  });

  it('on this machine: CUDA chosen → the real prebuilt is refused and the CPU is used, with the reason', async () => {
    const { llama, report } = await openLlamaBackend('cuda');
    try {
      if (llama.gpu === 'cuda') return; // a CUDA machine: nothing fell back
      expect(report.backend).toBe('cpu');
      expect(report.fellBack).toBe(true);
      expect(report.reason).toMatch(/^CUDA was chosen in Settings but could not be used/);
    } finally {
      await llama.dispose();
    }
  });

  it('cpu chosen: no detection drama', async () => {
    const { llama, report } = await openLlamaBackend('cpu');
    await llama.dispose();
    expect(report).toMatchObject({ backend: 'cpu', fellBack: false, reason: 'CPU chosen in Settings.', build: 'prebuilt' });
  });
});
