import { describe, expect, it } from 'vitest';
import type { HardwareReport } from '../../../src-preload/schemas/models.js';
import { loadModelCatalog } from '../../../src-main/core/llm/models/catalog-loader.js';
import { catalogModelNeeds, checkCatalogModelFit, checkFit, recommendModel } from '../../../src-main/core/llm/models/fit.js';
import { estimateMemoryNeeds } from '../../../src-main/core/llm/models/memory-estimate.js';

const GiB = 1024 ** 3;
const catalog = loadModelCatalog({}).models;
const byId = (id: string) => catalog.find((m) => m.id === id)!;

const cpuOnly = (totalGiB: number, free: number): HardwareReport => ({
  totalRamBytes: totalGiB * GiB,
  freeRamBytes: free,
  cpuCores: 8,
  gpu: null,
  gpuNote: 'test machine',
});

const withGpu = (vramGiB: number, freeVram: number, ram: HardwareReport, unified = 0): HardwareReport => ({
  ...ram,
  gpu: { backend: 'cuda', totalVramBytes: vramGiB * GiB, freeVramBytes: freeVram, unifiedMemoryBytes: unified },
  gpuNote: null,
});

describe('recommendModel', () => {
  it('on a CPU-only machine recommends the largest model that still answers at a usable speed, not the largest that fits', () => {
    const rec = recommendModel(catalog, cpuOnly(32, 24e9), { contextSize: 8192 });
    const chosen = rec.candidates.find((c) => c.id === rec.recommendedId)!;
    // Every 8B and the 12B fit in 24 GB, but none answers at 8 tokens/s on 8 CPU threads.
    expect(rec.candidates.find((c) => c.id === 'gemma-3-12b-it-q4_k_m')!.fit.fits).toBe(true);
    expect(rec.candidates.find((c) => c.id === 'llama-3.1-8b-instruct-q4_k_m')!.speed!.usable).toBe(false);
    expect(chosen.speed!.usable).toBe(true);
    expect(chosen.parametersBillions).toBeLessThan(5);
    expect(rec.recommendedId).toBe('qwen3-4b-q4_k_m');
    expect(rec.reason).toMatch(/Qwen3 4B is the largest chat model that fits on the CPU .* and still answers at a usable speed: about \d+ tokens\/s on this CPU \(8 threads\)/);
    expect(rec.reason).toMatch(/Gemma 3 12B also fits but would answer at about \d tokens\/s/);

    const small = recommendModel(catalog, cpuOnly(8, 5e9), { contextSize: 8192 });
    expect(small.recommendedId).toBe('llama-3.2-3b-instruct-q4_k_m');
    // Never a draft or embedding model, however small.
    expect(small.candidates.find((c) => c.id === small.recommendedId)!.purpose).toBe('chat');
  });

  it('fewer CPU threads mean a smaller recommendation on the same memory', () => {
    const eight = recommendModel(catalog, cpuOnly(32, 24e9), { contextSize: 8192 });
    const four = recommendModel(catalog, { ...cpuOnly(32, 24e9), cpuCores: 4 }, { contextSize: 8192 });
    const params = (r: typeof eight) => r.candidates.find((c) => c.id === r.recommendedId)!.parametersBillions;
    expect(params(four)).toBeLessThan(params(eight));
    expect(four.reason).toMatch(/on this CPU \(4 threads\)/);
  });

  it('when nothing that fits is fast enough, recommends the fastest that fits and says so', () => {
    const rec = recommendModel(catalog, { ...cpuOnly(16, 12e9), cpuCores: 1 }, { contextSize: 8192 });
    expect(rec.recommendedId).toBe('gemma-3-1b-it-q4_k_m');
    expect(rec.reason).toMatch(/No catalog chat model answers at 8 tokens\/s here; Gemma 3 1B is the fastest that fits .*A GPU or a cloud model would answer faster/);
  });

  it('recommends nothing, and says what the smallest would need, when no chat model fits', () => {
    const rec = recommendModel(catalog, cpuOnly(4, 2.5e9), { contextSize: 8192 });
    expect(rec.recommendedId).toBeNull();
    expect(rec.reason).toMatch(/No catalog chat model fits .* the smallest, Gemma 3 1B, needs ~1\.\d GB/);
    expect(rec.candidates.filter((c) => c.purpose === 'chat').every((c) => c.speed === null)).toBe(true);
  });

  it('does not recommend a big model that would run mostly on the CPU beside a small GPU', () => {
    const rec = recommendModel(catalog, withGpu(4, 2.84e9, cpuOnly(32, 24e9)), { contextSize: 8192 });
    const big = rec.candidates.find((c) => c.id === 'llama-3.1-8b-instruct-q4_k_m')!;
    expect(big.fit).toMatchObject({ fits: true, placement: 'split' });
    expect(big.fit.gpuShare).toBeLessThan(0.5);
    expect(big.fit.warning).toMatch(/part of it runs on the CPU/);
    expect(big.speed!.usable).toBe(false);
    const chosen = rec.candidates.find((c) => c.id === rec.recommendedId)!;
    expect(chosen.speed!.usable).toBe(true);
    expect(chosen.parametersBillions).toBeLessThan(big.parametersBillions);
  });

  it('takes the largest model on a big GPU', () => {
    const rec = recommendModel(catalog, withGpu(80, 79e9, cpuOnly(64, 50e9)), { contextSize: 8192 });
    expect(rec.recommendedId).toBe('gemma-3-12b-it-q4_k_m');
    expect(rec.reason).toMatch(/fully on the GPU with 79\.0 GB free VRAM \(cuda\)/);
    expect(rec.reason).toMatch(/about \d+ tokens\/s on the GPU \(cuda\)/);
  });

  it('accepts a model that is mostly in VRAM', () => {
    const rec = recommendModel(catalog, withGpu(8, 7.5e9, cpuOnly(16, 12e9)), { contextSize: 8192 });
    expect(rec.recommendedId).toBe('qwen3-8b-q4_k_m');
    expect(rec.reason).toMatch(/9\d% on the GPU/);
  });

  it('gives a bigger context a bigger estimate', () => {
    const m = byId('llama-3.1-8b-instruct-q4_k_m');
    expect(catalogModelNeeds(m, 32768).ramBytes - catalogModelNeeds(m, 8192).ramBytes).toBeGreaterThan(24576 * m.memory.kvCacheBytesPerToken);
    // Capped at what the model supports.
    const qwen = byId('qwen2.5-1.5b-instruct-q4_k_m');
    expect(catalogModelNeeds(qwen, 131072)).toEqual(catalogModelNeeds(qwen, 32768));
  });
});

describe('checkFit warning', () => {
  it('names the estimate and the free memory when a model does not fit', () => {
    const fit = checkCatalogModelFit(byId('llama-3.1-8b-instruct-q4_k_m'), cpuOnly(16, 3.2e9), 8192);
    expect(fit.fits).toBe(false);
    expect(fit.placement).toBe('none');
    expect(fit.warning).toMatch(/Llama 3\.1 8B Instruct needs ~6\.7 GB at 8192 tokens of context, 3\.2 GB of RAM free/);
  });

  it('has no warning when the model fits comfortably', () => {
    expect(checkCatalogModelFit(byId('qwen2.5-1.5b-instruct-q4_k_m'), cpuOnly(16, 12e9), 8192)).toMatchObject({ fits: true, placement: 'cpu', warning: null, gpuShare: 0 });
  });

  it('counts unified memory once, as GPU memory', () => {
    const needs = estimateMemoryNeeds({ fileBytes: 4e9, kvCacheBytesPerToken: 131072, contextSize: 8192 });
    const mac = withGpu(12, 4e9, cpuOnly(16, 12e9), 16 * GiB);
    const fit = checkFit(needs, mac, 'Big model');
    expect(fit.fits).toBe(false);
    expect(fit.warning).toMatch(/of GPU memory free/);
  });

  it('estimates an unknown model with a mid-size KV cache when the header lacks the numbers', () => {
    const known = estimateMemoryNeeds({ fileBytes: 1e9, kvCacheBytesPerToken: 1000, contextSize: 4096 });
    const unknown = estimateMemoryNeeds({ fileBytes: 1e9, kvCacheBytesPerToken: null, contextSize: 4096 });
    expect(unknown.ramBytes).toBeGreaterThan(known.ramBytes);
  });
});
