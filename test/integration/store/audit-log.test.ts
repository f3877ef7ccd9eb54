import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';

describe('hash-chained audit log', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore();
    await t.core.request('conversations.create', { title: 'one' });
    await t.core.request('conversations.create', { title: 'two' });
    await t.core.request('settings.update', { patch: { theme: 'dark' } });
    await t.core.request('conversations.create', { title: 'three' });
  });
  afterEach(() => t.dispose());

  const raw = () => t.core.db.raw;
  const withoutGuards = (fn: () => void) => {
    // What an attacker with the key would do: drop the append-only triggers, then edit.
    raw().exec('DROP TRIGGER audit_log_erase_only; DROP TRIGGER audit_log_no_delete;');
    fn();
  };

  it('writes one row per state-changing request and verifies clean', async () => {
    const rows = await t.core.request('audit.list', {});
    expect(rows.map((r) => r.action).reverse()).toEqual(['conversations.create', 'conversations.create', 'settings.update', 'conversations.create']);
    expect(await t.core.request('audit.verify', {})).toEqual({ ok: true, checked: 4, firstBadSeq: null, problem: null });
  });

  it('does not audit reads', async () => {
    await t.core.request('conversations.list', {});
    await t.core.request('settings.get', {});
    expect(t.core.audit.verify().checked).toBe(4);
  });

  it('refuses UPDATE and DELETE through SQL', () => {
    expect(() => raw().prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => raw().prepare("UPDATE audit_log SET args_json = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => raw().prepare('DELETE FROM audit_log WHERE seq = 4').run()).toThrow(/append-only/);
  });

  it('detects an edited row', () => {
    withoutGuards(() => raw().prepare("UPDATE audit_log SET args_json = '{\"title\":\"forged\"}' WHERE seq = 2").run());
    expect(t.core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 2, problem: expect.stringContaining('edited') });
  });

  it('detects a deleted row in the middle', () => {
    withoutGuards(() => raw().prepare('DELETE FROM audit_log WHERE seq = 2').run());
    expect(t.core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('detects the last rows being deleted', () => {
    withoutGuards(() => raw().prepare('DELETE FROM audit_log WHERE seq >= 3').run());
    expect(t.core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3, problem: expect.stringContaining('deleted') });
  });

  it('detects reordered rows', () => {
    withoutGuards(() => {
      const rows = raw().prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
      raw().prepare('DELETE FROM audit_log').run();
      const insert = raw().prepare(
        'INSERT INTO audit_log (seq, at, actor, action, args_json, approver, cost_usd, result, detail, rollback, prev_hash, hash, hash_version, args_salt, args_digest, erased_at) VALUES (@seq, @at, @actor, @action, @args_json, @approver, @cost_usd, @result, @detail, @rollback, @prev_hash, @hash, @hash_version, @args_salt, @args_digest, @erased_at)',
      );
      const swapped = [rows[0], rows[2], rows[1], rows[3]] as Record<string, unknown>[];
      swapped.forEach((row, i) => insert.run({ ...row, seq: i + 1 }));
    });
    const result = t.core.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.firstBadSeq).toBe(2);
  });

  it('redacts secrets in recorded arguments', () => {
    t.core.audit.append({ actor: 'test', action: 'integration.connect', args: { apiKey: 'sk-live-abcdefghijklmnopqrstuvwxyz', note: 'token sk-abcdefghijklmnopqrstuv' }, result: 'ok' });
    const [row] = t.core.audit.list({ limit: 1 });
    expect(JSON.stringify(row?.args)).not.toMatch(/abcdefghijklmnop/);
    expect(row?.args).toEqual({ apiKey: '[redacted]', note: 'token [redacted]' });
    expect(t.core.audit.verify().ok).toBe(true);
  });
});
