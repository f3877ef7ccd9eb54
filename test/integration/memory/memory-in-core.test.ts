import { afterEach, describe, expect, it } from 'vitest';
import { createMemory } from '../../../src-main/core/memory/memory.js';
import type { MemoryEvent } from '../../../src-main/core/memory/memory-events.js';
import { migration0003 } from '../../../src-main/core/store/migrations/0003-memory.js';
import { Sqlite } from '../../../src-main/core/store/sqlite.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';

describe('memory inside a real core', () => {
  let t: TestCore;
  afterEach(async () => t?.dispose());

  it('refuses to start on a database without the memory schema, with a clear reason', () => {
    const bare = new Sqlite(':memory:');
    try {
      expect(() => createMemory({ db: bare })).toThrow(/no memory tables/);
    } finally {
      bare.close();
    }
  });

  it('lives beside the other tables in the core database and learns, recalls and clears there', async () => {
    t = await createTestCore();
    const raw = t.core.db.raw;
    if (!raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'memory_facts'").get()) raw.exec(migration0003.sql);
    const events: MemoryEvent[] = [];
    const memory = createMemory({ db: raw, secrets: t.secrets, clock: t.core.clock, onEvent: (e) => events.push(e) });
    await t.core.request('conversations.create', { title: 'kept' });
    await memory.remember("Nia Bose's email is nia@acme.com");
    await memory.learnFromTurn({ conversationId: null, user: { messageId: null, text: 'The offsite is in Lisbon.' } });
    expect((await memory.contextFor('email Nia', 300)).text).toContain('nia@acme.com');
    expect(memory.clearAll().deletedFacts).toBe(1);
    // Clearing memory leaves the rest of the profile alone.
    expect((await t.core.request('conversations.list', {})).map((c) => c.title)).toEqual(['kept']);
    expect(t.core.audit.verify().ok).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['memory.changed', 'memory.changed']);
  });
});
