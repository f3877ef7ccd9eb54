import type { Migration } from '../migration.js';

/**
 * An audit log the user can erase from without breaking it. Version-2 rows hash a salted digest
 * of their arguments instead of the arguments themselves, so "forget" and "delete conversation"
 * can replace a row's arguments with a tombstone (and drop the salt, so the digest can no longer
 * be tested against guesses) while the chain still verifies. The only UPDATEs allowed are that
 * erasure and the one-time re-seal of version-1 rows into version 2 (done in code, after the
 * version-1 chain has verified). Deletes stay refused.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'audit-erasure',
  sql: `
ALTER TABLE audit_log ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2));
ALTER TABLE audit_log ADD COLUMN args_salt TEXT;
ALTER TABLE audit_log ADD COLUMN args_digest TEXT;
ALTER TABLE audit_log ADD COLUMN erased_at TEXT;

DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_erase_only BEFORE UPDATE ON audit_log
WHEN NOT (
  (OLD.hash_version = 1 AND NEW.hash_version = 2 AND NEW.seq IS OLD.seq AND NEW.args_json IS OLD.args_json AND NEW.erased_at IS NULL)
  OR
  (OLD.hash_version = 2 AND NEW.hash_version = 2 AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.args_salt IS NULL
   AND NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action
   AND NEW.approver IS OLD.approver AND NEW.cost_usd IS OLD.cost_usd AND NEW.result IS OLD.result
   AND NEW.detail IS OLD.detail AND NEW.rollback IS OLD.rollback AND NEW.prev_hash IS OLD.prev_hash
   AND NEW.hash IS OLD.hash AND NEW.args_digest IS OLD.args_digest)
)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: only erasing a row''s arguments is allowed'); END;
`,
};
