import { afterEach, describe, expect, it } from 'vitest';
import { MEMORY_METHODS, MemorySettingsSchema, type MemoryFact, type MemoryMethodName, type MemorySettings } from '../../../src-preload/schemas/memory.js';
import { createMemoryHandlers, type MemoryHandler } from '../../../src-main/core/api/handlers/memory.js';
import type { HandlerDeps } from '../../../src-main/core/api/handlers.js';
import { toErrorPayload } from '../../../src-main/core/errors.js';
import { parseOrThrow } from '../../../src-main/core/validation.js';
import { createMemoryHarness, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

/** What the dispatcher does for a method: validate input, run (sync ones in a transaction), validate the output. */
async function call(h: MemoryHarness, method: MemoryMethodName, input: unknown): Promise<unknown> {
  const table = createMemoryHandlers(() => ({
    memory: h.memory,
    settings: { get: () => h.settings, update: (patch) => parseOrThrow(MemorySettingsSchema, { ...h.settings, ...patch }, 'memory settings') as MemorySettings },
  }));
  const spec = MEMORY_METHODS[method];
  const parsed = parseOrThrow(spec.input, input, `request "${method}"`);
  const handler = table[method] as MemoryHandler<MemoryMethodName>;
  const deps = {} as HandlerDeps;
  const output = handler.kind === 'sync' ? h.db.transaction(() => handler.run(parsed as never, deps, { actor: 'test' })) : await handler.run(parsed as never, deps, { actor: 'test' });
  return parseOrThrow(spec.output, output, `${method} output`);
}

async function failure(h: MemoryHarness, method: MemoryMethodName, input: unknown) {
  try {
    await call(h, method, input);
    return null;
  } catch (err) {
    return toErrorPayload(err);
  }
}

const currentFacts = (h: MemoryHarness) => h.memory.list({ status: 'all' }).facts;

describe('memory by hand (memory.add and memory.edit)', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('a fact typed on the Memory screen is kept as the user\'s own statement and can be found', async () => {
    h = await createMemoryHarness();
    const added = (await call(h, 'memory.add', { statement: '  Sarah Lee is our CFO  ' })) as { reply: string; stored: MemoryFact[] };
    expect(added.reply).toContain('Sarah Lee');
    expect(added.stored).toHaveLength(1);
    expect(added.stored[0]).toMatchObject({ subject: 'Sarah Lee', source: 'user', origin: null, current: true });
    const search = (await call(h, 'memory.search', { query: 'CFO' })) as { facts: { fact: { id: string } }[] };
    expect(search.facts.map((r) => r.fact.id)).toContain(added.stored[0]!.id);
    expect(await call(h, 'memory.history', { factId: added.stored[0]!.id })).toMatchObject({ changes: [{ change: 'created' }] });
  });

  it('a fact that contradicts one already kept becomes a question instead of replacing it', async () => {
    h = await createMemoryHarness();
    await call(h, 'memory.add', { statement: "Bob Jones's email is bob@acme.com" });
    const second = (await call(h, 'memory.add', { statement: "Bob Jones's email is bob@new.com" })) as { questions: { kind: string }[] };
    expect(second.questions.map((q) => q.kind)).toEqual(['conflict']);
    expect(currentFacts(h).filter((f) => f.current).map((f) => f.object)).toEqual(['bob@acme.com']);
  });

  it('empty, over-long and sensitive facts are refused with the reason, and nothing is stored', async () => {
    h = await createMemoryHarness();
    expect(await failure(h, 'memory.add', { statement: '   ' })).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'statement', message: 'is empty — write the fact, for example “Sarah Lee is our CFO”' }],
    });
    expect(await failure(h, 'memory.add', { statement: 'x'.repeat(501) })).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'statement', message: 'is too long (max 500 characters) — write one fact at a time' }],
    });
    expect(await failure(h, 'memory.add', { statement: 'My card number is 4111 1111 1111 1111' })).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'statement', message: expect.stringContaining('Nothing was saved') }],
    });
    expect(await failure(h, 'memory.add', {})).toMatchObject({ code: 'invalid_input', issues: [{ path: 'statement' }] });
    expect(currentFacts(h)).toEqual([]);
  });

  it('memory turned off refuses a typed fact and says where to turn it on', async () => {
    h = await createMemoryHarness({ settings: { enabled: false } });
    expect(await failure(h, 'memory.add', { statement: 'Sarah Lee is our CFO' })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Memory › Learning') });
    expect(currentFacts(h)).toEqual([]);
  });

  it('a learned fact edited by hand becomes the user\'s own, and its history keeps the old value', async () => {
    h = await createMemoryHarness();
    await call(h, 'memory.add', { statement: "Bob Jones's email is bob@acme.com" });
    const exported = (await call(h, 'memory.export', { format: 'json' })) as { content: string };
    await call(h, 'memory.clear', { confirm: true });
    // The same fact as another Steward learned it from a conversation.
    await call(h, 'memory.import', { content: exported.content.replaceAll('"source": "user"', '"source": "learned"').replaceAll('"source":"user"', '"source":"learned"') });
    const learned = currentFacts(h).find((f) => f.predicate === 'email')!;
    expect(learned).toMatchObject({ source: 'learned' });
    const edited = (await call(h, 'memory.edit', { id: learned.id, object: 'bob@jones.dev' })) as MemoryFact;
    expect(edited).toMatchObject({ id: learned.id, object: 'bob@jones.dev', source: 'user', origin: null });
    expect(await call(h, 'memory.history', { factId: learned.id })).toMatchObject({
      changes: [{ change: 'created' }, { change: 'edited', detail: 'edited by the user: value: bob@acme.com → bob@jones.dev' }],
    });
    expect(await failure(h, 'memory.edit', { id: learned.id, object: ' ' })).toMatchObject({ issues: [{ path: 'object', message: 'must not be empty' }] });
    expect(await failure(h, 'memory.edit', { id: learned.id, object: 'y'.repeat(501) })).toMatchObject({ issues: [{ path: 'object', message: 'is too long (max 500 characters)' }] });
    expect(currentFacts(h).find((f) => f.id === learned.id)).toMatchObject({ object: 'bob@jones.dev' });
  });
});
