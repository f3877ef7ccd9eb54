import { describe, expect, it } from 'vitest';
import type { MemoryFact } from '../../../../src-preload/contract.js';
import { createMemoryStore, type MemoryStore } from '../../../../src-renderer/state/dashboards/memory-store.js';
import type { TestCore } from '../../../helpers/test-core.js';
import { useFreshCore } from '../support/fresh-core.js';
import type { InProcessApi } from '../support/in-process-api.js';
import { failing, LOST_CONNECTION, until } from './support/api-wrappers.js';

let t: TestCore;
let api: InProcessApi;
let store: MemoryStore;

useFreshCore((core, inProcess) => {
  t = core;
  api = inProcess;
  store = createMemoryStore(api);
});

/** Facts the user told Steward, through the real memory (rules-based without a model). */
async function rememberTeam(): Promise<void> {
  await t.core.memory.remember("Bob Jones's email is bob@acme.com");
  await t.core.memory.remember('Sarah Lee is our CFO since 2023');
}

const fact = (predicate: string): MemoryFact => {
  const found = store.getState().facts.find((f) => f.predicate === predicate);
  expect(found, `a fact "${predicate}" is listed`).toBeDefined();
  return found!;
};
const objects = () => store.getState().facts.map((f) => f.object).sort();

describe('memory store: viewing', () => {
  it('shows loading, then the current facts with their entities, analytics, settings and questions', async () => {
    await rememberTeam();
    const held = api.holdNext('memory.list');
    const loading = store.getState().load();
    expect(store.getState().status).toBe('loading');
    held();
    await loading;
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.total).toBe(2);
    expect(objects()).toEqual(['CFO', 'bob@acme.com']);
    expect(s.entities.map((e) => e.name).sort()).toEqual(['Bob Jones', 'Sarah Lee']);
    expect(s.analytics?.totals).toMatchObject({ currentFacts: 2, entities: 2 });
    expect(s.settings).toMatchObject({ enabled: true, summariseProjectsAfterDays: 90 });
    expect(s.questions).toEqual([]);
  });

  it('filters by category', async () => {
    await rememberTeam();
    await store.getState().load();
    await store.getState().setCategory('company_info');
    expect(store.getState()).toMatchObject({ category: 'company_info', facts: [], total: 0 });
    await store.getState().setCategory('team_members');
    expect(objects()).toEqual(['CFO', 'bob@acme.com']);
    await store.getState().setCategory('all');
    expect(store.getState().total).toBe(2);
  });

  it('says why memory could not be loaded, and loads it on retry', async () => {
    await rememberTeam();
    const broken = failing(api, 'memory.analytics');
    const offline = createMemoryStore(broken);
    await offline.getState().load();
    expect(offline.getState()).toMatchObject({ status: 'error', error: LOST_CONNECTION });
    broken.heal();
    await offline.getState().load();
    expect(offline.getState()).toMatchObject({ status: 'ready', error: null, total: 2 });
  });

  it('searches, shows the matches, and goes back to the list when the search is cleared', async () => {
    await rememberTeam();
    await store.getState().load();
    const held = api.holdNext('memory.search');
    const searching = store.getState().runSearch('Bob email');
    expect(store.getState()).toMatchObject({ query: 'Bob email', searching: true });
    held();
    await searching;
    const s = store.getState();
    expect(s.searching).toBe(false);
    expect(s.searchError).toBeNull();
    expect(s.search?.facts[0]?.fact.object).toBe('bob@acme.com');

    store.getState().clearSearch();
    expect(store.getState()).toMatchObject({ query: '', search: null });
    // An empty query is no search at all, and never reaches the core.
    const before = api.calls.filter((m) => m === 'memory.search').length;
    await store.getState().runSearch('   ');
    expect(store.getState()).toMatchObject({ search: null, searching: false });
    expect(api.calls.filter((m) => m === 'memory.search').length).toBe(before);
  });

  it('keeps only the answer to the latest query when an older one comes back late', async () => {
    await rememberTeam();
    const held = api.holdNext('memory.search');
    const older = store.getState().runSearch('Bob');
    await store.getState().runSearch('CFO');
    held();
    await older;
    expect(store.getState().query).toBe('CFO');
    expect(store.getState().search?.facts.map((f) => f.fact.object)).toEqual(['CFO']);
  });

  it('shows a failed search as a search error, keeping the list', async () => {
    await rememberTeam();
    const offline = createMemoryStore(failing(api, 'memory.search'));
    await offline.getState().load();
    await offline.getState().runSearch('Bob');
    expect(offline.getState()).toMatchObject({ searchError: LOST_CONNECTION, searching: false, search: null, status: 'ready', total: 2 });
  });
});

describe('memory store: changing', () => {
  it('edits a fact: the list and the open search show the new value', async () => {
    await rememberTeam();
    await store.getState().load();
    await store.getState().runSearch('Bob email');
    const email = fact('email');
    expect(await store.getState().edit({ id: email.id, object: 'bob@new.example' })).toBeNull();
    expect(store.getState().notice).toBe('Saved “Bob Jones email”.');
    expect(fact('email').object).toBe('bob@new.example');
    expect(store.getState().search?.facts[0]?.fact.object).toBe('bob@new.example');
    const kept = await t.core.request('memory.list', { status: 'current' });
    expect(kept.facts.find((f) => f.id === email.id)?.object).toBe('bob@new.example');
  });

  it('returns the server’s message for the field the user got wrong, and changes nothing', async () => {
    await rememberTeam();
    await store.getState().load();
    const email = fact('email');
    expect(await store.getState().edit({ id: email.id, object: '   ' })).toEqual({ object: 'must not be empty' });
    expect(await store.getState().edit({ id: email.id, validFrom: 'someday' })).toEqual({ validFrom: expect.any(String) });
    // Not about a field: the whole message under the '' key.
    const gone = await store.getState().edit({ id: '00000000-0000-4000-8000-000000000000', object: 'x' });
    expect(Object.keys(gone ?? {})).toEqual(['']);
    expect(gone?.['']).toMatch(/not found/i);
    expect(fact('email').object).toBe('bob@acme.com');
  });

  it('deletes facts from the list and the open search, and says how many', async () => {
    await rememberTeam();
    await store.getState().load();
    await store.getState().runSearch('Bob email');
    await store.getState().remove([fact('email').id]);
    expect(store.getState().notice).toBe('Deleted 1 fact.');
    expect(objects()).toEqual(['CFO']);
    expect(store.getState().search?.facts.some((s) => s.fact.object === 'bob@acme.com')).toBe(false);
    await until(() => store.getState().total === 1, 'the reload after deleting');
  });

  it('a delete that failed leaves the fact listed and says why', async () => {
    await rememberTeam();
    const offline = createMemoryStore(failing(api, 'memory.delete'));
    await offline.getState().load();
    const id = offline.getState().facts[0]!.id;
    await offline.getState().remove([id]);
    expect(offline.getState()).toMatchObject({ error: LOST_CONNECTION, total: 2, notice: null });
    expect(offline.getState().facts.some((f) => f.id === id)).toBe(true);
  });

  it('opens a fact’s history: created, then edited', async () => {
    await rememberTeam();
    await store.getState().load();
    const title = fact('title');
    await store.getState().edit({ id: title.id, validFrom: '2022' });
    await store.getState().openHistory(title.id);
    const history = store.getState().history;
    expect(history?.factId).toBe(title.id);
    expect(history?.changes.map((c) => c.change)).toEqual(['created', 'edited']);
    store.getState().closeHistory();
    expect(store.getState().history).toBeNull();
  });

  it('exports JSON and Markdown that carry the facts', async () => {
    await rememberTeam();
    const json = await store.getState().exportAs('json');
    expect(json?.mime).toBe('application/json');
    expect(json?.fileName).toMatch(/\.json$/);
    expect(json?.content).toContain('bob@acme.com');
    expect(store.getState().notice).toBe(`Exported ${json?.fileName}.`);
    const md = await store.getState().exportAs('markdown');
    expect(md).toMatchObject({ mime: 'text/markdown', fileName: expect.stringMatching(/\.md$/) });
    expect(md?.content).toContain('Sarah Lee');

    const offline = createMemoryStore(failing(api, 'memory.export'));
    expect(await offline.getState().exportAs('json')).toBeNull();
    expect(offline.getState().error).toBe(LOST_CONNECTION);
  });

  it('clears everything, then imports the export back', async () => {
    await rememberTeam();
    await store.getState().load();
    await store.getState().runSearch('Bob');
    const exported = await store.getState().exportAs('json');

    expect(await store.getState().clearAll()).toBe(true);
    expect(store.getState().notice).toBe('Cleared 2 facts, 2 entities and 0 episodes.');
    expect(store.getState()).toMatchObject({ facts: [], total: 0, search: null, query: '' });

    await store.getState().importContent(exported!.content);
    expect(store.getState().importReport).toEqual({ ok: true, text: 'Imported 2 facts, 2 entities, 0 episodes and 0 workflows.' });
    expect(objects()).toEqual(['CFO', 'bob@acme.com']);

    // The same file again: nothing new, and it says the duplicates were skipped.
    await store.getState().importContent(exported!.content);
    expect(store.getState().importReport).toMatchObject({ ok: true, text: expect.stringContaining('duplicates skipped') });
    expect(store.getState().total).toBe(2);
  });

  it('reports a file that is not a memory export, and imports nothing', async () => {
    await store.getState().importContent('{"this": "is not an export"}');
    const report = store.getState().importReport;
    expect(report?.ok).toBe(false);
    expect(report?.text.length).toBeGreaterThan(0);
    expect((await t.core.request('memory.list', {})).total).toBe(0);
  });

  it('saves learning settings, and shows a refused value next to its field', async () => {
    await store.getState().load();
    expect(await store.getState().updateSettings({ summariseProjectsAfterDays: 30 })).toBe(true);
    expect(store.getState().settings?.summariseProjectsAfterDays).toBe(30);
    expect(t.core.settings.get().memory.summariseProjectsAfterDays).toBe(30);

    expect(await store.getState().updateSettings({ summariseProjectsAfterDays: 2 })).toBe(false);
    const errors = store.getState().settingsErrors;
    expect(Object.values(errors)).toContain('must be at least 7 days');
    expect(Object.keys(errors).every((k) => k.endsWith('summariseProjectsAfterDays'))).toBe(true);
    expect(store.getState().settings?.summariseProjectsAfterDays).toBe(30);

    expect(await store.getState().updateSettings({ learning: { preferences: false } })).toBe(true);
    expect(store.getState().settingsErrors).toEqual({});
  });

  it('answers a conflict question: the question goes away and the kept value is current', async () => {
    await t.core.memory.remember("Bob Jones's email is bob@acme.com");
    await t.core.memory.remember("Bob Jones's email is bob@new.com");
    await store.getState().load();
    const question = store.getState().questions.find((q) => q.kind === 'conflict');
    expect(question).toBeDefined();
    await store.getState().answer(question!.id, { kind: 'conflict', keep: 'new' });
    expect(store.getState().questions.some((q) => q.id === question!.id)).toBe(false);
    expect(store.getState().notice).toBeTruthy();
    await until(() => store.getState().facts.some((f) => f.object === 'bob@new.com') && !store.getState().facts.some((f) => f.object === 'bob@acme.com'), 'the kept email');
  });
});
