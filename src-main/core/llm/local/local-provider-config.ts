/**
 * Turns the user's model settings (settings.llm) into LocalLlamaProvider options: model
 * references are file names in the models folder or absolute paths.
 */
import path from 'node:path';
import type { Settings } from '../../../../src-preload/schemas/settings.js';
import { ModelMissingError } from '../llm-errors.js';
import type { LocalLlamaProviderOptions } from './local-llama-provider.js';

export function resolveModelPath(reference: string, modelsDir: string): string {
  return path.isAbsolute(reference) ? reference : path.join(modelsDir, reference);
}

/** Throws ModelMissingError (with the pull/import commands) when no local model is set up yet. */
export function localProviderOptionsFromSettings(llm: Settings['llm'], modelsDir: string): LocalLlamaProviderOptions {
  if (!llm.localModel) throw new ModelMissingError({});
  return {
    modelPath: resolveModelPath(llm.localModel, modelsDir),
    embeddingModelPath: llm.embeddingModel ? resolveModelPath(llm.embeddingModel, modelsDir) : null,
    draftModelPath: llm.draftModel ? resolveModelPath(llm.draftModel, modelsDir) : null,
    rerankerModelPath: llm.rerankerModel ? resolveModelPath(llm.rerankerModel, modelsDir) : null,
    gpu: llm.gpu,
    contextSize: llm.contextSize,
  };
}
