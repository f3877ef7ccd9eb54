import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../store/sqlite.js';

export interface Grant {
  id: string;
  tool: string;
  scope: string;
  /** null: permanent; otherwise valid in this conversation only. */
  conversationId: string | null;
  credentialFingerprint: string;
  createdAt: string;
}

interface GrantRow {
  id: string;
  tool: string;
  scope: string;
  conversation_id: string | null;
  credential_fingerprint: string;
  created_at: string;
}

/**
 * Remembered approvals ("allow this again"). A grant covers one tool, one argument scope and one
 * credential fingerprint, either in one conversation or permanently; anything else asks again.
 */
export class GrantStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  add(input: Omit<Grant, 'id' | 'createdAt'> & { approvalId: string | null }): Grant {
    const grant: Grant = { id: randomUUID(), tool: input.tool, scope: input.scope, conversationId: input.conversationId, credentialFingerprint: input.credentialFingerprint, createdAt: this.now().toISOString() };
    this.db
      .prepare('INSERT INTO tool_grants (id, tool, scope, conversation_id, credential_fingerprint, approval_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(grant.id, grant.tool, grant.scope, grant.conversationId, grant.credentialFingerprint, input.approvalId, grant.createdAt);
    return grant;
  }

  /** The grant covering this exact tool, scope and credentials, in this conversation or permanently. */
  find(tool: string, scope: string, conversationId: string | null, fingerprint: string): Grant | null {
    const row = this.db
      .prepare(
        `SELECT * FROM tool_grants
         WHERE tool = ? AND scope = ? AND credential_fingerprint = ? AND revoked_at IS NULL
           AND (conversation_id IS NULL OR conversation_id = ?)
         ORDER BY conversation_id IS NULL, created_at DESC LIMIT 1`,
      )
      .get(tool, scope, fingerprint, conversationId) as GrantRow | undefined;
    return row ? toGrant(row) : null;
  }

  countActive(tool: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM tool_grants WHERE tool = ? AND revoked_at IS NULL').get(tool) as { n: number }).n;
  }

  revokeAll(tool: string): number {
    return this.db.prepare('UPDATE tool_grants SET revoked_at = ? WHERE tool = ? AND revoked_at IS NULL').run(this.now().toISOString(), tool).changes;
  }
}

function toGrant(row: GrantRow): Grant {
  return { id: row.id, tool: row.tool, scope: row.scope, conversationId: row.conversation_id, credentialFingerprint: row.credential_fingerprint, createdAt: row.created_at };
}
