/**
 * Writes a llama-architecture GGUF of a real model's shape (Llama-3.2-1B, Llama-3.1-8B) with
 * random Q4_K_M-style weights — Q4_K for every matrix, Q6_K for the output projection, F32
 * norms — and a vocabulary of the real size, for GPU speed runs (scripts/gpu-bench.sh). The work
 * per token depends on the shapes and quantization types, not on the values, so random blocks
 * measure what a real Q4_K_M file would; the answers are gibberish.
 *
 * The file is streamed to disk (an 8B file is ~4.6 GB), from one block of random bytes reused,
 * with each block's scale fields set to small finite half floats so no NaN or Inf reaches the math.
 */
import { randomFillSync } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, renameSync, writeSync } from 'node:fs';
import { encodeGguf, type GgufValue } from '../../../test/helpers/gguf/gguf-writer.js';

export interface RealisticShape {
  name: string;
  embeddingLength: number;
  blockCount: number;
  headCount: number;
  headCountKv: number;
  feedForwardLength: number;
  vocabSize: number;
  contextLength: number;
}

export const REALISTIC_SHAPES: Record<'llama-1b' | 'llama-8b' | 'llama-70b', RealisticShape> = {
  'llama-1b': { name: 'steward-bench-llama-1b-q4_k_m', embeddingLength: 2048, blockCount: 16, headCount: 32, headCountKv: 8, feedForwardLength: 8192, vocabSize: 128_256, contextLength: 131_072 },
  'llama-8b': { name: 'steward-bench-llama-8b-q4_k_m', embeddingLength: 4096, blockCount: 32, headCount: 32, headCountKv: 8, feedForwardLength: 14_336, vocabSize: 128_256, contextLength: 131_072 },
  'llama-70b': { name: 'steward-bench-llama-70b-q4_k_m', embeddingLength: 8192, blockCount: 80, headCount: 64, headCountKv: 8, feedForwardLength: 28_672, vocabSize: 128_256, contextLength: 131_072 },
};

const GGML = { F32: 0, Q4_K: 12, Q6_K: 14 } as const;
const QK_K = 256;
const BLOCK_BYTES = { [GGML.Q4_K]: 144, [GGML.Q6_K]: 210 } as const;
const FILE_TYPE_Q4_K_M = 15;
const ALIGNMENT = 32;
const CHAT_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

interface TensorPlan {
  name: string;
  dims: [number] | [number, number];
  type: number;
  bytes: number;
}

function plan(s: RealisticShape): TensorPlan[] {
  const headDim = s.embeddingLength / s.headCount;
  const kv = headDim * s.headCountKv;
  const matrix = (name: string, cols: number, rows: number, type: number = GGML.Q4_K): TensorPlan => {
    if (cols % QK_K !== 0) throw new Error(`${name}: row length ${cols} is not a multiple of ${QK_K}`);
    return { name, dims: [cols, rows], type, bytes: (cols / QK_K) * rows * BLOCK_BYTES[type as 12 | 14] };
  };
  const norm = (name: string): TensorPlan => ({ name, dims: [s.embeddingLength], type: GGML.F32, bytes: s.embeddingLength * 4 });
  const out: TensorPlan[] = [matrix('token_embd.weight', s.embeddingLength, s.vocabSize), norm('output_norm.weight'), matrix('output.weight', s.embeddingLength, s.vocabSize, GGML.Q6_K)];
  for (let i = 0; i < s.blockCount; i++) {
    const p = `blk.${i}.`;
    out.push(
      norm(`${p}attn_norm.weight`),
      matrix(`${p}attn_q.weight`, s.embeddingLength, s.embeddingLength),
      matrix(`${p}attn_k.weight`, s.embeddingLength, kv),
      matrix(`${p}attn_v.weight`, s.embeddingLength, kv),
      matrix(`${p}attn_output.weight`, s.embeddingLength, s.embeddingLength),
      norm(`${p}ffn_norm.weight`),
      matrix(`${p}ffn_gate.weight`, s.embeddingLength, s.feedForwardLength),
      matrix(`${p}ffn_up.weight`, s.embeddingLength, s.feedForwardLength),
      matrix(`${p}ffn_down.weight`, s.feedForwardLength, s.embeddingLength),
    );
  }
  return out;
}

function vocabulary(size: number): { tokens: string[]; types: number[] } {
  const tokens = ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'];
  const types = [2, 3, 3, 3, 3];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
  }
  tokens.push('\u2581');
  types.push(1);
  // Filler pieces up to the real vocabulary size: the output projection and sampling cost scale with it.
  for (let i = tokens.length; i < size; i++) {
    tokens.push(`\u2581w${i.toString(36)}`);
    types.push(1);
  }
  return { tokens, types };
}

/** A run of random blocks of `type` whose half-float scales are small and finite. */
function randomBlocks(type: 12 | 14, count: number): Buffer {
  const size = BLOCK_BYTES[type];
  const buf = randomFillSync(Buffer.alloc(size * count));
  for (let b = 0; b < count; b++) {
    const at = b * size;
    if (type === GGML.Q4_K) {
      buf.writeUInt16LE(0x1800 + (b % 256), at); // d ≈ 0.002
      buf.writeUInt16LE(0x1400 + (b % 256), at + 2); // dmin ≈ 0.001
    } else {
      buf.writeUInt16LE(0x1400 + (b % 256), at + 208); // d ≈ 0.001
    }
  }
  return buf;
}

/**
 * Writes the model to `file` (via a temporary name, so a half-written file never looks complete).
 * Returns its size. `sparse` writes only the header and extends the file without writing the
 * weights (all zero, taking no disk space): a complete-looking model of any size, for the
 * "model larger than memory" checks.
 */
export function writeRealisticGguf(file: string, shape: RealisticShape, options: { sparse?: boolean } = {}): number {
  const tensors = plan(shape);
  const { tokens, types } = vocabulary(shape.vocabSize);
  const metadata: Array<readonly [string, GgufValue]> = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: shape.name }],
    ['general.file_type', { type: 'u32', value: FILE_TYPE_Q4_K_M }],
    ['general.alignment', { type: 'u32', value: ALIGNMENT }],
    ['llama.context_length', { type: 'u32', value: shape.contextLength }],
    ['llama.embedding_length', { type: 'u32', value: shape.embeddingLength }],
    ['llama.block_count', { type: 'u32', value: shape.blockCount }],
    ['llama.feed_forward_length', { type: 'u32', value: shape.feedForwardLength }],
    ['llama.rope.dimension_count', { type: 'u32', value: shape.embeddingLength / shape.headCount }],
    ['llama.rope.freq_base', { type: 'f32', value: 500000 }],
    ['llama.attention.head_count', { type: 'u32', value: shape.headCount }],
    ['llama.attention.head_count_kv', { type: 'u32', value: shape.headCountKv }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.vocab_size', { type: 'u32', value: shape.vocabSize }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'string[]', value: tokens }],
    ['tokenizer.ggml.scores', { type: 'f32[]', value: tokens.map(() => 0) }],
    ['tokenizer.ggml.token_type', { type: 'i32[]', value: types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', value: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: 2 }],
    ['tokenizer.ggml.eot_token_id', { type: 'u32', value: 4 }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_space_prefix', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'string', value: CHAT_TEMPLATE }],
  ];
  // The metadata part comes from the test suite's writer (alignment 1: no padding); the tensor infos follow.
  const head = Buffer.from(encodeGguf(metadata, [], 1));
  head.writeBigUInt64LE(BigInt(tensors.length), 8);
  const infos: Buffer[] = [];
  let offset = 0;
  for (const t of tensors) {
    const name = Buffer.from(t.name, 'utf8');
    const info = Buffer.alloc(8 + name.length + 4 + 8 * t.dims.length + 4 + 8);
    let at = info.writeBigUInt64LE(BigInt(name.length), 0);
    at += name.copy(info, at);
    at = info.writeUInt32LE(t.dims.length, at);
    for (const d of t.dims) at = info.writeBigUInt64LE(BigInt(d), at);
    at = info.writeUInt32LE(t.type, at);
    info.writeBigUInt64LE(BigInt(offset), at);
    infos.push(info);
    offset = Math.ceil((offset + t.bytes) / ALIGNMENT) * ALIGNMENT;
  }
  const header = Buffer.concat([head, ...infos]);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  let written = 0;
  const write = (buf: Buffer) => {
    writeSync(fd, buf);
    written += buf.length;
  };
  try {
    write(header);
    write(Buffer.alloc((ALIGNMENT - (header.length % ALIGNMENT)) % ALIGNMENT));
    if (options.sparse) {
      written += offset;
      ftruncateSync(fd, written);
      return written;
    }
    const chunks = { [GGML.Q4_K]: randomBlocks(GGML.Q4_K, 8192), [GGML.Q6_K]: randomBlocks(GGML.Q6_K, 8192) };
    const ones = Buffer.alloc(shape.embeddingLength * 4);
    for (let i = 0; i < shape.embeddingLength; i++) ones.writeFloatLE(1, i * 4);
    for (const t of tensors) {
      if (t.type === GGML.F32) write(ones);
      else {
        const chunk = chunks[t.type as 12 | 14];
        let left = t.bytes;
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          write(n === chunk.length ? chunk : chunk.subarray(0, n));
          left -= n;
        }
      }
      write(Buffer.alloc((ALIGNMENT - (t.bytes % ALIGNMENT)) % ALIGNMENT));
    }
  } finally {
    closeSync(fd);
    renameSync(temp, file);
  }
  return written;
}
