/**
 * The agent with the real business memory (src-main/core/memory): the Memory facade is passed in
 * as it is, commands short-circuit the model, and what was remembered reaches the next prompt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Memory } from '../../../src-main/core/memory/memory.js';
import type { Migration } from '../../../src-main/core/store/migration.js';
import { migration0003 } from '../../../src-main/core/store/migrations/0003-memory.js';
import { MIGRATIONS } from '../../../src-main/core/store/migrations/index.js';
import { createHarness, intentResponse, type Harness } from './support/agent-harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

function ensureMemoryMigration(): void {
  const list = MIGRATIONS as Migration[];
  if (!list.some((m) => m.version === 3)) list.push(migration0003);
  list.sort((a, b) => a.version - b.version);
}

describe('agent with the real business memory', () => {
  it('"Remember that …" is stored without the model, and the fact is in the next answer’s prompt', async () => {
    ensureMemoryMigration();
    h = await createHarness({
      memoryFor: (core) => new Memory({ db: core.db.raw, clock: core.clock, tuneCache: false }),
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('question') }, { match: { role: 'question' }, response: { type: 'text', text: 'Sarah Lopez is your CFO.' } }] },
    });
    const remembered = await h.send('Remember that Sarah Lopez is our CFO');
    expect(remembered.replies[0]!.text).toMatch(/remember/i);
    expect(h.provider.requests).toEqual([]);
    await h.send('who handles our finances? tell me her role', remembered.conversationId);
    const prompt = h.provider.requests.find((r) => r.role === 'question')!.messages[0]!.content;
    expect(prompt).toContain('Business memory');
    expect(prompt).toMatch(/Sarah Lopez/);
  });
});
