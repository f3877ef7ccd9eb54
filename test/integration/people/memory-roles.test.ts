/**
 * Business memory and people's roles, checked in the core on every memory request: everyone reads
 * company memory; the owner's personal facts and past conversations stay the owner's; directors
 * (and the owner) change facts; export, import, clear and memory settings are the owner's alone.
 * A refused request names the role that would do and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../src-main/core/core-types.js';
import type { MethodName } from '../../../src-preload/contract.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';

let t: TestCore;
let sam: CallContext;
let priya: CallContext;
const owner: CallContext = { actor: 'ui' };

// Answers are checked field by field; their static type does not matter here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = (method: MethodName, input: unknown, context: CallContext): Promise<any> => t.core.call(method, input, context);
const refusal = (method: MethodName, input: unknown, context: CallContext) =>
  call(method, input, context).then(
    () => null,
    (err: { code: string; userMessage: string }) => ({ code: err.code, message: err.userMessage }),
  );

beforeAll(async () => {
  t = await createTestCore();
  const samProfile = await t.core.request('people.add', { name: 'Sam Park', email: 'sam@acme.test', role: 'employee' });
  const priyaProfile = await t.core.request('people.add', { name: 'Priya Shah', email: 'priya@acme.test', role: 'director' });
  sam = { actor: 'person:sam@acme.test', personId: samProfile.id };
  priya = { actor: 'person:priya@acme.test', personId: priyaProfile.id };
  await call('memory.add', { statement: 'Sarah Lee is our CFO' }, owner);
  await call('memory.add', { statement: 'My favourite drink is oolong tea' }, owner);
});
afterAll(async () => t.dispose());

describe('memory with people’s roles', () => {
  it('everyone reads company facts; the owner’s personal facts are the owner’s alone', async () => {
    const mine = await call('memory.list', {}, owner);
    const personal = mine.facts.find((f: { object: string }) => f.object.includes('oolong'));
    expect(personal).toBeDefined();
    expect(mine.facts.some((f: { subject: string }) => f.subject === 'Sarah Lee')).toBe(true);

    for (const person of [sam, priya]) {
      const seen = await call('memory.list', {}, person);
      expect(seen.facts.some((f: { subject: string }) => f.subject === 'Sarah Lee')).toBe(true);
      expect(seen.facts.some((f: { object: string }) => f.object.includes('oolong'))).toBe(false);
      expect(seen.total).toBe(mine.total - 1);
      const searched = await call('memory.search', { query: 'oolong tea drink' }, person);
      expect(searched.facts.some((f: { fact: { object: string } }) => f.fact.object.includes('oolong'))).toBe(false);
      expect(searched.episodes).toEqual([]);
      expect(await refusal('memory.history', { factId: personal.id }, person)).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/it is about the owner personally, so only the owner can/) });
    }
    const ownerSearch = await call('memory.search', { query: 'oolong tea drink' }, owner);
    expect(ownerSearch.facts.some((f: { fact: { object: string } }) => f.fact.object.includes('oolong'))).toBe(true);
  });

  it('an employee may not change memory; a director may change company facts but not the owner’s personal ones', async () => {
    const before = await call('memory.list', {}, owner);
    const cfo = before.facts.find((f: { subject: string }) => f.subject === 'Sarah Lee');
    const personal = before.facts.find((f: { object: string }) => f.object.includes('oolong'));

    expect(await refusal('memory.add', { statement: 'Bob Jones is our CTO' }, sam)).toEqual({
      code: 'unauthorized',
      message: 'Sam Park (employee) may not change business memory (add, edit or forget facts, answer its questions): it needs the director role. The owner can change roles in Settings › People.',
    });
    expect(await refusal('memory.edit', { id: cfo.id, object: 'CEO' }, sam)).toMatchObject({ code: 'unauthorized' });
    expect(await refusal('memory.delete', { ids: [cfo.id] }, sam)).toMatchObject({ code: 'unauthorized' });
    expect(await refusal('memory.edit', { id: personal.id, object: 'green tea' }, priya)).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/^Priya Shah may not see or change that fact: it is about the owner personally/) });
    expect(await refusal('memory.delete', { ids: [personal.id] }, priya)).toMatchObject({ code: 'unauthorized' });
    expect((await call('memory.list', {}, owner)).facts).toEqual(before.facts);

    const added = await call('memory.add', { statement: 'Bob Jones is our CTO' }, priya);
    expect(added.stored.map((f: { subject: string }) => f.subject)).toContain('Bob Jones');
    const edited = await call('memory.edit', { id: cfo.id, object: 'CFO and COO' }, priya);
    expect(edited.object).toBe('CFO and COO');
    // The audit row names the director.
    expect(t.core.audit.list().find((a) => a.action === 'memory.edit')).toMatchObject({ actor: 'person:priya@acme.test', result: 'ok' });
  });

  it('export, import, clear and memory settings are the owner’s alone', async () => {
    const facts = (await call('memory.list', {}, owner)).total;
    for (const [method, input] of [
      ['memory.export', { format: 'json' }],
      ['memory.import', { content: '{}' }],
      ['memory.clear', { confirm: true }],
      ['memory.settings.update', { patch: { enabled: false } }],
    ] as const) {
      expect(await refusal(method, input, priya)).toMatchObject({
        code: 'unauthorized',
        message: 'Priya Shah (director) may not export, import or clear business memory, or change its settings: it needs the owner role. The owner can change roles in Settings › People.',
      });
    }
    expect((await call('memory.list', {}, owner)).total).toBe(facts);
    expect((await call('memory.settings.get', {}, owner)).enabled).toBe(true);
    const exported = await call('memory.export', { format: 'json' }, owner);
    expect(JSON.stringify(exported)).toContain('oolong');
  });
});
