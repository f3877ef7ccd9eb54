/**
 * What memory does with the embedder it is given: no model (every call fails with
 * model_missing), a weak one (hashing), a good one, one that answers an empty text with an empty
 * vector. Real encrypted database and sqlite-vec throughout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ModelMissingError } from '../../../src-main/core/llm/llm-errors.js';
import type { Embedder } from '../../../src-main/core/memory/embedder.js';
import { QUALITY_CHECK_PAIRS } from '../../../src-main/core/memory/embedder-quality.js';
import { createHashingEmbedder, hashEmbed } from '../../../src-main/core/memory/hashing-embedder.js';
import { createMemoryHarness, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

const NO_MODEL = /Keyword search only — install an embedding model for better recall/;

/** The app's embedder before a model is installed: every call fails with model_missing, until `install()`. */
class RouterLikeEmbedder implements Embedder {
  readonly id = 'router';
  calls = 0;
  private installed = false;
  install(): void {
    this.installed = true;
  }
  async embed(texts: string[]): Promise<number[][]> {
    this.calls += 1;
    if (!this.installed) throw new ModelMissingError({ role: 'embedding' });
    return texts.map((t) => hashEmbed(t, 384));
  }
}

/** Stands in for a real embedding model: each paraphrase pair of the quality check shares a direction. */
function paraphraseAwareEmbedder(): Embedder & { calls: number } {
  const concept = new Map<string, number>();
  QUALITY_CHECK_PAIRS.forEach(([a, b], i) => {
    concept.set(a, i);
    concept.set(b, i);
  });
  const embedder = {
    id: 'good-embedder',
    calls: 0,
    embed: async (texts: string[]) => {
      embedder.calls += 1;
      return texts.map((t) => {
        const i = concept.get(t);
        if (i === undefined) return hashEmbed(t, 384);
        const v = new Array<number>(384).fill(0);
        v[i * 7] = 1;
        return v;
      });
    },
  };
  return embedder;
}

async function chat(h: MemoryHarness, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: `u${i}`, text: `Invoice ${i} for the Acme order is due on Friday.` }, assistant: { messageId: `a${i}`, text: 'Noted.' } });
  }
}

describe('embedding status', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('with no model installed it says "keyword search only", stops asking, and tries again when a model arrives', async () => {
    const embedder = new RouterLikeEmbedder();
    h = await createMemoryHarness({ embedder, embedderWeight: 1 });
    await chat(h, 20);
    for (let i = 0; i < 5; i += 1) {
      const result = await h.memory.search({ query: 'Acme invoice' });
      expect(result.diagnostics.mode).toBe('keyword+entity');
      expect(result.diagnostics.reason).toMatch(NO_MODEL);
      expect(result.episodes.length).toBeGreaterThan(0);
    }
    await h.memory.idle();
    const status = h.memory.embeddingStatus();
    expect(status).toMatchObject({ state: 'no_model', available: false, vectorWeight: 0 });
    expect(status.reason).toMatch(NO_MODEL);
    expect(status.reason).toMatch(/Models screen: download bge-small-en-v1\.5-q8_0/);
    // One try at start-up; 20 turns and 5 searches later, still one.
    expect(embedder.calls).toBe(1);
    expect(h.log.entries.filter((e) => e.level === 'warn')).toHaveLength(1);
    expect(h.memory.analytics().vectors).toMatchObject({ available: false });
    expect(h.memory.analytics().vectors.status).toMatch(NO_MODEL);

    embedder.install();
    h.memory.retryEmbeddings();
    await h.memory.idle();
    expect(h.memory.embeddingStatus()).toMatchObject({ state: 'ready', available: true, reason: null });
    expect(h.memory.analytics().vectors).toMatchObject({ pending: 0, available: true });
    expect(h.memory.analytics().vectors.embedded).toBe(40);
    const result = await h.memory.search({ query: 'Acme invoice' });
    expect(result.diagnostics.mode).toBe('hybrid');
    expect(result.diagnostics.vectorHits).toBeGreaterThan(0);
  });

  it('an embedder that answers an empty text with an empty vector never switches vectors off', async () => {
    const hashing = createHashingEmbedder(384);
    const calls: string[][] = [];
    // node-llama-cpp's embedding of '' is a 0-length vector.
    const embedder: Embedder = { id: 'llama-like', embed: async (texts) => (calls.push(texts), (await hashing.embed(texts)).map((v, i) => (texts[i]!.trim() === '' ? [] : v))) };
    h = await createMemoryHarness({ embedder, embedderWeight: 1 });
    // A row stored empty by an older version, in the middle of a batch.
    await chat(h, 3);
    h.db.raw.prepare("INSERT INTO memory_episodes (id, conversation_id, message_id, role, text, created_at) VALUES ('legacy', 'c0', 'legacy', 'user', '', '2025-01-01T00:00:00.000Z')").run();
    await chat(h, 6);
    await h.memory.idle();
    expect(h.memory.embeddingStatus()).toMatchObject({ state: 'ready', available: true });
    expect(calls.flat()).not.toContain('');
    expect(h.memory.analytics().vectors).toMatchObject({ pending: 0, available: true });
    const vectors = (h.db.raw.prepare('SELECT count(*) AS n FROM memory_episode_vectors').get() as { n: number }).n;
    expect(vectors).toBe(12);
    const result = await h.memory.search({ query: 'invoice 4 Acme' });
    expect(result.diagnostics.mode).toBe('hybrid');
  });

  it('a weak embedder is judged by the paraphrase check and gets no vote; a good one gets full weight', async () => {
    const hashing = createHashingEmbedder(384);
    let weakCalls = 0;
    h = await createMemoryHarness({ embedder: { id: 'hashing-384', embed: async (t) => ((weakCalls += 1), hashing.embed(t)) } });
    await chat(h, 10);
    await h.memory.idle();
    const weak = h.memory.embeddingStatus();
    expect(weak).toMatchObject({ state: 'weak', available: false, vectorWeight: 0 });
    expect(weak.quality?.matched).toBeLessThan(8);
    expect(weak.reason).toMatch(/matched only \d+ of 20 paraphrases in memory's quality check/);
    // The probe and the check, then nothing: no turn is embedded for a vote that counts zero.
    expect(weakCalls).toBe(2);
    expect((h.db.raw.prepare('SELECT count(*) AS n FROM memory_episode_vectors').get() as { n: number }).n).toBe(0);
    const keywordOnly = await h.memory.search({ query: 'Acme invoice 3' });
    expect(keywordOnly.diagnostics.mode).toBe('keyword+entity');
    await h.dispose();

    const good = paraphraseAwareEmbedder();
    h = await createMemoryHarness({ embedder: good });
    await chat(h, 10);
    await h.memory.idle();
    expect(h.memory.embeddingStatus()).toMatchObject({ state: 'ready', available: true, vectorWeight: 1, quality: { matched: 20, pairs: 20 } });
    expect((h.db.raw.prepare('SELECT count(*) AS n FROM memory_episode_vectors').get() as { n: number }).n).toBe(20);
  });
});
