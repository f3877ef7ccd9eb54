import { createHash, randomBytes } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The columns a row's hash covers, whatever its version. */
export interface HashedAuditFields {
  seq: number;
  at: string;
  actor: string;
  action: string;
  args_json: string;
  approver: string | null;
  cost_usd: number | null;
  result: string;
  detail: string | null;
  rollback: string | null;
  prev_hash: string;
  hash_version: 1 | 2;
  args_digest: string | null;
}

/**
 * Version 1 hashed the arguments themselves, so they could never be erased. Version 2 hashes a
 * salted digest of them: erasing the arguments (and the salt) leaves the row's hash intact.
 */
export function auditRowHash(row: HashedAuditFields): string {
  const canonical =
    row.hash_version === 1
      ? JSON.stringify([row.seq, row.at, row.actor, row.action, row.args_json, row.approver, row.cost_usd, row.result, row.detail, row.rollback])
      : JSON.stringify([2, row.seq, row.at, row.actor, row.action, row.args_digest, row.approver, row.cost_usd, row.result, row.detail, row.rollback]);
  return createHash('sha256').update(row.prev_hash).update('\n').update(canonical).digest('hex');
}

export function newArgsSalt(): string {
  return randomBytes(16).toString('hex');
}

/** Salted so that an erased row's digest cannot be tested against guesses of what it held. */
export function argsDigest(salt: string, argsJson: string): string {
  return createHash('sha256').update(salt).update('\n').update(argsJson).digest('hex');
}

/** What an erased row's arguments read as. */
export const ERASED_ARGS_JSON = JSON.stringify({ erased: true });
