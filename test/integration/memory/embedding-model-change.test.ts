/**
 * A new embedding model: vectors of two models are not comparable even at the same size, so when
 * the settings name another model, memory checks it and embeds its facts and past turns again;
 * the same model again changes nothing, and vectors stored before the model was recorded are kept.
 * Real encrypted database and sqlite-vec throughout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { modelNamedEmbedder, type Embedder } from '../../../src-main/core/memory/embedder.js';
import { hashEmbed } from '../../../src-main/core/memory/hashing-embedder.js';
import { adoptVectorModel } from '../../../src-main/core/memory/vector-model.js';
import { createMemoryHarness, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

/** Two stand-in models that embed the same text in different directions (as two real models do). */
function twoModels(): { embedder: Embedder; use(model: 'alpha' | 'beta'): void; vectorOf(model: 'alpha' | 'beta', text: string): number[]; calls: () => number } {
  let model: 'alpha' | 'beta' = 'alpha';
  let calls = 0;
  const vectorOf = (which: 'alpha' | 'beta', text: string) => hashEmbed(which === 'alpha' ? text : `${text} ⟂ beta`, 384);
  const base: Embedder = {
    id: 'router',
    embed: async (texts) => {
      calls += 1;
      return texts.map((t) => vectorOf(model, t));
    },
  };
  return { embedder: modelNamedEmbedder(base, () => `${model}.gguf`), use: (m) => (model = m), vectorOf, calls: () => calls };
}

async function chat(h: MemoryHarness, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: `u${i}`, text: `Invoice ${i} for the Acme order is due on Friday.` }, assistant: { messageId: `a${i}`, text: 'Noted.' } });
  }
}

function storedVectors(h: MemoryHarness): { text: string; vector: Float32Array }[] {
  const rows = h.db.raw.prepare('SELECT e.text AS text, v.embedding AS embedding FROM memory_episodes e JOIN memory_episode_vectors v ON v.episode_seq = e.seq').all() as { text: string; embedding: Buffer }[];
  return rows.map((r) => ({ text: r.text, vector: new Float32Array(r.embedding.buffer, r.embedding.byteOffset, r.embedding.byteLength / 4) }));
}

function pending(h: MemoryHarness): number {
  return (h.db.raw.prepare('SELECT (SELECT count(*) FROM memory_facts WHERE embedded = 0) + (SELECT count(*) FROM memory_episodes WHERE embedded = 0) AS n').get() as { n: number }).n;
}

function madeBy(h: MemoryHarness, vectorOf: (text: string) => number[]): boolean {
  const stored = storedVectors(h);
  return stored.length > 0 && stored.every(({ text, vector }) => Array.from(vector).every((x, i) => Math.abs(x - (vectorOf(text)[i] ?? 0)) < 1e-5));
}

describe('a new embedding model', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('re-embeds every fact and past turn for the new model, and the same model again changes nothing', async () => {
    const models = twoModels();
    h = await createMemoryHarness({ embedder: models.embedder, embedderWeight: 1 });
    await chat(h, 6);
    await h.memory.idle();
    const before = storedVectors(h).length;
    expect(before).toBeGreaterThan(0);
    expect(madeBy(h, (t) => models.vectorOf('alpha', t))).toBe(true);

    // The settings now name another embedding model.
    models.use('beta');
    h.memory.retryEmbeddings();
    await h.memory.idle();
    expect(pending(h)).toBe(0);
    expect(storedVectors(h)).toHaveLength(before);
    expect(madeBy(h, (t) => models.vectorOf('beta', t))).toBe(true);
    expect(h.log.entries.some((e) => /embeds its facts and past turns again/.test(e.message))).toBe(true);
    // Searching works with the new model's vectors.
    const found = await h.memory.search({ query: 'Acme invoice due Friday' });
    expect(found.diagnostics.mode).not.toBe('keyword+entity');
    expect(found.episodes.length).toBeGreaterThan(0);

    // Nothing changed: no check, no re-embedding.
    const calls = models.calls();
    h.memory.retryEmbeddings();
    await h.memory.idle();
    expect(models.calls()).toBe(calls);
    expect(madeBy(h, (t) => models.vectorOf('beta', t))).toBe(true);

    // And back: the first model's vectors again, never a mix.
    models.use('alpha');
    h.memory.retryEmbeddings();
    await h.memory.idle();
    expect(madeBy(h, (t) => models.vectorOf('alpha', t))).toBe(true);
  });

  it('keeps the vectors an earlier version stored before it recorded which model made them', async () => {
    const models = twoModels();
    h = await createMemoryHarness({ embedder: models.embedder, embedderWeight: 1 });
    await chat(h, 4);
    await h.memory.idle();
    const before = storedVectors(h).length;
    // As right after the upgrade (migration 17): vectors on disk, no model recorded yet.
    h.db.raw.exec('DELETE FROM memory_vector_model');
    expect(adoptVectorModel(h.db.raw, models.embedder.id)).toEqual({ previous: null, reembed: false });
    expect(storedVectors(h)).toHaveLength(before);
    expect(pending(h)).toBe(0);
    // From then on that model is the one on record, and another one re-embeds.
    expect(adoptVectorModel(h.db.raw, 'router:other.gguf')).toEqual({ previous: models.embedder.id, reembed: true });
    expect(storedVectors(h)).toHaveLength(0);
    expect(pending(h)).toBeGreaterThan(0);
  });
});
