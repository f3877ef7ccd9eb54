/** How many sequences fit: each one reserves its own full context. */
import { describe, expect, it } from 'vitest';
import { chooseSequenceCount } from '../../../src-main/core/llm/local/pool-sizing.js';

const MIB = 1024 * 1024;
// A context costs a shared 100 MiB graph plus 500 MiB of KV cache per sequence.
const estimateBytes = async (sequences: number) => (100 + 500 * sequences) * MIB;

describe('chooseSequenceCount', () => {
  it('takes as many full-size sequences as fit after the reserve', async () => {
    // 4000 MiB free, 20% held back → 3200 usable → 6 sequences (3100 MiB), not 7 (3600).
    const sizing = await chooseSequenceCount({ requested: 'auto', maxSequences: 16, budget: { freeBytes: 4000 * MIB, kind: 'vram' }, estimateBytes });
    expect(sizing.sequences).toBe(6);
    expect(sizing.reason).toMatch(/^6 sequence\(s\): about 5\d\d MiB each, 3200 MiB of VRAM usable$/);
  });

  it('stops at the configured maximum', async () => {
    const sizing = await chooseSequenceCount({ requested: 'auto', maxSequences: 4, budget: { freeBytes: 64_000 * MIB, kind: 'ram' }, estimateBytes });
    expect(sizing.sequences).toBe(4);
    expect(sizing.reason).toContain('(capped at 4)');
  });

  it('falls back to one (shrunk) context when not even one fits', async () => {
    const sizing = await chooseSequenceCount({ requested: 'auto', maxSequences: 8, budget: { freeBytes: 500 * MIB, kind: 'ram' }, estimateBytes });
    expect(sizing.sequences).toBe(1);
    expect(sizing.reason).toMatch(/context is shrunk to fit/);
  });

  it('an explicit number is used as is', async () => {
    expect((await chooseSequenceCount({ requested: 3, maxSequences: 8, budget: { freeBytes: 0, kind: 'ram' }, estimateBytes })).sequences).toBe(3);
  });
});
