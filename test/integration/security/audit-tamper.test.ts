/**
 * Audit-log tampering by someone who holds the database key and knows the hash recipe (the source
 * is open): they drop the guard triggers, edit a row, recompute its hash so the row checks out on
 * its own, and re-point the next row at it. The next row's hash covers the link it carries, so
 * `audit.verify` still finds the break. And an audit row never holds a secret shape in clear
 * (DESIGN §4.4, §4.6).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRowHash, type HashedAuditFields } from '../../../src-main/core/store/audit-hash.js';
import { SECRETS } from '../../fixtures/secret-shapes.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';

type RawAuditRow = HashedAuditFields & { hash: string };

describe('audit log tampering that re-links the chain', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore();
    for (const title of ['one', 'two', 'three', 'four']) await t.core.request('conversations.create', { title });
  });
  afterEach(() => t.dispose());

  const raw = () => t.core.db.raw;
  const row = (seq: number) => raw().prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as RawAuditRow;

  /** Claims row k was approved by the user, gives it the hash that content would have, and points row k+1 at it. */
  function forgeAndRelink(k: number): void {
    const triggers = raw().prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string }[];
    for (const { name } of triggers) raw().exec(`DROP TRIGGER "${name}"`);
    const forgedHash = auditRowHash({ ...row(k), approver: 'ui' });
    raw().prepare("UPDATE audit_log SET approver = 'ui', hash = ? WHERE seq = ?").run(forgedHash, k);
    raw().prepare('UPDATE audit_log SET prev_hash = ? WHERE seq = ?').run(forgedHash, k + 1);
  }

  it('starts from a chain that verifies and whose rows hash as the recipe says', async () => {
    // Guards the test itself: the forgery below must be made with the recipe the log really uses.
    for (let seq = 1; seq <= 4; seq += 1) expect(auditRowHash(row(seq)), `row ${seq}`).toBe(row(seq).hash);
    expect(await t.core.request('audit.verify', {})).toEqual({ ok: true, checked: 4, firstBadSeq: null, problem: null });
  });

  it('detects row 2 edited, re-hashed and re-linked from row 3, naming row 3 as the first bad one', async () => {
    forgeAndRelink(2);
    // Row 2 on its own looks perfect now…
    expect(row(2).approver).toBe('ui');
    expect(auditRowHash(row(2))).toBe(row(2).hash);
    expect(row(3).prev_hash).toBe(row(2).hash);
    // …but row 3's hash was computed over the old link.
    const result = await t.core.request('audit.verify', {});
    expect(result).toMatchObject({ ok: false, firstBadSeq: 3, problem: expect.stringContaining('row 3') });
    expect(result.checked).toBe(2);
  });

  it('detects the same forgery on the row before the newest one (the chain head still names the real last row)', async () => {
    forgeAndRelink(3);
    expect(await t.core.request('audit.verify', {})).toMatchObject({ ok: false, firstBadSeq: 4 });
  });
});

describe('secrets in audit rows', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore();
  });
  afterEach(() => t.dispose());

  it('stores no secret shape in clear, in arguments, detail or rollback, and the row still verifies', () => {
    const allText = SECRETS.map((c) => c.text).join('\n');
    t.core.audit.append({ actor: 'tool:test', action: 'integration.test', args: { note: allText, headers: [allText] }, result: 'error', detail: allText, rollback: allText });
    const stored = JSON.stringify(raw(t).prepare('SELECT args_json, detail, rollback FROM audit_log').all());
    for (const { shape, secret } of SECRETS) expect(stored, shape).not.toContain(secret);
    expect(t.core.audit.verify().ok).toBe(true);
  });
});

const raw = (t: TestCore) => t.core.db.raw;
