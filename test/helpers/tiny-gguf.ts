/**
 * Generates a tiny llama-architecture GGUF that node-llama-cpp really loads: seeded random
 * weights, a byte-level SentencePiece ("llama") vocabulary and a ChatML chat template. Random
 * weights talk nonsense, but everything around the weights (tokenizer, chat template, grammar,
 * sequences, embeddings, KV cache) is the real thing.
 *
 * Vocabulary: <unk>, <s>, </s>, <|im_start|>, <|im_end|>, the 256 byte tokens <0x00>..<0xFF>, and
 * "▁" (SentencePiece's space) so a space is one token. With no multi-byte merges, every other
 * character tokenizes to its UTF-8 bytes, so token counts are predictable in tests.
 *
 * The output rows of the five control tokens are zero: their logits are always 0 while random
 * rows spread around it, so greedy decoding never ends a turn by itself (tests control length
 * with maxTokens) — except under a grammar, where end-of-turn is the only allowed token.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeGguf, GgmlTensorType, type GgufTensor, type GgufValue } from './gguf/gguf-writer.js';
import { seededNormals } from './gguf/seeded-random.js';
import { toFloat16Array } from './gguf/float16.js';

export interface TinyLlamaOptions {
  /** Same seed, same bytes. Tensors draw per-name streams, so models that differ only in blockCount share their common tensors. */
  seed?: number;
  embeddingLength?: number;
  blockCount?: number;
  headCount?: number;
  headCountKv?: number;
  feedForwardLength?: number;
  /** Trained context length written to the header; node-llama-cpp never makes a bigger context. */
  contextLength?: number;
  /**
   * Standard deviation of the attention/FFN weights. Small values make every layer a small
   * correction, so a 1-layer draft of the same seed predicts most of the full model's tokens.
   */
  layerWeightStd?: number;
  /** Storage type of the 2-D weight matrices (norms are always F32). */
  weightType?: 'f32' | 'f16';
  name?: string;
  /**
   * Makes a "ranked" model instead of a random one: every position yields the same logits, so
   * greedy decoding picks the highest-ranked token the grammar allows. Listed tokens rank first
   * (in order; single characters name their byte token, e.g. '"', or give a control token such
   * as '<|im_end|>'); the rest follow by id, whitespace last. How: all token embeddings are equal,
   * the layers add nothing (zero output projections), so the final hidden state is constant and
   * each token's logit is its output row's sum.
   */
  preferenceOrder?: string[];
  /**
   * Makes a reranker instead of a chat model: the qwen3 architecture (llama plus per-head q/k
   * norms) with a Qwen3-Reranker-style head, `cls.output.weight` with the rows "yes" and "no"
   * (classifier.output_labels), and the reranker's prompt template. llama.cpp pools the last
   * token, applies the head and a softmax, so node-llama-cpp's ranking context returns P(yes).
   * Random weights rank at random: this model is for plumbing, not for quality.
   */
  ranking?: boolean;
}

export const TINY_SPECIAL_TOKENS = ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'] as const;
export const TINY_BYTE_TOKEN_OFFSET = TINY_SPECIAL_TOKENS.length;
export const TINY_SPACE_TOKEN = '\u2581';
export const TINY_VOCAB_SIZE = TINY_SPECIAL_TOKENS.length + 256 + 1;

/** The classic ChatML template (what Qwen/OpenHermes ship); node-llama-cpp recognises it as ChatML. */
export const TINY_CHAT_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const TOKEN_TYPE = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, BYTE: 6 } as const;

/**
 * The rerank prompt (tokenizer.chat_template.rerank, node-llama-cpp's {query}/{document} slots):
 * Qwen3-Reranker's layout without its long instruction, so a ranking costs few tokens in tests.
 */
export const TINY_RERANK_TEMPLATE = '<|im_start|>user\n<Query>: {query}\n<Document>: {document}<|im_end|>\n<|im_start|>assistant\n';

function resolve(options: TinyLlamaOptions): Required<TinyLlamaOptions> {
  return {
    seed: options.seed ?? 1,
    embeddingLength: options.embeddingLength ?? 128,
    blockCount: options.blockCount ?? 2,
    headCount: options.headCount ?? 4,
    headCountKv: options.headCountKv ?? 2,
    feedForwardLength: options.feedForwardLength ?? 256,
    contextLength: options.contextLength ?? 32768,
    layerWeightStd: options.layerWeightStd ?? 0.05,
    weightType: options.weightType ?? 'f16',
    name: options.name ?? 'steward-tiny-llama',
    preferenceOrder: options.preferenceOrder ?? [],
    ranking: options.ranking ?? false,
  };
}

function vocabulary(): { tokens: string[]; types: number[] } {
  const tokens: string[] = [...TINY_SPECIAL_TOKENS];
  const types: number[] = [TOKEN_TYPE.UNKNOWN, TOKEN_TYPE.CONTROL, TOKEN_TYPE.CONTROL, TOKEN_TYPE.CONTROL, TOKEN_TYPE.CONTROL];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN_TYPE.BYTE);
  }
  tokens.push(TINY_SPACE_TOKEN);
  types.push(TOKEN_TYPE.NORMAL);
  return { tokens, types };
}

/** Builds the whole file in memory (about 0.5 MB with the defaults). */
export function buildTinyLlamaGguf(options: TinyLlamaOptions = {}): Buffer {
  const o = resolve(options);
  if (o.embeddingLength % o.headCount !== 0) throw new Error('embeddingLength must be a multiple of headCount');
  if (o.headCount % o.headCountKv !== 0) throw new Error('headCount must be a multiple of headCountKv');
  const headDim = o.embeddingLength / o.headCount;
  const kvDim = headDim * o.headCountKv;
  const { tokens, types } = vocabulary();
  const nVocab = tokens.length;
  const matrixType = o.weightType === 'f16' ? GgmlTensorType.F16 : GgmlTensorType.F32;

  // A reranker is qwen3 (llama.cpp builds the classifier head for qwen3, not for llama); its keys carry the architecture's name.
  const arch = o.ranking ? 'qwen3' : 'llama';
  const metadata: Array<readonly [string, GgufValue]> = [
    ['general.architecture', { type: 'string', value: arch }],
    ['general.name', { type: 'string', value: o.name }],
    ['general.file_type', { type: 'u32', value: o.weightType === 'f16' ? 1 : 0 }],
    ['general.alignment', { type: 'u32', value: 32 }],
    [`${arch}.context_length`, { type: 'u32', value: o.contextLength }],
    [`${arch}.embedding_length`, { type: 'u32', value: o.embeddingLength }],
    [`${arch}.block_count`, { type: 'u32', value: o.blockCount }],
    [`${arch}.feed_forward_length`, { type: 'u32', value: o.feedForwardLength }],
    [`${arch}.rope.dimension_count`, { type: 'u32', value: headDim }],
    [`${arch}.rope.freq_base`, { type: 'f32', value: 10000 }],
    [`${arch}.attention.head_count`, { type: 'u32', value: o.headCount }],
    [`${arch}.attention.head_count_kv`, { type: 'u32', value: o.headCountKv }],
    [`${arch}.attention.layer_norm_rms_epsilon`, { type: 'f32', value: 1e-5 }],
    [`${arch}.vocab_size`, { type: 'u32', value: nVocab }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'string[]', value: tokens }],
    ['tokenizer.ggml.scores', { type: 'f32[]', value: tokens.map(() => 0) }],
    ['tokenizer.ggml.token_type', { type: 'i32[]', value: types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', value: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: 2 }],
    ['tokenizer.ggml.eot_token_id', { type: 'u32', value: 4 }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
    // No "▁" prefix on the first word: token counts equal UTF-8 byte counts (plus spaces).
    ['tokenizer.ggml.add_space_prefix', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'string', value: TINY_CHAT_TEMPLATE }],
  ];
  if (o.ranking) {
    metadata.push([`${arch}.pooling_type`, { type: 'u32', value: 4 }]); // LLAMA_POOLING_TYPE_RANK
    metadata.push([`${arch}.classifier.output_labels`, { type: 'string[]', value: ['yes', 'no'] }]);
    metadata.push(['tokenizer.chat_template.rerank', { type: 'string', value: TINY_RERANK_TEMPLATE }]);
  }

  const tensors: GgufTensor[] = [];
  const matrix = (name: string, cols: number, rows: number, std: number, edit?: (v: Float32Array) => void): void => {
    const values = seededNormals(o.seed, name, cols * rows, std);
    edit?.(values);
    const data = matrixType === GgmlTensorType.F16 ? new Uint8Array(toFloat16Array(values).buffer) : new Uint8Array(values.buffer);
    tensors.push({ name, dims: [cols, rows], type: matrixType, data });
  };
  const ones = (name: string, n: number): void => {
    tensors.push({ name, dims: [n], type: GgmlTensorType.F32, data: new Uint8Array(new Float32Array(n).fill(1).buffer) });
  };

  const ranked = o.preferenceOrder.length > 0;
  const scores = ranked ? preferenceScores(tokens, o.preferenceOrder) : null;
  matrix('token_embd.weight', o.embeddingLength, nVocab, 0.5, scores ? (v) => v.fill(1) : undefined);
  ones('output_norm.weight', o.embeddingLength);
  matrix('output.weight', o.embeddingLength, nVocab, 0.1, (v) => {
    if (!scores) {
      // Zero rows for the control tokens (see the file comment).
      v.fill(0, 0, TINY_SPECIAL_TOKENS.length * o.embeddingLength);
      return;
    }
    for (let t = 0; t < nVocab; t++) v.fill(scores[t]! / o.embeddingLength, t * o.embeddingLength, (t + 1) * o.embeddingLength);
  });
  const zeroIfRanked = ranked ? (v: Float32Array) => v.fill(0) : undefined;
  for (let i = 0; i < o.blockCount; i++) {
    const p = `blk.${i}.`;
    const std = o.layerWeightStd;
    ones(`${p}attn_norm.weight`, o.embeddingLength);
    matrix(`${p}attn_q.weight`, o.embeddingLength, o.embeddingLength, std);
    matrix(`${p}attn_k.weight`, o.embeddingLength, kvDim, std);
    matrix(`${p}attn_v.weight`, o.embeddingLength, kvDim, std);
    if (o.ranking) {
      ones(`${p}attn_q_norm.weight`, headDim);
      ones(`${p}attn_k_norm.weight`, headDim);
    }
    matrix(`${p}attn_output.weight`, o.embeddingLength, o.embeddingLength, std, zeroIfRanked);
    ones(`${p}ffn_norm.weight`, o.embeddingLength);
    matrix(`${p}ffn_gate.weight`, o.embeddingLength, o.feedForwardLength, std);
    matrix(`${p}ffn_up.weight`, o.embeddingLength, o.feedForwardLength, std);
    matrix(`${p}ffn_down.weight`, o.feedForwardLength, o.embeddingLength, std, zeroIfRanked);
  }
  // The reranker head: one row per label ("yes", "no"), as the Qwen3-Reranker conversion makes it from the output rows of those words.
  if (o.ranking) matrix('cls.output.weight', o.embeddingLength, 2, 0.5);
  return encodeGguf(metadata, tensors);
}

/** Logit per token for a ranked model: listed tokens from 8 down, the rest below 0 by id, whitespace lowest. */
function preferenceScores(tokens: readonly string[], order: readonly string[]): Float32Array {
  const byteToken = (ch: string) => `<0x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}>`;
  const scores = new Float32Array(tokens.length);
  for (let t = 0; t < tokens.length; t++) scores[t] = -1 - t / tokens.length;
  for (const ws of [' ', '\n', '\t', '\r']) scores[tokens.indexOf(byteToken(ws))] = -4;
  scores[tokens.indexOf(TINY_SPACE_TOKEN)] = -4;
  order.forEach((name, rank) => {
    const id = tokens.indexOf(name.length === 1 ? byteToken(name) : name);
    if (id < 0) throw new Error(`preferenceOrder names unknown token ${JSON.stringify(name)}`);
    scores[id] = 8 - (8 * rank) / order.length;
  });
  return scores;
}

const written = new Map<string, string>();

/** Part of the file name hash: bump it whenever the generator's output changes for the same options. */
const GENERATOR_VERSION = 2;

/**
 * Path of the generated model for these options, written once per run into the OS temp folder.
 * The name carries a hash of the options and the content is deterministic, so parallel test
 * workers can share a file; it is written to a unique temp name and renamed, never half-written.
 */
export function tinyLlamaGgufPath(options: TinyLlamaOptions = {}): string {
  const o = resolve(options);
  // `ranking` joins the key only when set, so every earlier model keeps its file name.
  const { ranking, ...rest } = o;
  const key = createHash('sha256').update(JSON.stringify({ v: GENERATOR_VERSION, ...rest, ...(ranking ? { ranking } : {}) })).digest('hex').slice(0, 16);
  const cached = written.get(key);
  if (cached && existsSync(cached)) return cached;
  const dir = path.join(os.tmpdir(), 'steward-tiny-gguf');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `tiny-${ranking ? 'reranker' : 'llama'}-${key}.gguf`);
  if (!existsSync(file)) {
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, buildTinyLlamaGguf(o));
    renameSync(temp, file);
  }
  written.set(key, file);
  return file;
}
