/**
 * Knowledge folders' vector path (issue 17: "embedded when an embedding model is installed,
 * keyword otherwise"), with real parts: the tests' tiny 384-dimension GGUF loaded by node-llama-cpp
 * embeds through the router, memory (on the same encrypted database) gives its verdict on the
 * embedder as in the app, and the passages' vectors are stored and searched in sqlite-vec.
 * The tiny model's vectors carry no meaning, so the tests check the mechanism: every passage gets
 * the model's own vector, a question is answered by the fused keyword + nearest-vector lists (a
 * passage none of the question's words are in is still found through its vector), a changed file's
 * vectors are replaced and none are left without their passage, and a removed model turns the
 * index state to keywords with the reason, until a model is back (a new one re-embeds everything).
 */
import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-preload/schemas/settings.js';
import { LocalLlamaProvider } from '../../../src-main/core/llm/local/local-llama-provider.js';
import { HybridRouter } from '../../../src-main/core/llm/router/hybrid-router.js';
import { KnowledgeService } from '../../../src-main/core/knowledge/knowledge-service.js';
import { memoryVectorVerdict, NO_EMBEDDING_MODEL } from '../../../src-main/core/knowledge/passage-embeddings.js';
import { modelNamedEmbedder } from '../../../src-main/core/memory/embedder.js';
import { providerEmbedder } from '../../../src-main/core/memory/embedder.js';
import { tempDir } from '../../helpers/test-core.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';
import { createMemoryHarness, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

const POLL = { timeout: 30_000, interval: 100 };
/** The same tiny embedding model the memory embedding tests load (one cached file per run). */
const MODEL_PATH = tinyLlamaGgufPath({ seed: 16, embeddingLength: 384, blockCount: 1, headCount: 4, headCountKv: 4 });

const HANDBOOK = ['# Acme handbook', '', '## Parental leave', '', 'Every parent gets 20 weeks of paid parental leave.', '', '## Expenses', '', 'Keep receipts for anything above 25 euros.'].join('\n');
const HANDBOOK_V2 = ['# Acme handbook', '', '## Remote work', '', 'Everyone may work from home on Fridays.', '', '## Equipment', '', 'Laptops are replaced every three years.'].join('\n');

let local: LocalLlamaProvider;
let router: HybridRouter;
let h: MemoryHarness;
let knowledge: KnowledgeService;
let docs: string;
let folderId: string;
/** The embedding model the settings name (the app names the embedder by it). */
let embeddingModel: string | null = 'tiny-embedder.gguf';
const warnings: string[] = [];

type Row = Record<string, unknown>;
const all = (sql: string, ...params: unknown[]) => h.db.raw.prepare(sql).all(...params) as Row[];
const one = (sql: string, ...params: unknown[]) => h.db.raw.prepare(sql).get(...params) as Row;
const storedVector = (chunkId: number): number[] => JSON.parse(one('SELECT vec_to_json(embedding) AS v FROM knowledge_chunk_vectors WHERE chunk_id = ?', chunkId).v as string) as number[];
const cosineDistance = (a: readonly number[], b: readonly number[]) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    dot += x * b[i]!;
    na += x * x;
    nb += b[i]! * b[i]!;
  });
  return 1 - dot / Math.sqrt(na * nb);
};
const orphans = () => one('SELECT count(*) AS n FROM knowledge_chunk_vectors v LEFT JOIN knowledge_chunks c ON c.id = v.chunk_id WHERE c.id IS NULL').n;
const counts = () => one('SELECT (SELECT count(*) FROM knowledge_chunks) AS chunks, (SELECT count(*) FROM knowledge_chunk_vectors) AS vectors');

async function settled(): Promise<void> {
  await expect.poll(() => knowledge.status().folders.every((f) => !f.syncing), POLL).toBe(true);
  await knowledge.idle();
}

/** Every passage's stored vector is the model's vector of its heading and text. */
async function expectModelVectors(): Promise<void> {
  const chunks = all('SELECT id, heading, text FROM knowledge_chunks ORDER BY id') as { id: number; heading: string; text: string }[];
  const expected = await local.embed(chunks.map((c) => (c.heading ? `${c.heading}\n${c.text}` : c.text)));
  chunks.forEach((c, i) => {
    const stored = storedVector(c.id);
    expect(stored).toHaveLength(384);
    stored.forEach((x, j) => expect(x).toBeCloseTo(expected[i]![j]!, 4));
  });
}

beforeAll(async () => {
  local = await LocalLlamaProvider.open({ modelPath: MODEL_PATH, sequences: 1, contextSize: 512, threads: 1 });
  const llm = SettingsSchema.parse({}).llm;
  router = new HybridRouter({ local, cloud: null, settings: () => llm });
  // Memory judges the embedder as in the app; the tiny model carries no meaning, so its weight is fixed as the memory tests do.
  h = await createMemoryHarness({ embedder: providerEmbedder(router), embedderWeight: 1 });
  await h.memory.idle();
  knowledge = new KnowledgeService({
    db: h.db.raw,
    now: () => new Date(),
    log: { info: () => undefined, warn: (message) => warnings.push(message) },
    embedder: modelNamedEmbedder(providerEmbedder(router), () => embeddingModel),
    vectorsUsable: () => memoryVectorVerdict(h.memory.embeddingStatus()),
  });
  docs = tempDir('steward-knowledge-vectors-');
  writeFileSync(path.join(docs, 'handbook.md'), HANDBOOK);
  writeFileSync(path.join(docs, 'travel.txt'), 'Travel policy\n\nTrains are preferred over flights under 600 kilometres.');
  writeFileSync(path.join(docs, 'staff.csv'), 'name,role\nDana Lee,CFO\nSam Park,Engineer\n');
}, 120_000);
afterAll(async () => {
  await knowledge?.close();
  await h?.dispose();
  await local?.close();
  if (docs) rmSync(docs, { recursive: true, force: true });
});

describe('knowledge passages with an embedding model', () => {
  it('gives every passage the model\'s vector, stored in sqlite-vec, and says passages are found by meaning', async () => {
    expect(h.memory.embeddingStatus()).toMatchObject({ state: 'ready' });
    folderId = (await knowledge.addFolder(docs)).id;
    await settled();
    const { chunks, vectors } = counts();
    expect(chunks).toBeGreaterThanOrEqual(4);
    expect(vectors).toBe(chunks);
    expect(all('SELECT DISTINCT embedder FROM knowledge_chunks')).toEqual([{ embedder: 'router:tiny-embedder.gguf' }]);
    expect(knowledge.vectorCounts()).toEqual({ embedded: chunks, pending: 0 });
    await expectModelVectors();
    expect(knowledge.status().search).toEqual({ mode: 'vectors', reason: null, embedded: { done: chunks, total: chunks } });
  }, 60_000);

  it('answers through both lists: keyword matches and nearest vectors fused, and a passage with none of the words found by its vector', async () => {
    const leave = await knowledge.rankedSearch('How much parental leave do parents get?', 3);
    expect(leave[0]!.passage.location.heading).toBe('Parental leave');
    expect(leave[0]).toMatchObject({ keywordRank: 1, vectorRank: expect.any(Number), distance: expect.any(Number) });
    // Every passage is among the nearest ones (there are fewer than 3 × 3): each result came through the vector list.
    expect(leave.every((r) => r.vectorRank !== null)).toBe(true);

    // None of these words is in any passage: keyword search alone finds nothing, the vectors still rank passages.
    const question = 'zebra quokka marmalade';
    expect(knowledge.repo.keywordSearch('"zebra" OR "quokka" OR "marmalade"', 10)).toEqual([]);
    const found = await knowledge.rankedSearch(question, 3);
    expect(found).toHaveLength(3);
    expect(found.every((r) => r.keywordRank === null && r.vectorRank !== null)).toBe(true);
    // Nearest first, and the nearest is the passage whose stored vector is closest to the model's vector of the question.
    const distances = found.map((r) => r.distance!);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    const [q] = await local.embed([question]);
    const closest = (all('SELECT id FROM knowledge_chunks') as { id: number }[]).map((c) => ({ id: c.id, d: cosineDistance(q!, storedVector(c.id)) })).sort((a, b) => a.d - b.d)[0]!;
    expect(found[0]!.passage.id).toBe(closest.id);
    expect(found[0]!.distance!).toBeCloseTo(closest.d, 3);
  }, 60_000);

  it('a changed file\'s passages get new vectors and the old ones go; a removed file or folder leaves no vector behind', async () => {
    writeFileSync(path.join(docs, 'handbook.md'), HANDBOOK_V2);
    knowledge.rescan(folderId);
    await expect.poll(() => all("SELECT 1 FROM knowledge_chunks WHERE heading = 'Remote work'").length, POLL).toBe(1);
    await settled();
    expect(all("SELECT 1 FROM knowledge_chunks WHERE heading = 'Parental leave'")).toEqual([]);
    expect(orphans()).toBe(0);
    expect(counts().vectors).toBe(counts().chunks);
    await expectModelVectors();
    const remote = await knowledge.rankedSearch('work from home', 1);
    expect(remote[0]).toMatchObject({ passage: { location: { heading: 'Remote work' } }, keywordRank: 1, vectorRank: expect.any(Number) });

    unlinkSync(path.join(docs, 'travel.txt'));
    knowledge.rescan(folderId);
    await expect.poll(() => all("SELECT 1 FROM knowledge_chunks WHERE text LIKE '%Trains%'").length, POLL).toBe(0);
    await settled();
    expect(orphans()).toBe(0);
    expect(counts().vectors).toBe(counts().chunks);
  }, 60_000);

  it('without the embedding model the index state says keywords and why; a model back uses the vectors again, a new one re-embeds every passage', async () => {
    // The model is removed: the router has no local model to embed with, as after Models › Remove.
    router.setProviders({ local: null });
    embeddingModel = null;
    await knowledge.embeddingModelChanged();
    expect(knowledge.status().search).toEqual({ mode: 'keywords', reason: NO_EMBEDDING_MODEL, embedded: null });
    expect(NO_EMBEDDING_MODEL).toMatch(/^No embedding model is installed: install one on the Models screen \(bge-small-en-v1\.5-q8_0\)/);
    const byWords = await knowledge.rankedSearch('work from home', 3);
    expect(byWords[0]).toMatchObject({ passage: { location: { heading: 'Remote work' } }, keywordRank: 1, vectorRank: null, distance: null });
    expect(await knowledge.rankedSearch('zebra quokka marmalade', 3)).toEqual([]);
    expect(warnings.some((w) => /no embedding model/.test(w))).toBe(true);

    // The same model back: its vectors are still good, nothing is embedded again.
    router.setProviders({ local });
    embeddingModel = 'tiny-embedder.gguf';
    await knowledge.embeddingModelChanged();
    await knowledge.idle();
    expect(knowledge.status().search).toEqual({ mode: 'vectors', reason: null, embedded: { done: counts().chunks, total: counts().chunks } });
    expect(knowledge.vectorCounts()).toEqual({ embedded: counts().chunks, pending: 0 });

    // Another embedding model: every passage is embedded again by it (vectors of two models never mix).
    embeddingModel = 'another-embedder.gguf';
    await knowledge.embeddingModelChanged();
    await knowledge.idle();
    expect(all('SELECT DISTINCT embedder FROM knowledge_chunks')).toEqual([{ embedder: 'router:another-embedder.gguf' }]);
    expect(orphans()).toBe(0);
    expect((await knowledge.rankedSearch('zebra quokka marmalade', 3)).every((r) => r.vectorRank !== null)).toBe(true);

    knowledge.removeFolder(folderId);
    expect(counts()).toEqual({ chunks: 0, vectors: 0 });
  }, 60_000);
});

describe('knowledge passages when the embedding model is not ready yet, or the wrong size', () => {
  it('passages indexed while memory was still checking the model get their vectors once it is ready and the screen looks', async () => {
    let memoryDone = false;
    const late = new KnowledgeService({
      db: h.db.raw,
      now: () => new Date(),
      log: { info: () => undefined, warn: () => undefined },
      embedder: modelNamedEmbedder(providerEmbedder(router), () => 'late-embedder.gguf'),
      vectorsUsable: () => (memoryDone ? memoryVectorVerdict(h.memory.embeddingStatus()) : { usable: false, reason: 'The embedding model is being checked.' }),
    });
    const folder = tempDir('steward-knowledge-late-');
    try {
      writeFileSync(path.join(folder, 'notes.md'), '# Notes\n\n## Office\n\nThe office opens at nine.\n\n## Parking\n\nVisitors park in bay four.');
      const { id } = await late.addFolder(folder);
      await expect.poll(() => late.status().folders.every((f) => !f.syncing), POLL).toBe(true);
      await late.idle();
      expect(late.status().search).toEqual({ mode: 'keywords', reason: 'The embedding model is being checked.', embedded: null });
      const passages = late.vectorCounts().pending;
      expect(passages).toBeGreaterThanOrEqual(2);
      expect(late.vectorCounts().embedded).toBe(0);

      memoryDone = true;
      // No sync comes after the verdict: the Knowledge screen asking for the status is enough to catch up (it says how far along).
      expect(late.status().search).toEqual({ mode: 'vectors', reason: null, embedded: { done: 0, total: passages } });
      await late.idle();
      expect(late.vectorCounts()).toEqual({ embedded: passages, pending: 0 });
      expect(late.status().search.embedded).toEqual({ done: passages, total: passages });
      late.removeFolder(id);
    } finally {
      await late.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('an embedding model that gives vectors of the wrong size turns the index state to keywords, naming the size needed', async () => {
    const small = await LocalLlamaProvider.open({ modelPath: tinyLlamaGgufPath({ seed: 17, embeddingLength: 128, blockCount: 1 }), sequences: 1, contextSize: 512, threads: 1 });
    try {
      router.setProviders({ local: small });
      embeddingModel = 'small-embedder.gguf';
      await knowledge.embeddingModelChanged();
      expect(knowledge.status().search).toEqual({
        mode: 'keywords',
        reason: 'The embedding model gives 128-dimensional vectors but passages need 384: choose a 384-dimension embedding model on the Models screen (bge-small-en-v1.5-q8_0).',
        embedded: null,
      });
      expect(await knowledge.rankedSearch('zebra quokka marmalade', 3)).toEqual([]);
    } finally {
      router.setProviders({ local });
      embeddingModel = 'tiny-embedder.gguf';
      await small.close();
    }
    await knowledge.embeddingModelChanged();
    expect(knowledge.status().search).toMatchObject({ mode: 'vectors', reason: null });
  }, 60_000);
});
