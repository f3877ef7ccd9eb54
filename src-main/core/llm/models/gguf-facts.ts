/**
 * What the model manager reads from a GGUF header (parsed by the local provider's reader, so
 * there is one GGUF parser in the app): a summary for the model list, the KV-cache width for
 * memory estimates, and a guess at what the model is for when the catalog does not say.
 */
import type { GgufSummary, ModelPurpose } from '../../../../src-preload/schemas/models.js';
import type { GgufHeader, GgufMetadataValue } from '../local/gguf-header.js';

/** llama.cpp's general.file_type values (enum llama_ftype), for display. */
const FILE_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  7: 'Q8_0',
  8: 'Q5_0',
  9: 'Q5_1',
  10: 'Q2_K',
  11: 'Q3_K_S',
  12: 'Q3_K_M',
  13: 'Q3_K_L',
  14: 'Q4_K_S',
  15: 'Q4_K_M',
  16: 'Q5_K_S',
  17: 'Q5_K_M',
  18: 'Q6_K',
  19: 'IQ2_XXS',
  20: 'IQ2_XS',
  21: 'Q2_K_S',
  22: 'IQ3_XS',
  23: 'IQ3_XXS',
  24: 'IQ1_S',
  25: 'IQ4_NL',
  26: 'IQ3_S',
  27: 'IQ3_M',
  28: 'IQ2_S',
  29: 'IQ2_M',
  30: 'IQ4_XS',
  31: 'IQ1_M',
  32: 'BF16',
  36: 'TQ1_0',
  37: 'TQ2_0',
  38: 'MXFP4_MOE',
};

function num(v: GgufMetadataValue | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

export function summariseGguf(header: GgufHeader): GgufSummary {
  return {
    version: header.version,
    architecture: header.architecture,
    name: header.name,
    contextLength: header.contextLength,
    fileType: header.fileType === null ? null : (FILE_TYPE_NAMES[header.fileType] ?? `type ${header.fileType}`),
    tensorCount: header.tensorCount,
  };
}

/** f16 K and V over all layers, per token of context; null when the header lacks the numbers. */
export function kvCacheBytesPerToken(header: GgufHeader): number | null {
  const arch = header.architecture;
  if (!arch) return null;
  const m = header.metadata;
  const layers = header.blockCount;
  const embd = header.embeddingLength;
  const heads = num(m[`${arch}.attention.head_count`]);
  // Some models store per-layer head counts as an array; the scalar fallback is then the query heads (an overestimate).
  const kvHeads = num(m[`${arch}.attention.head_count_kv`]) ?? heads;
  if (!layers || !embd || !heads || !kvHeads) return null;
  const keyLength = num(m[`${arch}.attention.key_length`]) ?? embd / heads;
  const valueLength = num(m[`${arch}.attention.value_length`]) ?? embd / heads;
  return Math.round(layers * kvHeads * (keyLength + valueLength) * 2);
}

/** Rerankers carry a classifier head (node-llama-cpp's supportsRanking test); embedding models declare a pooling type and ship no chat template. */
export function guessPurpose(header: GgufHeader): ModelPurpose {
  if (header.tensors.some((t) => t.name === 'cls.output.weight' || t.name === 'cls.weight')) return 'reranker';
  const arch = header.architecture ?? '';
  const pooled = header.metadata[`${arch}.pooling_type`] !== undefined;
  return pooled && header.chatTemplate === null ? 'embedding' : 'chat';
}
