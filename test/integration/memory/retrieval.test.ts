import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedProvider } from '../../../src-main/core/llm/scripted-provider.js';
import { providerEmbedder } from '../../../src-main/core/memory/embedder.js';
import { createHashingEmbedder } from '../../../src-main/core/memory/hashing-embedder.js';
import { createMemoryHarness, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

/** A small business told to memory in plain "Remember that" statements (no model: the rule reader). */
async function seedBusiness(h: MemoryHarness): Promise<void> {
  for (const statement of [
    "Alice Smith's email is alice@acme.com",
    "Bob Jones's email is bob@acme.com",
    "Carol White's email is carol@acme.com",
    "Dana Cole's email is dana@acme.com",
    "Sarah Lee's email is sarah@acme.com",
    'Alice Smith and Bob Jones are in the engineering team',
    'Carol White is in the finance team',
    'Sarah Lee is our CFO since 2023',
    'my manager is Dana Cole',
    'I am in the engineering team',
    'We decided the marketing campaign launches in June',
  ]) {
    const result = await h.memory.remember(statement);
    expect(result.refused, statement).toBeNull();
  }
}

describe('retrieval and reference resolution', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('"Email the team" resolves to the user\'s team and its members\' emails', async () => {
    h = await createMemoryHarness();
    await seedBusiness(h);
    const [team] = h.memory.resolveReference('Email the team about the meeting');
    expect(team).toMatchObject({ phrase: 'the team', kind: 'team', ambiguous: false });
    expect(team?.entities.map((e) => e.name)).toEqual(['Engineering']);
    expect(team?.people.map((p) => p.email).sort()).toEqual(['alice@acme.com', 'bob@acme.com']);
    const context = await h.memory.contextFor('Email the team about the meeting', 400);
    expect(context.text).toContain('"the team" → Engineering: Alice Smith <alice@acme.com>, Bob Jones <bob@acme.com>');
  });

  it('resolves the engineering team, the finance team, my manager, the CFO and a first name', async () => {
    h = await createMemoryHarness();
    await seedBusiness(h);
    const refs = h.memory.resolveReference('Ask the finance team and my manager, cc the CFO and Alice, then tell the engineering team');
    const byPhrase = Object.fromEntries(refs.map((r) => [r.phrase.toLowerCase(), r.people.map((p) => p.email)]));
    expect(byPhrase).toEqual({
      'the engineering team': ['alice@acme.com', 'bob@acme.com'],
      'the finance team': ['carol@acme.com'],
      'my manager': ['dana@acme.com'],
      'the cfo': ['sarah@acme.com'],
      alice: ['alice@acme.com'],
    });
  });

  it('says so when a reference is unknown or ambiguous instead of guessing', async () => {
    h = await createMemoryHarness();
    await h.memory.remember("Alice Smith's email is alice@acme.com");
    await h.memory.remember("Alice Brown's email is abrown@acme.com");
    await h.memory.remember('Ken Ito is in the sales team');
    await h.memory.remember('Liv Moe is in the support team');
    const [alice] = h.memory.resolveReference('call Alice');
    expect(alice?.ambiguous).toBe(true);
    expect(alice?.people.map((p) => p.name).sort()).toEqual(['Alice Brown', 'Alice Smith']);
    const [legal] = h.memory.resolveReference('ask the legal team');
    expect(legal).toMatchObject({ people: [], note: 'No team called "legal" is known yet.' });
    const [team] = h.memory.resolveReference('email the team');
    expect(team?.ambiguous).toBe(true);
    expect(team?.note).toMatch(/Several teams are known \(Sales, Support\)/);
  });

  it('without an embedder: keyword + entity search, and the diagnostics say why', async () => {
    h = await createMemoryHarness();
    await seedBusiness(h);
    const result = await h.memory.search({ query: 'marketing campaign decision' });
    expect(result.diagnostics).toMatchObject({ mode: 'keyword+entity', vectorHits: 0 });
    expect(result.diagnostics.reason).toMatch(/No embedding model is available/);
    expect(result.facts[0]?.fact.object).toMatch(/marketing campaign launches in June/);
  });

  it('with an embedder: hybrid search fuses vectors, keywords and entities', async () => {
    h = await createMemoryHarness({ embedder: createHashingEmbedder(384), embedderWeight: 1 });
    await seedBusiness(h);
    await h.memory.idle();
    expect(h.memory.analytics().vectors).toMatchObject({ pending: 0, available: true });
    const result = await h.memory.search({ query: 'What is Carol White email?' });
    expect(result.diagnostics).toMatchObject({ mode: 'hybrid', reason: null, entities: ['Carol White'] });
    expect(result.diagnostics.vectorHits).toBeGreaterThan(0);
    expect(result.facts[0]?.fact).toMatchObject({ subject: 'Carol White', predicate: 'email' });
    expect(result.facts[0]?.via.sort()).toEqual(['entity', 'keyword', 'vector']);
  });

  it('any LlmProvider can be the embedder; its vectors land in sqlite-vec and are searched', async () => {
    const provider = new ScriptedProvider({ embeddingDimensions: 384 });
    h = await createMemoryHarness({ embedder: providerEmbedder(provider), embedderWeight: 1 });
    await seedBusiness(h);
    await h.memory.idle();
    expect(provider.requests.some((r) => r.kind === 'embed')).toBe(true);
    const result = await h.memory.search({ query: "Carol White's email" });
    expect(result.diagnostics).toMatchObject({ mode: 'hybrid', reason: null });
    expect(result.diagnostics.vectorHits).toBeGreaterThan(0);
    expect(result.facts[0]?.fact.subject).toBe('Carol White');
  });

  it('an embedder of the wrong size is refused and search falls back, saying so', async () => {
    h = await createMemoryHarness({ embedder: createHashingEmbedder(64) });
    await seedBusiness(h);
    const result = await h.memory.search({ query: 'Carol email' });
    expect(result.diagnostics.mode).toBe('keyword+entity');
    expect(result.diagnostics.reason).toMatch(/64-dimensional vectors but memory needs 384/);
    expect(result.facts[0]?.fact.subject).toBe('Carol White');
  });

  it('packs context into the token budget, most relevant first, summarising what does not fit', async () => {
    h = await createMemoryHarness();
    for (let i = 0; i < 30; i += 1) await h.memory.remember(`Apollo project's milestone ${i} is the delivery of module number ${i} to the customer`);
    const small = await h.memory.contextFor('Apollo project milestones', 120);
    expect(small.tokens).toBeLessThanOrEqual(120);
    expect(small.omitted).toBeGreaterThan(0);
    expect(small.text).toMatch(/…and \d+ more facts? about Apollo/);
    const large = await h.memory.contextFor('Apollo project milestones', 4000);
    expect(large.facts.length).toBeGreaterThan(small.facts.length);
    expect(large.omitted).toBe(0);
    // Facts that went into a prompt count as used.
    expect(h.memory.analytics().mostUsed[0]?.useCount).toBeGreaterThanOrEqual(1);
    const none = await h.memory.contextFor('Apollo', 10);
    expect(none.text).toBe('');
  });

  it('answers "what did we decide about the marketing campaign?" from episodes', async () => {
    h = await createMemoryHarness();
    await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: 'm1', text: 'For the marketing campaign we decided on a June launch with a budget of 20k.' } });
    await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: 'm2', text: 'Unrelated: order more coffee.' } });
    const context = await h.memory.contextFor('What did we decide about the marketing campaign?', 500);
    expect(context.episodes.map((e) => e.messageId)).toEqual(['m1']);
    expect(context.text).toContain('June launch');
  });
});
