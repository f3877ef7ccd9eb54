/** 'auto' context: up to 32K tokens per sequence where memory allows, never at the cost of parallel requests. */
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-preload/schemas/settings.js';
import { contextSizeForFit, planContext, type ContextPlanInput } from '../../../src-main/core/llm/local/context-sizing.js';

const MIB = 1024 * 1024;
// A shared 100 MiB graph plus 1 MiB of KV cache per 1,024 tokens per sequence (32K → 32 MiB a sequence).
const estimateBytes = async (sequences: number, contextSize: number) => (100 + sequences * (contextSize / 1024)) * MIB;

function input(freeMiB: number, overrides: Partial<ContextPlanInput> = {}): ContextPlanInput {
  return {
    setting: 'auto',
    trainContextSize: 131_072,
    requestedSequences: 'auto',
    maxSequences: 8,
    preferredSequences: 4,
    budget: { freeBytes: freeMiB * MIB, kind: 'vram' },
    estimateBytes,
    ...overrides,
  };
}

describe('planContext', () => {
  it('takes 32K tokens per sequence when memory holds the preferred parallel sequences at that length', async () => {
    // 1000 MiB free → 800 usable: 8 × 32 MiB + 100 = 356 MiB fits.
    const plan = await planContext(input(1000));
    expect(plan).toMatchObject({ contextSize: 32_768, sequences: 8 });
    expect(plan.contextReason).toBe('32K tokens per sequence: memory allows the longest automatic context');
  });

  it('steps down to 16K rather than give up parallel requests', async () => {
    // 200 MiB usable: 4 × 32K needs 228 MiB (no), 4 × 16K needs 164 MiB (yes).
    const plan = await planContext(input(250));
    expect(plan.contextSize).toBe(16_384);
    expect(plan.sequences).toBeGreaterThanOrEqual(4);
    expect(plan.contextReason).toMatch(/^16K tokens per sequence: a longer context would leave room for fewer than 4 parallel sequence\(s\)$/);
  });

  it('keeps 8K and fewer sequences when memory is short, and says so', async () => {
    const plan = await planContext(input(130)); // 104 MiB usable: not even 4 × 8K (132 MiB)
    expect(plan.contextSize).toBe(8_192);
    expect(plan.sequences).toBe(1);
    expect(plan.contextReason).toMatch(/memory is short/);
  });

  it('never goes beyond what the model was trained for', async () => {
    const plan = await planContext(input(1000, { trainContextSize: 4096 }));
    expect(plan.contextSize).toBe(4096);
    expect(plan.contextReason).toBe('4K tokens per sequence: the longest the model was trained for');
  });

  it('with a fixed sequence count, lengthens the context while that many fit', async () => {
    // 200 usable: 2 × 32K = 164 MiB fits.
    const plan = await planContext(input(250, { requestedSequences: 2 }));
    expect(plan).toMatchObject({ contextSize: 32_768, sequences: 2 });
  });

  it('a configured number is used as is (capped at the trained length)', async () => {
    expect(await planContext(input(10, { setting: 16_384 }))).toMatchObject({ contextSize: 16_384, contextReason: '16K tokens per sequence as configured' });
    const capped = await planContext(input(1000, { setting: 16_384, trainContextSize: 8192 }));
    expect(capped.contextSize).toBe(8192);
    expect(capped.contextReason).toContain('the model was trained for 8K');
  });
});

describe('settings.llm.contextSize', () => {
  it("defaults to 'auto', accepts a number of tokens, and names what is wrong otherwise", () => {
    expect(SettingsSchema.parse({}).llm.contextSize).toBe('auto');
    expect(SettingsSchema.parse({ llm: { contextSize: 16384 } }).llm.contextSize).toBe(16384);
    for (const bad of ['big', 100, 1_000_000, 4096.5]) {
      const result = SettingsSchema.safeParse({ llm: { contextSize: bad } });
      expect(result.success).toBe(false);
    }
    const wrong = SettingsSchema.safeParse({ llm: { contextSize: 'big' } });
    expect(wrong.error?.issues[0]?.message).toBe("must be 'auto' or a number of tokens from 512 to 131072");
  });

  it("'auto' counts as the 8K working context in fit checks and recommendations", () => {
    expect(contextSizeForFit('auto')).toBe(8192);
    expect(contextSizeForFit(20_000)).toBe(20_000);
  });
});
