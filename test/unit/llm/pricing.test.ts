import { describe, expect, it } from 'vitest';
import { costOf, isPriceKnown, priceFor } from '../../../src-main/core/llm/pricing.js';
import { ScriptedProvider } from '../../../src-main/core/llm/scripted-provider.js';

describe('pricing', () => {
  it('prices known models per million tokens, including dated snapshots', () => {
    expect(priceFor('gpt-4o-mini')).toEqual({ inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 });
    expect(priceFor('gpt-4o-mini-2024-07-18')).toEqual(priceFor('gpt-4o-mini'));
    expect(priceFor('OpenAI/GPT-4o')).toEqual(priceFor('gpt-4o'));
    expect(costOf(priceFor('gpt-4o'), { promptTokens: 2_000_000, completionTokens: 100_000 })).toEqual({ usd: 6, priceKnown: true });
  });

  it('says "price unknown" for models not in the table instead of calling them free', () => {
    expect(priceFor('llama3.1:8b')).toBeNull();
    expect(costOf(null, { promptTokens: 5, completionTokens: 5 })).toEqual({ usd: 0, priceKnown: false });
    expect(isPriceKnown(new ScriptedProvider())).toBe(true);
  });
});
