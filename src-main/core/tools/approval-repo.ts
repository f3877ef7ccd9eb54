import type { ApprovalRecord, ApprovalStatus } from '../../../src-preload/schemas/agent.js';
import type { Approval } from '../../../src-preload/contract.js';
import { NotFoundError } from '../errors.js';
import type { SqliteDatabase } from '../store/sqlite.js';

interface ApprovalRow {
  id: string;
  conversation_id: string | null;
  task_id: string | null;
  tool_call_id: string | null;
  tool: string;
  summary: string;
  args_json: string;
  risk: Approval['risk'];
  cost_estimate_usd: number | null;
  provenance_source: 'user' | 'untrusted';
  provenance_detail: string | null;
  status: ApprovalStatus;
  final_args_json: string | null;
  remember: 'conversation' | 'always' | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  expires_at: string;
  two_factor_required: 0 | 1;
  payment_json?: string | null;
}

export interface StoredApproval extends ApprovalRecord {
  toolCallId: string | null;
  remember: 'conversation' | 'always' | null;
}

/** Persistence of approval requests; they outlive the process that asked (DESIGN §4.3). */
export class ApprovalRepo {
  constructor(private readonly db: SqliteDatabase) {}

  insert(approval: Approval & { toolCallId: string | null }): void {
    this.db
      .prepare(
        `INSERT INTO approvals (id, conversation_id, task_id, tool_call_id, tool, summary, args_json, risk, cost_estimate_usd,
           provenance_source, provenance_detail, status, created_at, expires_at, two_factor_required, payment_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
      )
      .run(
        approval.id,
        approval.conversationId,
        approval.taskId,
        approval.toolCallId,
        approval.tool,
        approval.summary,
        JSON.stringify(approval.args),
        approval.risk,
        approval.costEstimateUsd,
        approval.provenance.source,
        approval.provenance.detail,
        approval.createdAt,
        approval.expiresAt,
        approval.twoFactorRequired ? 1 : 0,
        approval.payment ? JSON.stringify({ ...approval.payment, cannotUndo: approval.cannotUndo ?? null }) : approval.cannotUndo ? JSON.stringify({ cannotUndo: approval.cannotUndo }) : null,
      );
  }

  get(id: string): StoredApproval {
    const row = this.db.prepare('SELECT * FROM approvals WHERE id = ?').get(id) as ApprovalRow | undefined;
    if (!row) throw new NotFoundError('Approval', id);
    return toRecord(row);
  }

  find(id: string): StoredApproval | null {
    const row = this.db.prepare('SELECT * FROM approvals WHERE id = ?').get(id) as ApprovalRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** Resolves a pending approval; returns false when it was no longer pending (someone else won). */
  resolve(id: string, patch: { status: Exclude<ApprovalStatus, 'pending'>; finalArgs: unknown; decidedBy: string; decidedAt: string; remember: 'conversation' | 'always' | null }): boolean {
    return (
      this.db
        .prepare(
          `UPDATE approvals SET status = ?, final_args_json = ?, decided_by = ?, decided_at = ?, remember = ?
           WHERE id = ? AND status = 'pending'`,
        )
        .run(patch.status, patch.finalArgs === null ? null : JSON.stringify(patch.finalArgs), patch.decidedBy, patch.decidedAt, patch.remember, id).changes === 1
    );
  }

  list(filter: { status?: 'pending' | 'resolved' | 'all'; conversationId?: string; taskId?: string; limit?: number }): StoredApproval[] {
    const status = filter.status ?? 'all';
    const rows = this.db
      .prepare(
        `SELECT * FROM approvals
         WHERE (@status = 'all' OR (@status = 'pending' AND status = 'pending') OR (@status = 'resolved' AND status <> 'pending'))
           AND (@conversationId IS NULL OR conversation_id = @conversationId)
           AND (@taskId IS NULL OR task_id = @taskId)
         ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
      )
      .all({ status, conversationId: filter.conversationId ?? null, taskId: filter.taskId ?? null, limit: filter.limit ?? 100 }) as ApprovalRow[];
    return rows.map(toRecord);
  }

  pending(): StoredApproval[] {
    return (this.db.prepare("SELECT * FROM approvals WHERE status = 'pending' ORDER BY expires_at").all() as ApprovalRow[]).map(toRecord);
  }

  pendingDue(nowIso: string): StoredApproval[] {
    return (this.db.prepare("SELECT * FROM approvals WHERE status = 'pending' AND expires_at <= ? ORDER BY expires_at").all(nowIso) as ApprovalRow[]).map(toRecord);
  }
}

/** The payment card and the cannot-undo line, kept together in approvals.payment_json (migration 0008). */
function paymentOf(json: string | null | undefined): Pick<Approval, 'payment' | 'cannotUndo'> {
  if (!json) return { payment: null, cannotUndo: null };
  const { cannotUndo, ...payment } = JSON.parse(json) as NonNullable<Approval['payment']> & { cannotUndo?: string | null };
  return { payment: 'amount' in payment ? payment : null, cannotUndo: cannotUndo ?? null };
}

function toRecord(row: ApprovalRow): StoredApproval {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    taskId: row.task_id,
    toolCallId: row.tool_call_id,
    tool: row.tool,
    summary: row.summary,
    args: JSON.parse(row.args_json) as Record<string, unknown>,
    risk: row.risk,
    costEstimateUsd: row.cost_estimate_usd,
    provenance: { source: row.provenance_source, detail: row.provenance_detail },
    expiresAt: row.expires_at,
    twoFactorRequired: row.two_factor_required === 1,
    ...paymentOf(row.payment_json),
    status: row.status,
    finalArgs: row.final_args_json === null ? null : (JSON.parse(row.final_args_json) as Record<string, unknown>),
    remember: row.remember,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
  };
}
