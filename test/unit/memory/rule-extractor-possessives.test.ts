/**
 * "X's Y is Z" without a model: only a name owns something. Contractions ("That's", "It's") and
 * runs of text across punctuation are not possessors and must not become entities.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { extractByRules } from '../../../src-main/core/memory/rule-extractor.js';
import { createMemoryHarness, type MemoryHarness } from './helpers/memory-harness.js';

const triples = (text: string) => extractByRules(text, 1).map((c) => [c.subject, c.predicate, c.object]);

describe('possessives in the rule reader', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('reads names and refuses contractions and sentence fragments', () => {
    expect(triples("John's email is john@acme.com")).toEqual([['John', 'email', 'john@acme.com']]);
    expect(triples("Sarah Lee's title is CFO")).toEqual([['Sarah Lee', 'title', 'CFO']]);
    expect(triples("Acme Inc.'s address is 1 Main St")).toEqual([['Acme Inc.', 'address', '1 Main St']]);
    expect(triples("Caroline: Thanks, Melanie! That's great, the new office is lovely")).toEqual([]);
    expect(triples("That's the plan is fine")).toEqual([]);
    expect(triples("What's the budget is 5k")).toEqual([]);
    expect(triples("It's name is Bob")).toEqual([]);
  });

  it('"Remember that" with a chat fragment keeps a note and creates no entity named after the fragment', async () => {
    h = await createMemoryHarness();
    const result = await h.memory.remember("Caroline: Thanks, Melanie! That's great, the new office is lovely");
    expect(result.refused).toBeNull();
    expect(result.stored.map((f) => f.predicate)).toEqual(['note']);
    expect(h.memory.list({ status: 'all' }).entities.map((e) => e.name).filter((n) => /That|Melanie!/.test(n))).toEqual([]);
  });
});
