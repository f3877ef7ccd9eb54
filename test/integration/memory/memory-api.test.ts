import { afterEach, describe, expect, it } from 'vitest';
import { MEMORY_METHODS, MemorySettingsSchema, type MemoryMethodName, type MemorySettings } from '../../../src-preload/schemas/memory.js';
import type { MemoryPort } from '../../../src-main/core/agent/memory-port.js';
import { createMemoryHandlers, type MemoryHandler } from '../../../src-main/core/api/handlers/memory.js';
import type { HandlerDeps } from '../../../src-main/core/api/handlers.js';
import { toErrorPayload } from '../../../src-main/core/errors.js';
import { parseOrThrow } from '../../../src-main/core/validation.js';
import { createMemoryHarness, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

/** What the dispatcher does for a method: validate input, run (sync ones in a transaction), and here also validate the output. */
async function call(h: MemoryHarness, settings: { value: MemorySettings }, method: MemoryMethodName, input: unknown): Promise<unknown> {
  const table = createMemoryHandlers(() => ({
    memory: h.memory,
    settings: {
      get: () => settings.value,
      update: (patch) => {
        settings.value = parseOrThrow(MemorySettingsSchema, { ...settings.value, ...patch }, 'memory settings');
        return settings.value;
      },
    },
  }));
  const spec = MEMORY_METHODS[method];
  const parsed = parseOrThrow(spec.input, input, `request "${method}"`);
  const handler = table[method] as MemoryHandler<MemoryMethodName>;
  const deps = {} as HandlerDeps;
  const output = handler.kind === 'sync' ? h.db.transaction(() => handler.run(parsed as never, deps, { actor: 'test' })) : await handler.run(parsed as never, deps, { actor: 'test' });
  return parseOrThrow(spec.output, output, `${method} output`);
}

describe('memory contract methods', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('the facade plugs straight into the agent\'s memory port', async () => {
    h = await createMemoryHarness();
    const port: MemoryPort = h.memory;
    expect(await port.handleCommand?.('Remember that Ann Lee is our CTO', {})).toMatchObject({ reply: "I'll remember that Ann Lee is CTO." });
    expect(await port.contextFor('ask the CTO', 200)).toMatchObject({ text: expect.stringContaining('Ann Lee') });
  });

  it('every method answers in the shape its schema promises', async () => {
    h = await createMemoryHarness();
    const settings = { value: h.settings };
    await h.memory.remember("Bob Jones's email is bob@acme.com");
    await h.memory.remember("Bob Jones's email is bob@new.com");
    await h.memory.remember('Sarah Lee is our CFO since 2023');
    for (let i = 0; i < 3; i += 1) h.memory.recordTask({ kind: 'k', summary: 'do the thing' });

    const search = (await call(h, settings, 'memory.search', { query: 'Bob email' })) as { facts: { fact: { id: string } }[] };
    expect(search.facts.length).toBeGreaterThan(0);
    const list = (await call(h, settings, 'memory.list', { status: 'all' })) as { facts: { id: string; predicate: string }[]; total: number };
    expect(list.total).toBe(3);
    const title = list.facts.find((f) => f.predicate === 'title')!;
    await call(h, settings, 'memory.edit', { id: title.id, validFrom: '2022' });
    expect(await call(h, settings, 'memory.history', { factId: title.id })).toMatchObject({ changes: [{ change: 'created' }, { change: 'edited' }] });
    const questions = (await call(h, settings, 'memory.questions.list', {})) as { id: string; kind: string }[];
    expect(questions.map((q) => q.kind).sort()).toEqual(['conflict', 'workflow']);
    const conflict = questions.find((q) => q.kind === 'conflict')!;
    await call(h, settings, 'memory.questions.answer', { id: conflict.id, answer: { kind: 'conflict', keep: 'new' } });
    const workflow = questions.find((q) => q.kind === 'workflow')!;
    expect(await call(h, settings, 'memory.questions.answer', { id: workflow.id, answer: { kind: 'workflow', accept: true } })).toMatchObject({ workflow: { name: 'Do the thing' } });
    expect(await call(h, settings, 'memory.workflows.list', {})).toHaveLength(1);
    await call(h, settings, 'memory.analytics', {});
    const exported = (await call(h, settings, 'memory.export', { format: 'json' })) as { content: string };
    await call(h, settings, 'memory.export', { format: 'markdown' });
    expect(await call(h, settings, 'memory.settings.get', {})).toEqual(h.settings);
    expect(await call(h, settings, 'memory.settings.update', { patch: { summariseProjectsAfterDays: 60 } })).toMatchObject({ summariseProjectsAfterDays: 60 });
    expect(await call(h, settings, 'memory.delete', { ids: [title.id] })).toEqual({ deleted: 1, missing: [] });
    expect(await call(h, settings, 'memory.clear', { confirm: true })).toMatchObject({ deletedFacts: 2 });
    expect(await call(h, settings, 'memory.import', { content: exported.content })).toMatchObject({ imported: { facts: 3, workflows: 1 } });
  });

  it('bad input is refused with the field named, and nothing changes', async () => {
    h = await createMemoryHarness();
    const settings = { value: h.settings };
    await h.memory.remember("Bob Jones's email is bob@acme.com");
    const failure = async (method: MemoryMethodName, input: unknown) => {
      try {
        await call(h, settings, method, input);
        return null;
      } catch (err) {
        return toErrorPayload(err);
      }
    };
    expect(await failure('memory.search', { query: '   ' })).toMatchObject({ code: 'invalid_input', issues: [{ path: 'query', message: 'is empty — type what to look for' }] });
    expect(await failure('memory.clear', {})).toMatchObject({ code: 'invalid_input', issues: [{ path: 'confirm' }] });
    expect(await failure('memory.edit', { id: 'x', validFrom: 'last year' })).toMatchObject({ issues: [{ path: 'validFrom', message: 'must be a date such as 2023, 2023-04 or 2023-04-01' }] });
    expect(await failure('memory.questions.answer', { id: 'nope', answer: { kind: 'conflict', keep: 'new' } })).toMatchObject({ code: 'not_found' });
    expect(await failure('memory.settings.update', { patch: { autoExpire: { unusedDays: 2 } } })).toMatchObject({ code: 'invalid_input', issues: [{ path: 'autoExpire.unusedDays', message: 'must be at least 7 days' }] });
    expect(await failure('memory.settings.update', { patch: { enabeld: false } })).toMatchObject({ code: 'invalid_input' });
    expect(await failure('memory.import', { content: '{"format":"steward-memory"' })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Nothing was imported') });
    expect(h.memory.list({}).total).toBe(1);
    expect(settings.value).toEqual(h.settings);
  });
});
