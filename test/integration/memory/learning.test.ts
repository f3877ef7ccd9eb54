import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHarness, extractionModel, xfact, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';
import { ScriptedProvider } from '../../../src-main/core/llm/scripted-provider.js';

describe('learning from turns (background pass with the scripted model)', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('stores explicit facts at ~0.9 and implied ones at ~0.6, with the source message and both clocks', async () => {
    const model = extractionModel({
      'Sarah is our CFO': {
        entities: [{ name: 'Sarah Lee', type: 'person', aliases: ['Sarah'] }],
        facts: [
          xfact('Sarah Lee', 'title', 'CFO', { category: 'team_members', validFrom: '2023' }),
          xfact('Sarah Lee', 'email', 'sarah@acme.com', { category: 'team_members' }),
          xfact('our company', 'uses', 'Xero', { subjectType: 'company', objectType: 'tool', category: 'integrations', explicit: false }),
        ],
      },
    });
    h = await createMemoryHarness({ provider: model });
    const result = await h.memory.learnFromTurn({
      conversationId: 'c1',
      user: { messageId: 'm1', text: 'Sarah is our CFO since 2023, email sarah@acme.com. She sends the Xero reports.' },
      assistant: { messageId: 'm2', text: 'Noted.' },
    });
    expect(result.error).toBeNull();
    expect(result.episodes).toBe(2);
    const facts = h.memory.list({}).facts;
    const title = facts.find((f) => f.predicate === 'title')!;
    expect(title).toMatchObject({ subject: 'Sarah Lee', object: 'CFO', confidence: 0.9, validFrom: '2023', validTo: null, current: true, sourceMessageId: 'm1', sourceConversationId: 'c1', source: 'learned' });
    expect(title.learnedAt).toBe('2025-03-01T09:00:00.000Z');
    const uses = facts.find((f) => f.predicate === 'uses')!;
    expect(uses).toMatchObject({ object: 'Xero', confidence: 0.6, category: 'integrations', subject: 'Your company' });
    // The extraction request carried the memory role and the JSON schema name.
    expect(model.requests.find((r) => r.kind === 'chatJson')).toMatchObject({ role: 'memory', schemaName: 'memory_extraction' });
    expect(h.events.some((e) => e.type === 'memory.changed' && e.change === 'learned')).toBe(true);
  });

  it('never blocks the caller: learnFromTurn returns before the model answers', async () => {
    const model = extractionModel({ 'Dana': { facts: [xfact('Dana Cole', 'email', 'dana@acme.com')] } }, { delayMs: 200 });
    h = await createMemoryHarness({ provider: model });
    let settled = false;
    const pending = h.memory.learnFromTurn({ user: { text: 'Dana Cole is at dana@acme.com' } }).then((r) => {
      settled = true;
      return r;
    });
    // The caller got a promise and control back; nothing is decided yet.
    expect(settled).toBe(false);
    expect(h.memory.list({}).total).toBe(0);
    const result = await pending;
    expect(result.stored.map((f) => f.object)).toEqual(['dana@acme.com']);
  });

  it('drops and logs empty or absurd facts from the model instead of storing them', async () => {
    const model = extractionModel({
      'weird': {
        facts: [
          xfact('', 'email', 'x@y.com'),
          xfact('Bob', 'email', 'not-an-email'),
          xfact('Bob', 'title', 'null'),
          xfact('Bob', 'phone', '12'),
          xfact('Acme', 'employee_count', '-40', { subjectType: 'company' }),
          xfact('Bob', 'title', 'Engineer', { validFrom: '2023', validTo: '2019' }),
          xfact('Bob', 'title', 'Engineer', { validFrom: '3021' }),
          xfact('Bob', '???', 'Engineering lead'),
          xfact('Bob', 'note', 'a very long note '.repeat(30)),
          xfact('Bob', 'title', 'Bob'),
          xfact('Bob', 'title', 'Engineer'),
        ],
      },
    });
    h = await createMemoryHarness({ provider: model });
    const result = await h.memory.learnFromTurn({ user: { text: 'weird turn' } });
    expect(h.memory.list({ status: 'all' }).facts.map((f) => `${f.subject}/${f.predicate}/${f.object}`)).toEqual(['Bob/title/Engineer']);
    expect(result.dropped.map((d) => d.reason)).toEqual([
      'empty subject',
      'absurd value: is not an email address',
      'placeholder value',
      'absurd value: is not a phone number',
      'absurd value: is not a believable number of employees',
      'absurd date: ends before it starts',
      expect.stringMatching(/^absurd date: year 3021/),
      'unreadable predicate',
      'value too long',
      'value repeats the subject',
    ]);
    expect(h.log.entries.filter((e) => e.message === 'dropped a proposed fact')).toHaveLength(10);
  });

  it('keeps the turn as an episode even when the model fails, and reports the failure', async () => {
    const model = new ScriptedProvider({ rules: [{ match: { schemaName: 'memory_extraction' }, response: { type: 'error', error: 'failed' } }] });
    h = await createMemoryHarness({ provider: model });
    const result = await h.memory.learnFromTurn({ conversationId: 'c', user: { messageId: 'u1', text: 'We decided to move the marketing campaign to June.' } });
    expect(result).toMatchObject({ error: 'provider_failed', episodes: 1, stored: [] });
    const found = await h.memory.search({ query: 'what did we decide about the marketing campaign' });
    expect(found.episodes[0]?.episode.text).toBe('We decided to move the marketing campaign to June.');
  });

  it('respects memory off and per-category learning', async () => {
    const model = extractionModel({
      'prefs': { facts: [xfact('user', 'prefers', 'short emails', { category: 'preferences' }), xfact('Ann Bell', 'email', 'ann@acme.com', { category: 'team_members' })] },
    });
    h = await createMemoryHarness({ provider: model, settings: { learning: { company_info: true, team_members: true, preferences: false, projects: true, integrations: true, other: true } } });
    const result = await h.memory.learnFromTurn({ user: { text: 'prefs: I like short emails; Ann is ann@acme.com' } });
    expect(result.stored.map((f) => f.predicate)).toEqual(['email']);
    expect(result.dropped).toEqual([{ reason: 'learning is off for preferences', predicate: 'prefers' }]);

    h.setSettings({ enabled: false });
    const off = await h.memory.learnFromTurn({ user: { messageId: 'x', text: 'prefs: the zebra crossing' } });
    expect(off.skipped).toBe('memory_off');
    expect((await h.memory.search({ query: 'zebra crossing' })).episodes).toHaveLength(0);
    expect((await h.memory.contextFor('Email Ann', 500)).text).toBe('');
  });

  it('stores each message once even if the same turn is learned twice', async () => {
    h = await createMemoryHarness();
    await h.memory.learnFromTurn({ user: { messageId: 'same', text: 'hello there' } });
    const again = await h.memory.learnFromTurn({ user: { messageId: 'same', text: 'hello there' } });
    expect(again.episodes).toBe(0);
    expect(h.memory.analytics().totals.episodes).toBe(1);
  });
});
