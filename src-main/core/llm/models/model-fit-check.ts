/**
 * The check to run before loading any model file: estimate its memory from the catalog entry
 * (when the file is a catalog model) or from its GGUF header, compare with what is free now,
 * and return a warning with the figures when it does not fit.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FitCheck, HardwareReport, ModelCatalog } from '../../../../src-preload/schemas/models.js';
import { readGgufHeader } from '../local/gguf-header.js';
import { catalogModelNeeds, checkFit } from './fit.js';
import { kvCacheBytesPerToken } from './gguf-facts.js';
import { detectHardware } from './hardware.js';
import { estimateMemoryNeeds } from './memory-estimate.js';

export interface ModelFitOptions {
  contextSize: number;
  /** A report taken now; when absent, one is detected (with the GPU probe given, else node-llama-cpp's). */
  hardware?: HardwareReport;
  detect?: () => Promise<HardwareReport>;
  catalog?: ModelCatalog;
}

export async function checkModelFileFit(filePath: string, options: ModelFitOptions): Promise<FitCheck> {
  const hardware = options.hardware ?? (await (options.detect ?? (() => detectHardware()))());
  const fileName = path.basename(filePath);
  const entry = options.catalog?.models.find((m) => m.fileName === fileName);
  if (entry) return checkFit(catalogModelNeeds(entry, options.contextSize), hardware, entry.displayName);
  const header = await readGgufHeader(filePath);
  const { size } = await stat(filePath);
  const contextSize = header.contextLength ? Math.min(options.contextSize, header.contextLength) : options.contextSize;
  const needs = estimateMemoryNeeds({ fileBytes: size, kvCacheBytesPerToken: kvCacheBytesPerToken(header), contextSize });
  return checkFit(needs, hardware, header.name ?? fileName);
}
