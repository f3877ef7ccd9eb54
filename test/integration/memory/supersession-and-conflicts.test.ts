import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHarness, extractionModel, xfact, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

describe('single-valued facts over time', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('John was CFO 2020–2023, Sarah is CFO since 2023: both kept, only Sarah is current', async () => {
    const model = extractionModel({
      'John was CFO': { facts: [xfact('John Smith', 'title', 'CFO', { validFrom: '2020', validTo: '2023' }), xfact('Sarah Lee', 'title', 'CFO', { validFrom: '2023' })] },
    });
    h = await createMemoryHarness({ provider: model });
    await h.memory.learnFromTurn({ user: { text: 'John was CFO 2020–2023, Sarah is CFO since 2023.' } });
    const all = h.memory.list({ status: 'all' }).facts;
    expect(all.map((f) => [f.subject, f.object, f.validFrom, f.validTo, f.current])).toEqual([
      ['John Smith', 'CFO', '2020', '2023', false],
      ['Sarah Lee', 'CFO', '2023', null, true],
    ]);
    const [cfo] = h.memory.resolveReference('Send it to the CFO');
    expect(cfo?.people.map((p) => p.name)).toEqual(['Sarah Lee']);
    expect(h.events.filter((e) => e.type === 'memory.question')).toHaveLength(0);
  });

  it('a new CFO "since 2023" closes the previous holder with valid_to instead of deleting it', async () => {
    const model = extractionModel({
      'John is our CFO': { facts: [xfact('John Smith', 'title', 'CFO')] },
      'Sarah took over': { facts: [xfact('Sarah Lee', 'title', 'Chief Financial Officer', { validFrom: '2023' })] },
    });
    h = await createMemoryHarness({ provider: model });
    await h.memory.learnFromTurn({ user: { text: 'John is our CFO.' } });
    await h.memory.learnFromTurn({ user: { text: 'Sarah took over as CFO in 2023.' } });
    const john = h.memory.list({ status: 'history' }).facts;
    expect(john).toHaveLength(1);
    expect(john[0]).toMatchObject({ subject: 'John Smith', object: 'CFO', validTo: '2023', status: 'active', current: false });
    const sarah = h.memory.list({ status: 'current', category: 'team_members' }).facts;
    expect(sarah.map((f) => [f.subject, f.object])).toEqual([['Sarah Lee', 'Chief Financial Officer']]);
    expect(john[0]?.supersededBy).toBe(sarah[0]?.id);
    // The history view shows the whole timeline of the title, with why it changed.
    const history = h.memory.history(sarah[0]!.id);
    expect(history.timeline.map((f) => f.subject)).toEqual(['John Smith', 'Sarah Lee']);
    expect(history.changes.some((c) => c.factId === john[0]!.id && c.change === 'superseded')).toBe(true);
  });

  it('a contradiction with a confident fact becomes a question; answering "new" closes the old value', async () => {
    const model = extractionModel({
      'first': { facts: [xfact('Bob Ray', 'email', 'bob@acme.com')] },
      'second': { facts: [xfact('Bob Ray', 'email', 'bob@newco.io')] },
    });
    h = await createMemoryHarness({ provider: model });
    await h.memory.learnFromTurn({ user: { text: 'first: Bob is bob@acme.com' } });
    const second = await h.memory.learnFromTurn({ user: { text: 'second: Bob is bob@newco.io' } });
    expect(second.questions).toHaveLength(1);
    const question = second.questions[0]!;
    expect(question.text).toBe("You said before that Bob Ray's email is bob@acme.com, now that Bob Ray's email is bob@newco.io. Which is correct?");
    expect(h.events.filter((e) => e.type === 'memory.question').map((e) => (e.type === 'memory.question' ? e.question.id : ''))).toEqual([question.id]);
    // Until answered, the old value is what memory uses; the new one waits.
    expect(h.memory.resolveReference('email Bob Ray')[0]?.people[0]?.email).toBe('bob@acme.com');
    expect(h.memory.analytics().awaitingConfirmation.map((q) => q.id)).toEqual([question.id]);

    const answered = h.memory.answer(question.id, { kind: 'conflict', keep: 'new' });
    expect(answered.outcome).toMatch(/bob@newco\.io/);
    expect(h.memory.resolveReference('email Bob Ray')[0]?.people[0]?.email).toBe('bob@newco.io');
    const old = h.memory.list({ status: 'history' }).facts[0];
    expect(old).toMatchObject({ object: 'bob@acme.com', validTo: '2025-03-01' });
    expect(h.memory.questions()).toHaveLength(0);
    expect(() => h.memory.answer(question.id, { kind: 'conflict', keep: 'existing' })).toThrow(/already answered/);
  });

  it('answering "existing" retires the new statement and confirms the old one', async () => {
    const model = extractionModel({
      'first': { facts: [xfact('our company', 'located_in', 'Berlin', { subjectType: 'company', objectType: 'place' })] },
      'second': { facts: [xfact('our company', 'located_in', 'Munich', { subjectType: 'company', objectType: 'place' })] },
    });
    h = await createMemoryHarness({ provider: model });
    await h.memory.learnFromTurn({ user: { text: 'first' } });
    const { questions } = await h.memory.learnFromTurn({ user: { text: 'second' } });
    h.memory.answer(questions[0]!.id, { kind: 'conflict', keep: 'existing' });
    const current = h.memory.list({ status: 'current' }).facts;
    expect(current.map((f) => f.object)).toEqual(['Berlin']);
    expect(current[0]?.confidence).toBe(0.95);
    const retired = h.memory.list({ status: 'history' }).facts;
    expect(retired).toMatchObject([{ object: 'Munich', status: 'retired', retiredReason: 'the user kept the earlier value' }]);
  });

  it('an implied old value is simply replaced; the same value again only reinforces', async () => {
    const model = extractionModel({
      'implied': { facts: [xfact('Eve Park', 'title', 'Designer', { explicit: false })] },
      'explicit': { facts: [xfact('Eve Park', 'title', 'Design Lead')] },
      'again': { facts: [xfact('Eve Park', 'title', 'Design Lead')] },
    });
    h = await createMemoryHarness({ provider: model });
    await h.memory.learnFromTurn({ user: { text: 'implied' } });
    await h.memory.learnFromTurn({ user: { text: 'explicit' } });
    await h.memory.learnFromTurn({ user: { text: 'again' } });
    expect(h.memory.questions()).toHaveLength(0);
    expect(h.memory.list({ status: 'current' }).facts.map((f) => f.object)).toEqual(['Design Lead']);
    expect(h.memory.list({ status: 'all' }).total).toBe(2);
  });

  it('learning the company name renames "our company" so it is found by name', async () => {
    const model = extractionModel({ 'We are': { facts: [xfact('our company', 'company_name', 'Acme Robotics', { subjectType: 'company' })] } });
    h = await createMemoryHarness({ provider: model });
    await h.memory.learnFromTurn({ user: { text: 'We are Acme Robotics.' } });
    expect(h.memory.describe('Acme Robotics').reply).toMatch(/About Acme Robotics/);
  });
});
