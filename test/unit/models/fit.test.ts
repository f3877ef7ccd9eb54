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
  it('picks by free RAM on a machine without a GPU', () => {
    expect(recommendModel(catalog, cpuOnly(32, 24e9), { contextSize: 8192 }).recommendedId).toBe('llama-3.1-8b-instruct-q4_k_m');
    const small = recommendModel(catalog, cpuOnly(8, 5e9), { contextSize: 8192 });
    expect(small.recommendedId).toBe('llama-3.2-3b-instruct-q4_k_m');
    expect(small.reason).toMatch(/Llama 3\.2 3B Instruct is the largest chat model that fits on the CPU/);
    // Never a draft or embedding model, however small.
    expect(small.candidates.find((c) => c.id === small.recommendedId)!.purpose).toBe('chat');
  });

  it('recommends nothing, and says what the smallest would need, when no chat model fits', () => {
    const rec = recommendModel(catalog, cpuOnly(4, 2.5e9), { contextSize: 8192 });
    expect(rec.recommendedId).toBeNull();
    expect(rec.reason).toMatch(/No catalog chat model fits .* the smallest, Qwen2\.5 1\.5B Instruct, needs ~2\.0 GB/);
  });

  it('prefers a model that fits in VRAM over a bigger one that would run mostly on the CPU', () => {
    const rec = recommendModel(catalog, withGpu(4, 2.84e9, cpuOnly(32, 24e9)), { contextSize: 8192 });
    expect(rec.recommendedId).toBe('qwen2.5-1.5b-instruct-q4_k_m');
    expect(rec.candidates.find((c) => c.id === rec.recommendedId)!.fit.placement).toBe('gpu');
    const big = rec.candidates.find((c) => c.id === 'llama-3.1-8b-instruct-q4_k_m')!;
    expect(big.fit).toMatchObject({ fits: true, placement: 'split' });
    expect(big.fit.gpuShare).toBeLessThan(0.5);
    expect(big.fit.warning).toMatch(/part of it runs on the CPU/);
  });

  it('takes the largest model on a big GPU', () => {
    const rec = recommendModel(catalog, withGpu(80, 79e9, cpuOnly(64, 50e9)), { contextSize: 8192 });
    expect(rec.recommendedId).toBe('llama-3.1-8b-instruct-q4_k_m');
    expect(rec.reason).toMatch(/fully on the GPU with 79\.0 GB free VRAM \(cuda\)/);
  });

  it('accepts a model that is mostly in VRAM, but not one that is mostly on the CPU', () => {
    const rec = recommendModel(catalog, withGpu(4, 3.5e9, cpuOnly(16, 12e9)), { contextSize: 8192 });
    expect(rec.recommendedId).toBe('qwen2.5-3b-instruct-q4_k_m');
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
