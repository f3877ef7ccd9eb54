import { TERMINAL_TASK_STATUSES } from '../../../src-preload/contract.js';
import type { StoredApproval } from './approval-repo.js';
import type { SqliteDatabase } from '../store/sqlite.js';

/** decidedBy of a card closed at start-up: the process that waited on it is gone. */
export const RESTARTED_DECIDER = 'system:restart';
/** decidedBy of a card closed when answered: whatever asked has stopped waiting and nothing will pick it up. */
export const ABANDONED_DECIDER = 'system:abandoned';
/** decidedBy of a card closed the moment its task ended (succeeded, failed, interrupted or cancelled) without it. */
export const TASK_ENDED_DECIDER = 'system:task-ended';

/** The deciders of cards closed because nothing waits on them anymore. */
export const STALE_DECIDERS: readonly string[] = [RESTARTED_DECIDER, ABANDONED_DECIDER, TASK_ENDED_DECIDER];

/** Why nothing waits on the card anymore, in words. */
export function staleCause(decidedBy: string): string {
  if (decidedBy === RESTARTED_DECIDER) return 'Steward restarted before you answered';
  if (decidedBy === TASK_ENDED_DECIDER) return 'the task ended before this was decided';
  return 'what asked for it stopped waiting before you answered';
}

/** Why the card was closed, as its tool call's error and the audit row say it. */
export function staleReason(decidedBy: string): string {
  return `Expired: ${staleCause(decidedBy)}, so nothing ran. Ask again if you still want it.`;
}

interface CallRow {
  status: string;
  approval_id: string | null;
  task_id: string | null;
  call_key: string;
  task_status: string | null;
  run_status: string | null;
}

/**
 * Whether something still waits on (or will come back to) this card: a chat task that is not over
 * resumes and waits on its call's card (same call key), and an unfinished workflow run's step waits
 * on its attempt's card (workflow:<run>:<step>:<n>). A call started from a screen or over MCP is
 * waited on only by the request that started it, which a restart ends. A card with no tool call
 * (not made by the ToolRunner) cannot be judged here and counts as claimed, as before.
 */
export function isClaimed(db: SqliteDatabase, approval: Pick<StoredApproval, 'id' | 'toolCallId'>): boolean {
  if (!approval.toolCallId) return true;
  const row = db
    .prepare(
      `SELECT c.status, c.approval_id, c.task_id, c.call_key, t.status AS task_status, r.status AS run_status
         FROM tool_calls c
         LEFT JOIN tasks t ON t.id = c.task_id
         LEFT JOIN workflow_runs r ON c.task_id IS NULL AND c.call_key LIKE 'workflow:%' AND r.id = substr(c.call_key, 10, instr(substr(c.call_key, 10), ':') - 1)
        WHERE c.id = ?`,
    )
    .get(approval.toolCallId) as CallRow | undefined;
  if (!row || row.status !== 'awaiting_approval' || row.approval_id !== approval.id) return false;
  if (row.task_id) return row.task_status !== null && !(TERMINAL_TASK_STATUSES as readonly string[]).includes(row.task_status);
  return row.run_status === 'running' || row.run_status === 'waiting';
}

/** The pending cards nothing will come back to (see isClaimed), oldest first. */
export function unclaimedPending(db: SqliteDatabase, pending: StoredApproval[]): StoredApproval[] {
  return pending.filter((approval) => !isClaimed(db, approval));
}

/** The card's tool call ends 'rejected' with the reason, so recovery and the task views never take it for waiting. */
export function closeStaleCall(db: SqliteDatabase, approval: Pick<StoredApproval, 'id' | 'toolCallId'>, reason: string, at: string): void {
  if (!approval.toolCallId) return;
  db.prepare("UPDATE tool_calls SET status = 'rejected', error = ?, approver = ?, finished_at = ? WHERE id = ? AND approval_id = ? AND status = 'awaiting_approval'").run(
    reason,
    'system:expired',
    at,
    approval.toolCallId,
    approval.id,
  );
}
