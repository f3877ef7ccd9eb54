import { describe, expect, it } from 'vitest';
import type { HardwareReport } from '../../../src-preload/schemas/models.js';
import {
  CPU_MEMORY_BANDWIDTH_CAP,
  TYPICAL_CONTEXT_FILL_TOKENS,
  USABLE_TOKENS_PER_SECOND,
  cpuBandwidth,
  estimateSpeed,
  estimateTokensPerSecond,
  gpuBandwidth,
  roundTokensPerSecond,
} from '../../../src-main/core/llm/models/speed-estimate.js';

const GiB = 1024 ** 3;
const cpu = (cores: number): HardwareReport => ({ totalRamBytes: 32 * GiB, freeRamBytes: 24 * GiB, cpuCores: cores, gpu: null, gpuNote: null });
const cuda = (vramGiB: number, cores = 8): HardwareReport => ({
  ...cpu(cores),
  gpu: { backend: 'cuda', totalVramBytes: vramGiB * GiB, freeVramBytes: vramGiB * GiB, unifiedMemoryBytes: 0 },
});
const model = (fileBytes: number, gpuShare = 0) => ({ fileBytes, kvCacheBytesPerToken: 131072, gpuShare });

describe('estimateTokensPerSecond (memory-bandwidth bound decode)', () => {
  it('is bandwidth divided by the bytes read per token: the weights plus the KV cache of the context so far', () => {
    const hw = cpu(8);
    const bytes = 4e9 + 131072 * TYPICAL_CONTEXT_FILL_TOKENS;
    expect(estimateTokensPerSecond(hw, model(4e9))).toBeCloseTo(cpuBandwidth(hw) / bytes, 6);
  });

  it('halves when the model doubles in size', () => {
    const hw = cpu(8);
    const small = estimateTokensPerSecond(hw, { fileBytes: 2e9, kvCacheBytesPerToken: 0, gpuShare: 0 });
    const big = estimateTokensPerSecond(hw, { fileBytes: 4e9, kvCacheBytesPerToken: 0, gpuShare: 0 });
    expect(small / big).toBeCloseTo(2, 6);
  });

  it('grows with CPU threads until the memory bus is the limit', () => {
    expect(cpuBandwidth(cpu(2))).toBeLessThan(cpuBandwidth(cpu(4)));
    expect(cpuBandwidth(cpu(64))).toBe(CPU_MEMORY_BANDWIDTH_CAP);
    expect(cpuBandwidth(cpu(128))).toBe(cpuBandwidth(cpu(64)));
    expect(cpuBandwidth(cpu(0))).toBeGreaterThan(0);
  });

  it('is many times faster fully on a GPU, and in between when split', () => {
    const hw = cuda(12);
    const onCpu = estimateTokensPerSecond(cpu(8), model(4.9e9));
    const split = estimateTokensPerSecond(hw, model(4.9e9, 0.5));
    const full = estimateTokensPerSecond(hw, model(4.9e9, 1));
    expect(full).toBeGreaterThan(split);
    expect(split).toBeGreaterThan(onCpu);
    expect(full / onCpu).toBeGreaterThan(5);
  });

  it('ignores a GPU share when there is no GPU', () => {
    expect(estimateTokensPerSecond(cpu(8), model(2e9, 1))).toBe(estimateTokensPerSecond(cpu(8), model(2e9, 0)));
  });

  it('reads GPU bandwidth off the backend and memory size', () => {
    expect(gpuBandwidth(cuda(24))).toBeGreaterThan(gpuBandwidth(cuda(8)));
    expect(gpuBandwidth(cuda(80))).toBeGreaterThan(gpuBandwidth(cuda(24)));
    const vulkan: HardwareReport = { ...cuda(8), gpu: { ...cuda(8).gpu!, backend: 'vulkan' } };
    expect(gpuBandwidth(vulkan)).toBeLessThan(gpuBandwidth(cuda(8)));
    const igpu: HardwareReport = { ...cuda(8), gpu: { ...cuda(8).gpu!, backend: 'vulkan', unifiedMemoryBytes: 16 * GiB } };
    expect(gpuBandwidth(igpu)).toBeLessThan(gpuBandwidth(vulkan));
    const m1: HardwareReport = { ...cpu(8), gpu: { backend: 'metal', totalVramBytes: 16 * GiB, freeVramBytes: 11 * GiB, unifiedMemoryBytes: 16 * GiB } };
    const m2Max: HardwareReport = { ...cpu(12), gpu: { backend: 'metal', totalVramBytes: 64 * GiB, freeVramBytes: 48 * GiB, unifiedMemoryBytes: 64 * GiB } };
    expect(gpuBandwidth(m2Max)).toBeGreaterThan(gpuBandwidth(m1));
    expect(gpuBandwidth(cpu(8))).toBe(0);
  });
});

describe('estimateSpeed', () => {
  it('says the speed in words, where it runs, and whether it is usable for chat', () => {
    const fast = estimateSpeed(cpu(8), { fileBytes: 1.28e9, kvCacheBytesPerToken: 114688, gpuShare: 0 });
    expect(fast.usable).toBe(true);
    expect(fast.summary).toMatch(/^about \d+ tokens\/s on this CPU \(8 threads\)$/);
    const slow = estimateSpeed(cpu(8), { fileBytes: 7.3e9, kvCacheBytesPerToken: 393216, gpuShare: 0 });
    expect(slow.usable).toBe(false);
    expect(slow.tokensPerSecond).toBeLessThan(USABLE_TOKENS_PER_SECOND);
    expect(slow.summary).toMatch(/slower than the 8 tokens\/s a chat needs/);
    expect(estimateSpeed(cuda(8), { fileBytes: 5e9, kvCacheBytesPerToken: 131072, gpuShare: 0.6 }).summary).toMatch(/with 60% on the GPU \(cuda\), the rest on the CPU/);
    expect(estimateSpeed(cuda(8), { fileBytes: 2e9, kvCacheBytesPerToken: 131072, gpuShare: 1 }).summary).toMatch(/on the GPU \(cuda\)$/);
  });

  it('rounds like a person would', () => {
    expect(roundTokensPerSecond(3.4)).toBe(3);
    expect(roundTokensPerSecond(0.2)).toBe(1);
    expect(roundTokensPerSecond(12.6)).toBe(13);
    expect(roundTokensPerSecond(143)).toBe(140);
  });
});
