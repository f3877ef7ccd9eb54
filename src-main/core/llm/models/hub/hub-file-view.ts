/**
 * The GGUF files of a Hugging Face repository as the Models screen lists them: quantisation and
 * parameters read from the names, the size and digest from the file list, and whether it fits
 * this computer and how fast it would answer (the same estimates as the catalog's). Without the
 * file's header the KV-cache width is unknown, so the estimate assumes a mid-sized one and says
 * so only through being on the high side.
 */
import type { HardwareReport } from '../../../../../src-preload/schemas/models.js';
import type { HubFile } from '../../../../../src-preload/schemas/model-hub.js';
import { checkFit } from '../fit.js';
import { estimateMemoryNeeds, FALLBACK_KV_BYTES_PER_TOKEN } from '../memory-estimate.js';
import { estimateSpeed } from '../speed-estimate.js';
import type { HubTreeFile } from './hf-hub-client.js';
import { notAModelReason, parametersFromNames, quantizationFromFileName } from './gguf-file-names.js';

export interface HubFileContext {
  repo: string;
  hardware: HardwareReport;
  contextSize: number;
  installedFileNames: ReadonlySet<string>;
}

export function describeHubFiles(files: readonly HubTreeFile[], ctx: HubFileContext): HubFile[] {
  return files
    .filter((f) => /\.gguf$/i.test(f.path) && !f.path.includes('/'))
    .map((f) => describeHubFile(f, ctx))
    .sort((a, b) => Number(b.downloadable) - Number(a.downloadable) || (a.sizeBytes ?? 0) - (b.sizeBytes ?? 0));
}

function describeHubFile(file: HubTreeFile, ctx: HubFileContext): HubFile {
  const note = notAModelReason(file.path);
  const base = {
    fileName: file.path,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    quantization: quantizationFromFileName(file.path),
    parametersBillions: parametersFromNames(file.path, ctx.repo),
    installed: ctx.installedFileNames.has(file.path),
    downloadable: note === null,
    note,
  };
  if (note !== null || file.sizeBytes === null) return { ...base, fit: null, speed: null };
  const needs = estimateMemoryNeeds({ fileBytes: file.sizeBytes, kvCacheBytesPerToken: null, contextSize: ctx.contextSize });
  const fit = checkFit(needs, ctx.hardware, file.path);
  const speed = fit.fits ? estimateSpeed(ctx.hardware, { fileBytes: file.sizeBytes, kvCacheBytesPerToken: FALLBACK_KV_BYTES_PER_TOKEN, gpuShare: fit.gpuShare }) : null;
  return { ...base, fit, speed };
}
