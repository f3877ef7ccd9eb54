/** The GGUF header reader, cross-checked against node-llama-cpp's own GGUF parser. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGgufFileInfo } from 'node-llama-cpp';
import { assertCompleteGguf, readGgufHeader } from '../../../src-main/core/llm/local/gguf-header.js';
import { TINY_CHAT_TEMPLATE, TINY_VOCAB_SIZE, tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';

describe('readGgufHeader', () => {
  it('reads version, tensors and the metadata the app shows', async () => {
    const file = tinyLlamaGgufPath({ blockCount: 2 });
    const header = await readGgufHeader(file);
    expect(header).toMatchObject({
      version: 3,
      tensorCount: 3 + 2 * 9,
      architecture: 'llama',
      name: 'steward-tiny-llama',
      contextLength: 32768,
      embeddingLength: 128,
      blockCount: 2,
      fileType: 1,
      chatTemplate: TINY_CHAT_TEMPLATE,
      alignment: 32,
    });
    const tokens = header.metadata['tokenizer.ggml.tokens'];
    expect(tokens).toMatchObject({ type: 'array', length: TINY_VOCAB_SIZE });
    expect(header.expectedMinSize).toBeLessThanOrEqual(header.fileSize);
    expect(header.fileSize - (header.expectedMinSize ?? 0)).toBeLessThan(32);
  });

  it('agrees with node-llama-cpp about the tensor table', async () => {
    const file = tinyLlamaGgufPath();
    const ours = await readGgufHeader(file);
    const theirs = await readGgufFileInfo(file);
    expect(ours.tensorCount).toBe(theirs.tensorInfo?.length);
    expect(ours.architecture).toBe(theirs.metadata.general.architecture);
    expect(ours.contextLength).toBe(theirs.metadata.llama?.context_length);
    for (const [i, t] of ours.tensors.entries()) {
      const other = theirs.tensorInfo![i]!;
      expect(t.name).toBe(other.name);
      expect(t.dims).toEqual(other.dimensions.map(Number));
      expect(t.offset).toBe(Number(other.offset));
      expect(t.ggmlType).toBe(other.ggmlType);
    }
  });

  it('assertCompleteGguf accepts the complete file', async () => {
    const file = tinyLlamaGgufPath();
    const header = await assertCompleteGguf(file);
    expect(header.fileSize).toBe(readFileSync(file).length);
  });
});
