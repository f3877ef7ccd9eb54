import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerification } from '../../../src-preload/contract.js';
import { redactText, redactValue } from '../security/redaction.js';
import type { SqliteDatabase } from './sqlite.js';

export interface AuditRecord {
  actor: string;
  action: string;
  args: unknown;
  approver?: string | null;
  costUsd?: number | null;
  result: AuditEntry['result'];
  detail?: string | null;
  rollback?: string | null;
}

const GENESIS = '0'.repeat(64);

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  args_json: string;
  approver: string | null;
  cost_usd: number | null;
  result: AuditEntry['result'];
  detail: string | null;
  rollback: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * Append-only, hash-chained audit log (DESIGN §4.6). Each row's hash covers its content and the
 * previous row's hash; the head table anchors the last row. Triggers refuse UPDATE and DELETE, and
 * `verify` catches edits made around them (a raw file edit, dropped triggers).
 */
export class AuditLog {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  append(record: AuditRecord): AuditEntry {
    return this.db.transaction(() => {
      const head = this.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS;
      const row: Omit<AuditRow, 'hash'> = {
        seq,
        at: this.now().toISOString(),
        actor: record.actor,
        action: record.action,
        args_json: JSON.stringify(redactValue(record.args ?? null)),
        approver: record.approver ?? null,
        cost_usd: record.costUsd ?? null,
        result: record.result,
        // Details and rollback notes quote error messages and tool summaries, where a secret can turn up too.
        detail: record.detail == null ? null : redactText(record.detail),
        rollback: record.rollback == null ? null : redactText(record.rollback),
        prev_hash: prevHash,
      };
      const hash = rowHash(row);
      this.db
        .prepare(
          `INSERT INTO audit_log (seq, at, actor, action, args_json, approver, cost_usd, result, detail, rollback, prev_hash, hash)
           VALUES (@seq, @at, @actor, @action, @args_json, @approver, @cost_usd, @result, @detail, @rollback, @prev_hash, @hash)`,
        )
        .run({ ...row, hash });
      this.db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(seq, hash);
      return toEntry({ ...row, hash });
    })();
  }

  list(options: { limit?: number; beforeSeq?: number } = {}): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
      .all(options.beforeSeq ?? Number.MAX_SAFE_INTEGER, options.limit ?? 100) as AuditRow[];
    return rows.map(toEntry);
  }

  verify(): AuditVerification {
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY rowid').iterate() as IterableIterator<AuditRow>;
    let expectedSeq = 1;
    let prevHash = GENESIS;
    let checked = 0;
    for (const row of rows) {
      const bad = (problem: string): AuditVerification => ({ ok: false, checked, firstBadSeq: row.seq, problem });
      if (row.seq !== expectedSeq) return bad(`row ${expectedSeq} is missing or out of order (found ${row.seq})`);
      if (row.prev_hash !== prevHash) return bad(`row ${row.seq} does not link to the row before it`);
      if (rowHash(row) !== row.hash) return bad(`row ${row.seq} was edited after it was written`);
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    const head = this.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    const lastSeq = expectedSeq - 1;
    if ((head?.seq ?? 0) !== lastSeq || (head?.hash ?? GENESIS) !== prevHash) {
      return { ok: false, checked, firstBadSeq: lastSeq + 1, problem: `rows after ${lastSeq} were deleted (the chain head records row ${head?.seq ?? 0})` };
    }
    return { ok: true, checked, firstBadSeq: null, problem: null };
  }
}

function rowHash(row: Omit<AuditRow, 'hash'>): string {
  // Fixed field order: the hash must not depend on how a row object happened to be built.
  const canonical = JSON.stringify([row.seq, row.at, row.actor, row.action, row.args_json, row.approver, row.cost_usd, row.result, row.detail, row.rollback]);
  return createHash('sha256').update(row.prev_hash).update('\n').update(canonical).digest('hex');
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    args: JSON.parse(row.args_json) as unknown,
    approver: row.approver,
    costUsd: row.cost_usd,
    result: row.result,
    detail: row.detail,
    rollback: row.rollback,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
