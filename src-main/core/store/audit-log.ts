import type { AuditEntry, AuditVerification } from '../../../src-preload/contract.js';
import { redactText, redactValue } from '../security/redaction.js';
import type { AuditAnchor } from './audit-anchor.js';
import { argsDigest, auditRowHash, ERASED_ARGS_JSON, GENESIS_HASH, newArgsSalt } from './audit-hash.js';
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
  hash_version: 1 | 2;
  args_salt: string | null;
  args_digest: string | null;
  erased_at: string | null;
}

export interface AuditLogOptions {
  /** Copy of the chain head outside the database, so damage to the database itself shows in `verify`. */
  anchor?: AuditAnchor;
  /** Told when the anchor could not be written (disk full, folder gone); the audit itself is unaffected. */
  onAnchorError?: (err: unknown) => void;
}

/**
 * Append-only, hash-chained audit log (DESIGN §4.6). Each row's hash covers its content and the
 * previous row's hash; the head table anchors the last row inside the database and the anchor
 * file outside it. Triggers refuse DELETE and every UPDATE except erasing a row's arguments
 * (the user's right to delete what they said), and `verify` catches edits made around them.
 */
export class AuditLog {
  private anchorPending = false;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
    private readonly options: AuditLogOptions = {},
  ) {}

  append(record: AuditRecord): AuditEntry {
    const entry = this.db.transaction(() => {
      const head = this.head();
      const argsJson = JSON.stringify(redactValue(record.args ?? null));
      const salt = newArgsSalt();
      const fields = {
        seq: head.seq + 1,
        at: this.now().toISOString(),
        actor: record.actor,
        action: record.action,
        args_json: argsJson,
        approver: record.approver ?? null,
        cost_usd: record.costUsd ?? null,
        result: record.result,
        // Details and rollback notes quote error messages and tool summaries, where a secret can turn up too.
        detail: record.detail == null ? null : redactText(record.detail),
        rollback: record.rollback == null ? null : redactText(record.rollback),
        prev_hash: head.hash,
        hash_version: 2 as const,
        args_digest: argsDigest(salt, argsJson),
      };
      const row: AuditRow = { ...fields, hash: auditRowHash(fields), args_salt: salt, erased_at: null };
      this.db
        .prepare(
          `INSERT INTO audit_log (seq, at, actor, action, args_json, approver, cost_usd, result, detail, rollback, prev_hash, hash, hash_version, args_salt, args_digest, erased_at)
           VALUES (@seq, @at, @actor, @action, @args_json, @approver, @cost_usd, @result, @detail, @rollback, @prev_hash, @hash, @hash_version, @args_salt, @args_digest, @erased_at)`,
        )
        .run(row);
      this.db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(row.seq, row.hash);
      return toEntry(row);
    })();
    this.anchorAfterCommit();
    return entry;
  }

  list(options: { limit?: number; beforeSeq?: number } = {}): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
      .all(options.beforeSeq ?? Number.MAX_SAFE_INTEGER, options.limit ?? 100) as AuditRow[];
    return rows.map(toEntry);
  }

  /** Rows whose arguments still hold any of these strings (ids, texts), for erasure. */
  rowsMentioning(needles: readonly string[]): number[] {
    const find = this.db.prepare('SELECT seq FROM audit_log WHERE erased_at IS NULL AND instr(args_json, ?) > 0');
    const seqs = new Set<number>();
    for (const needle of needles) {
      if (needle.length < 3) continue;
      // Arguments are stored as JSON, so look for the needle as JSON would spell it.
      const spelled = JSON.stringify(needle).slice(1, -1);
      for (const row of find.all(spelled) as { seq: number }[]) seqs.add(row.seq);
    }
    return [...seqs].sort((a, b) => a - b);
  }

  /**
   * Replaces the arguments of these rows with a tombstone. The row, who did what and when, and
   * the chain stay; only the content goes. Returns how many rows were erased and how many could
   * not be (version-1 rows of a chain that failed verification and so was never re-sealed).
   */
  erase(seqs: readonly number[]): { erased: number; notErasable: number } {
    if (seqs.length === 0) return { erased: 0, notErasable: 0 };
    const at = this.now().toISOString();
    const update = this.db.prepare('UPDATE audit_log SET args_json = ?, args_salt = NULL, erased_at = ? WHERE seq = ? AND hash_version = 2 AND erased_at IS NULL');
    const legacy = this.db.prepare('SELECT 1 FROM audit_log WHERE seq = ? AND hash_version = 1');
    let erased = 0;
    let notErasable = 0;
    this.db.transaction(() => {
      for (const seq of seqs) {
        if (update.run(ERASED_ARGS_JSON, at, seq).changes > 0) erased += 1;
        else if (legacy.get(seq)) notErasable += 1;
      }
    })();
    return { erased, notErasable };
  }

  /**
   * Rows written before erasure existed (version 1) hash their arguments directly. Once their
   * chain has verified they are re-sealed as version 2 so they can be erased too; a chain that
   * does not verify is left exactly as found, so the damage stays visible.
   */
  resealLegacyRows(): { resealed: number; problem: string | null } {
    const counts = this.db.prepare('SELECT SUM(hash_version = 1) AS v1, SUM(hash_version = 2) AS v2 FROM audit_log').get() as { v1: number | null; v2: number | null };
    if (!counts.v1) return { resealed: 0, problem: null };
    if (counts.v2) return { resealed: 0, problem: 'older rows follow a chain that did not verify when Steward was updated; they are kept unchanged' };
    const check = this.verifyChain();
    if (!check.ok) return { resealed: 0, problem: check.problem };
    let prev = GENESIS_HASH;
    let count = 0;
    this.db.transaction(() => {
      const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
      const update = this.db.prepare('UPDATE audit_log SET hash_version = 2, args_salt = ?, args_digest = ?, prev_hash = ?, hash = ? WHERE seq = ?');
      for (const row of rows) {
        const salt = newArgsSalt();
        const fields = { ...row, hash_version: 2 as const, args_digest: argsDigest(salt, row.args_json), prev_hash: prev };
        const hash = auditRowHash(fields);
        update.run(salt, fields.args_digest, prev, hash, row.seq);
        prev = hash;
        count += 1;
      }
      this.db.prepare('UPDATE audit_head SET hash = ? WHERE id = 1').run(prev);
    })();
    this.writeAnchor();
    return { resealed: count, problem: null };
  }

  verify(): AuditVerification {
    const chain = this.verifyChain();
    if (!chain.ok) return chain;
    const anchor = this.options.anchor?.read();
    if (!anchor || anchor.kind === 'none') return chain;
    const lastSeq = chain.checked;
    if (anchor.kind === 'invalid') {
      return { ok: false, checked: chain.checked, firstBadSeq: null, problem: `the copy of the chain head kept outside the database (${this.options.anchor!.file}) is not usable: ${anchor.why}` };
    }
    const { seq, hash } = anchor.point;
    if (seq > lastSeq) {
      const missing = seq - lastSeq;
      return {
        ok: false,
        checked: chain.checked,
        firstBadSeq: lastSeq + 1,
        problem: `${missing} recent row${missing === 1 ? ' is' : 's are'} missing: the record kept outside the database reaches row ${seq}, the database ends at row ${lastSeq}. The database lost its latest writes (for example a damaged or truncated write-ahead log); restore it from a backup if you have one`,
      };
    }
    const row = this.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(seq) as { hash: string } | undefined;
    if (seq > 0 && row?.hash !== hash) {
      return { ok: false, checked: chain.checked, firstBadSeq: seq, problem: `row ${seq} differs from the copy of the chain head kept outside the database: the rows up to it were rewritten` };
    }
    return chain;
  }

  /** Brings the outside anchor up to the committed head now (on close, and after a batch). */
  writeAnchor(): void {
    this.anchorPending = false;
    const anchor = this.options.anchor;
    if (!anchor || !this.db.open) return;
    const head = this.head();
    if (head.seq > 0) anchor.write(head);
  }

  private anchorAfterCommit(): void {
    if (!this.options.anchor) return;
    // Inside a caller's transaction the row is not committed yet; anchor once that batch is done,
    // so a rolled-back request can never leave the anchor ahead of the database.
    if (!this.db.inTransaction) return this.writeAnchorSafely();
    if (this.anchorPending) return;
    this.anchorPending = true;
    setImmediate(() => {
      this.anchorPending = false;
      if (this.db.open && this.db.inTransaction) return this.anchorAfterCommit();
      this.writeAnchorSafely();
    });
  }

  /**
   * The row is already committed when the anchor is written: a failure here (disk full, folder
   * gone) must not make the request look failed, nor, on a timer, take the process down.
   */
  private writeAnchorSafely(): void {
    try {
      this.writeAnchor();
    } catch (err) {
      this.options.onAnchorError?.(err);
    }
  }

  private head(): { seq: number; hash: string } {
    const head = this.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    return head ?? { seq: 0, hash: GENESIS_HASH };
  }

  private verifyChain(): AuditVerification {
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY rowid').iterate() as IterableIterator<AuditRow>;
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for (const row of rows) {
      const bad = (problem: string): AuditVerification => ({ ok: false, checked, firstBadSeq: row.seq, problem });
      if (row.seq !== expectedSeq) return bad(`row ${expectedSeq} is missing or out of order (found ${row.seq})`);
      if (row.prev_hash !== prevHash) return bad(`row ${row.seq} does not link to the row before it`);
      if (auditRowHash(row) !== row.hash) return bad(`row ${row.seq} was edited after it was written`);
      if (row.hash_version === 2 && row.erased_at === null && (row.args_salt === null || argsDigest(row.args_salt, row.args_json) !== row.args_digest)) {
        return bad(`row ${row.seq} was edited after it was written`);
      }
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    const head = this.head();
    const lastSeq = expectedSeq - 1;
    if (head.seq !== lastSeq || head.hash !== prevHash) {
      return { ok: false, checked, firstBadSeq: lastSeq + 1, problem: `rows after ${lastSeq} were deleted (the chain head records row ${head.seq})` };
    }
    return { ok: true, checked, firstBadSeq: null, problem: null };
  }
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
