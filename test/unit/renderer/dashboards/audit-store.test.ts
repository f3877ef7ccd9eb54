import { describe, expect, it } from 'vitest';
import { AUDIT_PAGE_SIZE, createAuditStore, filterAudit, type AuditStore } from '../../../../src-renderer/state/dashboards/audit-store.js';
import type { TestCore } from '../../../helpers/test-core.js';
import { useFreshCore } from '../support/fresh-core.js';
import type { InProcessApi } from '../support/in-process-api.js';
import { failing, LOST_CONNECTION } from './support/api-wrappers.js';

let t: TestCore;
let api: InProcessApi;
let store: AuditStore;

useFreshCore((core, inProcess) => {
  t = core;
  api = inProcess;
  store = createAuditStore(api);
});

/** `n` audited requests: conversations created through the real dispatcher. */
async function createConversations(n: number, prefix = 'Conversation'): Promise<void> {
  for (let i = 1; i <= n; i++) await t.core.request('conversations.create', { title: `${prefix} ${i}` });
}

/** What an attacker with the database key would do: drop the append-only guards, then edit. */
function tamper(sql: string): void {
  t.core.db.raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_erase_only; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  t.core.db.raw.prepare(sql).run();
}

describe('audit store', () => {
  it('shows loading, then the newest page first', async () => {
    await createConversations(3);
    const held = api.holdNext('audit.list');
    const loading = store.getState().load();
    expect(store.getState().status).toBe('loading');
    held();
    await loading;
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.entries.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(s.entries[0]).toMatchObject({ action: 'conversations.create', actor: 'test', result: 'ok', args: { title: '‹14 characters›' } });
    // Audit rows of requests keep sizes, never the user's text (erasable, DESIGN §4 and issue 12).
    expect(s.hasMore).toBe(false);
  });

  it('pages back through older entries without duplicates, and stops when there are no more', async () => {
    await createConversations(AUDIT_PAGE_SIZE + 7);
    await store.getState().load();
    expect(store.getState().entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(store.getState().hasMore).toBe(true);
    expect(store.getState().entries.at(-1)?.seq).toBe(8);

    await store.getState().loadMore();
    const seqs = store.getState().entries.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: AUDIT_PAGE_SIZE + 7 }, (_, i) => AUDIT_PAGE_SIZE + 7 - i));
    expect(store.getState()).toMatchObject({ hasMore: false, loadingMore: false, error: null });
  });

  it('says why the log could not be loaded, and loads it on retry', async () => {
    await createConversations(2);
    const broken = failing(api, 'audit.list');
    const offline = createAuditStore(broken);
    await offline.getState().load();
    expect(offline.getState()).toMatchObject({ status: 'error', error: LOST_CONNECTION, entries: [] });
    broken.heal();
    await offline.getState().load();
    expect(offline.getState()).toMatchObject({ status: 'ready', error: null });
    expect(offline.getState().entries).toHaveLength(2);
  });

  it('keeps the loaded rows when an older page fails to load', async () => {
    await createConversations(AUDIT_PAGE_SIZE + 1);
    const flaky = failing(api, 'audit.list');
    flaky.heal();
    const paging = createAuditStore(flaky);
    await paging.getState().load();
    flaky.breakAgain();
    await paging.getState().loadMore();
    expect(paging.getState()).toMatchObject({ error: LOST_CONNECTION, loadingMore: false, status: 'ready' });
    expect(paging.getState().entries).toHaveLength(AUDIT_PAGE_SIZE);
  });

  it('filters loaded rows by actor, action, result and free text', async () => {
    await createConversations(2, 'Quarterly plan');
    await t.core.request('settings.update', { patch: { theme: 'dark' } });
    await t.core.request('settings.update', { patch: { budgets: { dailyUsd: -1 } } }).catch(() => undefined);
    await api.call('conversations.create', { title: 'From the window' });
    await store.getState().load();
    const shown = () => filterAudit(store.getState().entries, store.getState().filter).map((e) => e.seq);

    expect(shown()).toEqual([5, 4, 3, 2, 1]);
    store.getState().setFilter({ result: 'error' });
    expect(shown()).toEqual([4]);
    store.getState().setFilter({ result: 'all', action: 'SETTINGS' });
    expect(shown()).toEqual([4, 3]);
    store.getState().setFilter({ action: '', actor: 'renderer' });
    expect(shown()).toEqual([5]);
    // Titles are kept as their size only ("Quarterly plan 1" is 16 characters); free text finds that.
    store.getState().setFilter({ actor: '', text: '16 characters' });
    expect(shown()).toEqual([2, 1]);
    // Filters combine.
    store.getState().setFilter({ text: 'dark', action: 'conversations' });
    expect(shown()).toEqual([]);
  });

  it('verifies an intact chain', async () => {
    await createConversations(4);
    const held = api.holdNext('audit.verify');
    const verifying = store.getState().verify();
    expect(store.getState().verifying).toBe(true);
    held();
    await verifying;
    expect(store.getState()).toMatchObject({ verifying: false, verifyError: null, verification: { ok: true, checked: 4, firstBadSeq: null, problem: null } });
  });

  it('finds an edited row in a tampered log and says which one', async () => {
    await createConversations(4);
    tamper('UPDATE audit_log SET args_json = \'{"title":"forged"}\' WHERE seq = 2');
    await store.getState().load();
    expect(store.getState().entries.find((e) => e.seq === 2)?.args).toEqual({ title: 'forged' });
    await store.getState().verify();
    expect(store.getState().verification).toMatchObject({ ok: false, firstBadSeq: 2, problem: expect.stringContaining('edited') });
  });

  it('finds deleted rows at the end of the log', async () => {
    await createConversations(4);
    tamper('DELETE FROM audit_log WHERE seq >= 3');
    await store.getState().verify();
    expect(store.getState().verification).toMatchObject({ ok: false, firstBadSeq: 3, problem: expect.stringContaining('deleted') });
  });

  it('forgets an old verdict once newer rows are written, but keeps it on an unchanged reload', async () => {
    await createConversations(2);
    await store.getState().load();
    await store.getState().verify();
    expect(store.getState().verification?.checked).toBe(2);
    await store.getState().load();
    expect(store.getState().verification?.checked).toBe(2);
    await createConversations(1, 'Later');
    await store.getState().load();
    expect(store.getState().verification).toBeNull();
    expect(store.getState().entries[0]?.args).toEqual({ title: '‹7 characters›' });
  });

  it('says why verification could not run, without claiming the chain is fine', async () => {
    await createConversations(1);
    const offline = createAuditStore(failing(api, 'audit.verify'));
    offline.setState({ verification: { ok: true, checked: 1, firstBadSeq: null, problem: null } });
    await offline.getState().verify();
    expect(offline.getState()).toMatchObject({ verifying: false, verifyError: LOST_CONNECTION, verification: null });
  });
});
