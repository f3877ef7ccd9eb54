/**
 * Past turns as memory keeps and returns them: the search limit is honoured for episodes, the
 * prompt's budget (not a fixed 15) bounds them, the diagnostics count episode vector hits, empty
 * turns are not stored, and a huge turn is capped and stored in chunks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHashingEmbedder } from '../../../src-main/core/memory/hashing-embedder.js';
import { CHUNK_CHARS, MAX_TURN_CHARS } from '../../../src-main/core/memory/turn-chunks.js';
import { createMemoryHarness, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

const episodeCount = (h: MemoryHarness) => (h.db.raw.prepare('SELECT count(*) AS n FROM memory_episodes').get() as { n: number }).n;

describe('episodes: limits, empty and long turns', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('search({limit: 10}) returns 10 matching turns, contextFor as many as its budget holds, and vector hits on turns are counted', async () => {
    h = await createMemoryHarness({ embedder: createHashingEmbedder(384), embedderWeight: 1 });
    for (let i = 0; i < 40; i += 1) await h.memory.learnFromTurn({ conversationId: `c${i}`, user: { messageId: `m${i}`, text: `Shipment ${i} of walnut desks left the Leeds warehouse.` } });
    await h.memory.idle();
    const ten = await h.memory.search({ query: 'walnut desks shipment', limit: 10 });
    expect(ten.episodes).toHaveLength(10);
    expect(ten.diagnostics.vectorHits).toBeGreaterThanOrEqual(10);
    expect(ten.facts).toHaveLength(0);
    const three = await h.memory.search({ query: 'walnut desks shipment', limit: 3 });
    expect(three.episodes).toHaveLength(3);
    const wide = await h.memory.contextFor('walnut desks shipment', 8000);
    expect(wide.episodes.length).toBeGreaterThan(15);
    expect(wide.tokens).toBeLessThanOrEqual(8000);
    const narrow = await h.memory.contextFor('walnut desks shipment', 300);
    expect(narrow.tokens).toBeLessThanOrEqual(300);
    expect(narrow.episodes.length).toBeLessThan(wide.episodes.length);
  });

  it('empty and whitespace-only turns are not stored; the reply beside them still is', async () => {
    h = await createMemoryHarness();
    const empty = await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: 'm1', text: '' }, assistant: { messageId: 'a1', text: 'Did you mean to send something?' } });
    const blank = await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: 'm2', text: ' \n\t  ' } });
    expect(empty.episodes).toBe(1);
    expect(blank.episodes).toBe(0);
    expect(episodeCount(h)).toBe(1);
    expect((h.db.raw.prepare('SELECT message_id FROM memory_episodes').get() as { message_id: string }).message_id).toBe('a1');
  });

  it(`a 2 MB turn is capped at ${MAX_TURN_CHARS.toLocaleString('en-US')} characters, stored as chunks, says what was left out, and is found`, async () => {
    h = await createMemoryHarness();
    const line = 'Deploy log: service restarted, health check passed, latency nominal. ';
    const huge = `The root cause was the expired TLS certificate on the billing gateway. ${line.repeat(Math.ceil(2_000_000 / line.length))}`;
    const result = await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: 'm1', text: huge } });
    const rows = h.db.raw.prepare('SELECT message_id, text FROM memory_episodes ORDER BY seq').all() as { message_id: string; text: string }[];
    expect(result.episodes).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0]!.message_id).toBe('m1');
    expect(rows[1]!.message_id).toBe('m1#2');
    for (const r of rows) expect(r.text.length).toBeLessThanOrEqual(CHUNK_CHARS + 80);
    const stored = rows.reduce((n, r) => n + r.text.length, 0);
    expect(stored).toBeLessThan(MAX_TURN_CHARS + 200);
    expect(rows.at(-1)!.text).toMatch(/more characters not kept in memory\]$/);
    // Learning the same message again adds nothing.
    expect((await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: 'm1', text: huge } })).episodes).toBe(0);
    const found = await h.memory.search({ query: 'expired TLS certificate billing gateway', limit: 3 });
    expect(found.episodes[0]?.episode.messageId).toBe('m1');
  });
});
