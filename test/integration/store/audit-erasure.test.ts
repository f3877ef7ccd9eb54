import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/store/database.js';
import { auditRowHash, GENESIS_HASH } from '../../../src-main/core/store/audit-hash.js';
import { MIGRATIONS } from '../../../src-main/core/store/migrations/index.js';
import { databaseKeyAccount } from '../../../src-main/core/app.js';
import { resolvePaths } from '../../../src-main/core/paths.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

const OLD_ID = '0b6f3c1e-5d7a-4a52-9e1f-2c3d4e5f6a7b';
const SECRET = 'Our Zanzibar acquisition closes on the 14th at 3.2 million';

describe('erasing what the user deletes, everywhere, with an audit chain that still verifies', () => {
  const open: TestCore[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.dispose();
  });

  it('audit rows of requests keep ids and sizes, never the text of messages or titles', async () => {
    const t = await createTestCore();
    open.push(t);
    const sent = await t.core.request('chat.send', { text: SECRET });
    await t.core.request('conversations.rename', { id: sent.conversationId, title: 'Zanzibar deal' });
    const rows = t.core.audit.list();
    expect(JSON.stringify(rows)).not.toContain('Zanzibar');
    expect(rows.find((r) => r.action === 'chat.send')?.args).toEqual({ text: `‹${SECRET.length} characters›` });
    expect(rows.find((r) => r.action === 'conversations.rename')?.args).toEqual({ id: sent.conversationId, title: '‹13 characters›' });
    expect(t.core.audit.verify().ok).toBe(true);
  });

  it('deleting a conversation removes its messages, episodes (with their index and vectors) and leaves audit tombstones that verify', async () => {
    const t = await createTestCore();
    open.push(t);
    const sent = await t.core.request('chat.send', { text: SECRET });
    const id = sent.conversationId;
    const raw = t.core.db.raw;
    raw.prepare("INSERT INTO memory_episodes (id, conversation_id, message_id, role, text, created_at) VALUES ('ep1', ?, ?, 'user', ?, '2026-01-01')").run(id, sent.message.id, SECRET);
    // A tool row of this conversation, as the tool runner writes it (tool arguments are kept, redacted).
    t.core.audit.append({ actor: 'agent', action: 'tool:email.send', args: { args: { body: SECRET }, conversationId: id }, result: 'ok' });
    const otherRow = t.core.audit.append({ actor: 'agent', action: 'tool:email.send', args: { args: { body: 'other conversation' }, conversationId: 'c-other' }, result: 'ok' });

    raw.prepare("INSERT INTO tasks (id, conversation_id, title, status, created_at, updated_at) VALUES ('t-done', ?, ?, 'succeeded', '2026-01-01', '2026-01-01')").run(id, SECRET);

    await t.core.request('conversations.delete', { id });

    expect(raw.prepare('SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?').get(id)).toEqual({ n: 0 });
    expect(raw.prepare("SELECT COUNT(*) AS n FROM tasks WHERE id = 't-done'").get()).toEqual({ n: 0 });
    expect(raw.prepare('SELECT COUNT(*) AS n FROM memory_episodes WHERE conversation_id = ?').get(id)).toEqual({ n: 0 });
    expect(raw.prepare("SELECT COUNT(*) AS n FROM memory_episodes_fts WHERE memory_episodes_fts MATCH 'zanzibar'").get()).toEqual({ n: 0 });
    const rows = t.core.audit.list();
    expect(JSON.stringify(rows)).not.toContain('Zanzibar');
    expect(rows.filter((r) => JSON.stringify(r.args) === '{"erased":true}').map((r) => r.action)).toEqual(['tool:email.send']);
    expect(rows.find((r) => r.action === 'chat.send')?.args).toEqual({ text: `‹${SECRET.length} characters›` });
    expect(rows.find((r) => r.seq === otherRow.seq)?.args).toMatchObject({ args: { body: 'other conversation' } });
    // Who did what, when, stays; the chain still verifies after the erasure.
    expect(rows.map((r) => r.action)).toContain('conversations.delete');
    expect(await t.core.request('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('an erased row can not be edited back, and editing a live row is still caught', async () => {
    const t = await createTestCore();
    open.push(t);
    const row = t.core.audit.append({ actor: 'agent', action: 'tool:notes', args: { note: 'x' }, result: 'ok' });
    const raw = t.core.db.raw;
    expect(() => raw.prepare("UPDATE audit_log SET args_json = '{\"note\":\"forged\"}' WHERE seq = ?").run(row.seq)).toThrow(/append-only/);
    t.core.audit.erase([row.seq]);
    expect(() => raw.prepare("UPDATE audit_log SET args_json = '{\"note\":\"back\"}', erased_at = NULL WHERE seq = ?").run(row.seq)).toThrow(/append-only/);
    raw.exec('DROP TRIGGER audit_log_erase_only');
    const live = t.core.audit.append({ actor: 'agent', action: 'tool:notes', args: { note: 'y' }, result: 'ok' });
    raw.prepare("UPDATE audit_log SET args_json = '{\"note\":\"forged\"}' WHERE seq = ?").run(live.seq);
    expect(t.core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: live.seq, problem: expect.stringContaining('edited') });
  });

  it('"forget" erases the audit rows that named the forgotten fact', async () => {
    const t = await createTestCore();
    open.push(t);
    await t.core.memory.remember("Dana Whitfield's phone is 555-0199");
    const fact = t.core.memory.list({}).facts[0]!;
    await t.core.request('memory.edit', { id: fact.id, object: '555-0142' });
    const editRow = t.core.audit.list().find((r) => r.action === 'memory.edit')!;
    expect(JSON.stringify(editRow.args)).toContain(fact.id);
    await t.core.request('memory.delete', { ids: [fact.id] });
    expect(t.core.audit.list().find((r) => r.seq === editRow.seq)?.args).toEqual({ erased: true });
    expect(JSON.stringify(t.core.audit.list())).not.toContain('555-01');
    expect(t.core.audit.verify().ok).toBe(true);
  });

  it('re-seals rows written before erasure existed, so they verify and can be erased too', async () => {
    // A profile at schema 5 with audit rows in the old format, holding message text.
    const dataDir = tempDir();
    const secrets = createMemorySecretStore();
    const paths = resolvePaths(dataDir, 'default');
    const old = await openDatabase({ path: paths.databasePath, infoPath: paths.databaseInfoPath, secrets, keyAccount: databaseKeyAccount('default'), migrations: MIGRATIONS.slice(0, 5) });
    let prev = GENESIS_HASH;
    old.raw.prepare("INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, 'Old', '2026-01-01', '2026-01-01')").run(OLD_ID);
    const rows = [
      { action: 'chat.send', args_json: JSON.stringify({ conversationId: OLD_ID, text: SECRET }) },
      { action: 'conversations.create', args_json: JSON.stringify({ title: 'Unrelated' }) },
    ];
    rows.forEach((r, i) => {
      const fields = { seq: i + 1, at: '2026-01-01T00:00:00.000Z', actor: 'ui', action: r.action, args_json: r.args_json, approver: null, cost_usd: null, result: 'ok', detail: null, rollback: null, prev_hash: prev, hash_version: 1 as const, args_digest: null };
      const hash = auditRowHash(fields);
      old.raw.prepare('INSERT INTO audit_log (seq, at, actor, action, args_json, approver, cost_usd, result, detail, rollback, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @args_json, @approver, @cost_usd, @result, @detail, @rollback, @prev_hash, @hash)').run({ ...fields, hash });
      old.raw.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(i + 1, hash);
      prev = hash;
    });
    old.close();

    const t = await createTestCore({ dataDir, secrets });
    open.push(t);
    expect(await t.core.request('audit.verify', {})).toEqual({ ok: true, checked: 2, firstBadSeq: null, problem: null });
    await t.core.request('conversations.delete', { id: OLD_ID });
    expect(JSON.stringify(t.core.audit.list())).not.toContain('Zanzibar');
    expect(t.core.audit.list().find((r) => r.seq === 2)?.args).toEqual({ title: 'Unrelated' });
    expect(await t.core.request('audit.verify', {})).toMatchObject({ ok: true, checked: 3 });
  });
});
