/**
 * The model file a run measures: the user's GGUF (--model), or, without one, a generated
 * llama-architecture model of realistic shape (random weights are fine for speed: the work per
 * token depends on the shapes, not the values). The generator is the test suite's own.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { assertCompleteGguf, type GgufHeader } from '../../../src-main/core/llm/local/gguf-header.js';
import { tinyLlamaGgufPath, type TinyLlamaOptions } from '../../../test/helpers/tiny-gguf.js';

/**
 * Default generated model: 512 wide, 8 layers, GQA 8/2 heads, FFN 3× — a scaled-down Llama
 * shape (~45 MB F16) so the whole default run stays within a few minutes on a 2-core CPU.
 */
export const GENERATED_BENCH_MODEL: TinyLlamaOptions = {
  seed: 7,
  embeddingLength: 512,
  blockCount: 8,
  headCount: 8,
  headCountKv: 2,
  feedForwardLength: 1536,
  contextLength: 8192,
  weightType: 'f16',
  name: 'steward-bench-512x8',
};

/** Draft for a generated model: the same seed and shapes with one layer, so it shares the vocabulary and most tensors. */
export function generatedDraftOf(model: TinyLlamaOptions): TinyLlamaOptions {
  return { ...model, blockCount: 1, name: `${model.name ?? 'steward-bench'}-draft` };
}

/**
 * `--shape W x L [x heads [x kv-heads [x ffn]]]`, e.g. 2048x16 (the Llama-3.2-1B shape: 32 heads
 * of 64, 8 KV heads, FFN 4×W are the defaults) or 4096x32x32x8x14336 (Llama-3.1-8B). The
 * generator builds the file in memory, so Node's 4 GiB buffer limit caps it at about 1.9B F16
 * parameters; use a real GGUF beyond that.
 */
export function parseShape(shape: string): TinyLlamaOptions {
  const m = /^(\d+)x(\d+)(?:x(\d+))?(?:x(\d+))?(?:x(\d+))?$/.exec(shape.trim());
  if (!m) throw new Error(`--shape must look like 2048x16 or 4096x32x32x8x14336 (width x layers [x heads [x kv-heads [x ffn]]]), not "${shape}"`);
  const width = Number(m[1]);
  const layers = Number(m[2]);
  const heads = m[3] ? Number(m[3]) : Math.max(1, Math.round(width / 64));
  const kvHeads = m[4] ? Number(m[4]) : Math.max(1, Math.round(heads / 4));
  const ffn = m[5] ? Number(m[5]) : 4 * width;
  if (width % heads !== 0 || heads % kvHeads !== 0) throw new Error(`--shape ${shape}: width must be a multiple of heads, and heads a multiple of kv-heads`);
  return { ...GENERATED_BENCH_MODEL, embeddingLength: width, blockCount: layers, headCount: heads, headCountKv: kvHeads, feedForwardLength: ffn, name: `steward-bench-${width}x${layers}` };
}

export interface BenchModelFile {
  path: string;
  sizeBytes: number;
  /** True when the bench generated the file (no --model given). */
  generated: boolean;
  generatorOptions: TinyLlamaOptions | null;
  header: {
    architecture: string | null;
    name: string | null;
    embeddingLength: number | null;
    blockCount: number | null;
    trainedContextLength: number | null;
    /** general.file_type (llama_ftype): 0 F32, 1 F16, 15 Q4_K_M … */
    fileType: number | null;
    tensorCount: number;
    ggufVersion: number;
  };
}

function describe(header: GgufHeader, generated: boolean, generatorOptions: TinyLlamaOptions | null): BenchModelFile {
  return {
    path: header.path,
    sizeBytes: statSync(header.path).size,
    generated,
    generatorOptions,
    header: {
      architecture: header.architecture,
      name: header.name,
      embeddingLength: header.embeddingLength,
      blockCount: header.blockCount,
      trainedContextLength: header.contextLength,
      fileType: header.fileType,
      tensorCount: header.tensorCount,
      ggufVersion: header.version,
    },
  };
}

/** Checks a user-given GGUF (missing, foreign or truncated files fail here with the provider's own message). */
export async function userModel(file: string, role: 'chat' | 'draft'): Promise<BenchModelFile> {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new Error(`No model file at ${absolute}. Pass an existing .gguf to --${role === 'chat' ? 'model' : 'draft'}.`);
  return describe(await assertCompleteGguf(absolute, { role }), false, null);
}

export async function generatedModel(options: TinyLlamaOptions): Promise<BenchModelFile> {
  return describe(await assertCompleteGguf(tinyLlamaGgufPath(options)), true, options);
}
