/**
 * A burst of turns (an import, a backlog) is stored in batches — one transaction for up to
 * STORE_BATCH_TURNS turns — with each turn's own time, and memory ends up exactly as if the
 * turns had been learned one at a time. Real encrypted database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_BATCH_TURNS } from '../../../src-main/core/memory/memory-learner.js';
import { createMemoryHarness, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

const TURNS = Array.from({ length: STORE_BATCH_TURNS * 2 + 7 }, (_, i) => ({
  at: new Date(Date.UTC(2025, 0, 1 + (i % 28), 9, i % 60)),
  user: i % 10 === 0 ? '   ' : `Invoice ${i} for the Acme order is due on Friday; Dana approved vendor ${i % 7}.`,
  assistant: `Noted invoice ${i}.`,
}));

const turnInput = (t: (typeof TURNS)[number], i: number) => ({ conversationId: `c${i % 3}`, at: t.at, user: { messageId: `u${i}`, text: t.user }, assistant: { messageId: `a${i}`, text: t.assistant } });

describe('ingest of a burst of turns', () => {
  const open: MemoryHarness[] = [];
  afterEach(async () => {
    for (const h of open.splice(0)) await h.dispose();
  });

  it('stores every turn of a burst with its own time, in fewer transactions, the same as one at a time', async () => {
    const burst = await createMemoryHarness();
    const single = await createMemoryHarness();
    open.push(burst, single);
    let transactions = 0;
    const original = burst.db.raw.transaction.bind(burst.db.raw);
    burst.db.raw.transaction = ((fn: Parameters<typeof original>[0]) => {
      const wrapped = original(fn);
      return ((...args: unknown[]) => {
        if (!burst.db.raw.inTransaction) transactions += 1;
        return wrapped(...args);
      }) as typeof wrapped;
    }) as typeof original;

    const results = await Promise.all(TURNS.map((t, i) => burst.memory.learnFromTurn(turnInput(t, i))));
    for (const [i, t] of TURNS.entries()) await single.memory.learnFromTurn(turnInput(t, i));

    // Whitespace-only user turns are not kept; every other message is, once.
    expect(results.map((r) => r.episodes)).toEqual(TURNS.map((t) => (t.user.trim() ? 2 : 1)));
    expect(transactions).toBeGreaterThan(0);
    expect(transactions).toBeLessThanOrEqual(Math.ceil(TURNS.length / STORE_BATCH_TURNS) + 1);
    const rows = (h: MemoryHarness) => h.db.raw.prepare('SELECT message_id, text, created_at, conversation_id FROM memory_episodes ORDER BY seq').all();
    expect(rows(burst)).toEqual(rows(single));
    const times = burst.db.raw.prepare("SELECT message_id, created_at FROM memory_episodes WHERE message_id LIKE 'a%'").all() as { message_id: string; created_at: string }[];
    for (const row of times) expect(row.created_at).toBe(TURNS[Number(row.message_id.slice(1))]!.at.toISOString());

    const a = await burst.memory.search({ query: 'who approved vendor 3 for Acme?' });
    const b = await single.memory.search({ query: 'who approved vendor 3 for Acme?' });
    expect(a.episodes.map((e) => e.episode.text)).toEqual(b.episodes.map((e) => e.episode.text));
    expect(a.episodes.length).toBeGreaterThan(0);
  });

  it('a turn sent again in a burst is stored once', async () => {
    const h = await createMemoryHarness();
    open.push(h);
    const input = turnInput(TURNS[1]!, 1);
    const [first, again] = await Promise.all([h.memory.learnFromTurn(input), h.memory.learnFromTurn(input)]);
    expect(first!.episodes).toBe(2);
    expect(again!.episodes).toBe(0);
    expect((h.db.raw.prepare('SELECT count(*) AS n FROM memory_episodes').get() as { n: number }).n).toBe(2);
  });
});
