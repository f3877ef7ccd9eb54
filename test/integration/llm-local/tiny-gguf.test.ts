/** The generator itself: deterministic, and models of one seed share their common tensors. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildTinyLlamaGguf, tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';
import { readGgufHeader } from '../../../src-main/core/llm/local/gguf-header.js';

function tensorBytes(file: string, header: Awaited<ReturnType<typeof readGgufHeader>>, name: string): Buffer {
  const t = header.tensors.find((x) => x.name === name)!;
  const start = header.dataOffset + t.offset;
  return readFileSync(file).subarray(start, start + (t.byteSize ?? 0));
}

describe('tiny GGUF generator', () => {
  it('is deterministic from its seed', () => {
    const a = buildTinyLlamaGguf({ seed: 5 });
    expect(buildTinyLlamaGguf({ seed: 5 }).equals(a)).toBe(true);
    expect(buildTinyLlamaGguf({ seed: 6 }).equals(a)).toBe(false);
    expect(a.length).toBeGreaterThan(300_000);
    expect(a.length).toBeLessThan(2_000_000);
    expect(a.subarray(0, 4).toString('latin1')).toBe('GGUF');
  });

  it('writes one file per option set and reuses it', () => {
    const p1 = tinyLlamaGgufPath({ seed: 9 });
    expect(tinyLlamaGgufPath({ seed: 9 })).toBe(p1);
    expect(tinyLlamaGgufPath({ seed: 10 })).not.toBe(p1);
    expect(readFileSync(p1).equals(buildTinyLlamaGguf({ seed: 9 }))).toBe(true);
  });

  it('gives a 1-layer draft the same embeddings, output and first layer as a 4-layer model of the same seed', async () => {
    const big = tinyLlamaGgufPath({ seed: 3, blockCount: 4 });
    const small = tinyLlamaGgufPath({ seed: 3, blockCount: 1 });
    const hb = await readGgufHeader(big);
    const hs = await readGgufHeader(small);
    for (const name of ['token_embd.weight', 'output.weight', 'blk.0.attn_q.weight', 'blk.0.ffn_down.weight']) {
      expect(tensorBytes(small, hs, name).equals(tensorBytes(big, hb, name))).toBe(true);
    }
  });
});
