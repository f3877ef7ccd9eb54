import { randomUUID } from 'node:crypto';
import type { AgentRole } from '../../../src-preload/contract.js';
import type { Clarification } from '../../../src-preload/schemas/agent.js';
import { NotFoundError, StewardError } from '../errors.js';
import { WaiterSet } from '../async/waiter-set.js';
import type { EventBus } from '../events.js';
import type { Clock } from '../ports.js';
import type { StewardDatabase } from '../store/database.js';

interface Row {
  id: string;
  conversation_id: string;
  task_id: string | null;
  role: AgentRole;
  question: string;
  context_json: string;
  status: Clarification['status'];
  answer: string | null;
  created_at: string;
  answered_at: string | null;
}

export interface StoredClarification extends Clarification {
  /** What the asker needs to continue without a task (e.g. the request an intent question was about). */
  context: Record<string, unknown>;
}

export class ClarificationCancelledError extends StewardError {
  constructor() {
    super('cancelled', 'The question was withdrawn because its task was cancelled.');
  }
}

/**
 * Questions an agent role asks the user mid-work. A question is committed before its event, and
 * survives a restart: the task waiting on it re-attaches and resumes on the answer.
 */
export class ClarificationBroker {
  private readonly waiters = new WaiterSet<string>();

  constructor(
    private readonly db: StewardDatabase,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  ask(input: { conversationId: string; taskId: string | null; role: AgentRole; question: string; context?: Record<string, unknown> }): StoredClarification {
    const id = randomUUID();
    this.events.deferWhile(() =>
      this.db.transaction(() => {
        this.db.raw
          .prepare("INSERT INTO clarifications (id, conversation_id, task_id, role, question, context_json, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)")
          .run(id, input.conversationId, input.taskId, input.role, input.question, JSON.stringify(input.context ?? {}), this.clock.now().toISOString());
        this.events.emit({ type: 'clarification.requested', id, conversationId: input.conversationId, taskId: input.taskId, role: input.role, question: input.question });
      }),
    );
    return this.get(id);
  }

  get(id: string): StoredClarification {
    const found = this.find(id);
    if (!found) throw new NotFoundError('Question', id);
    return found;
  }

  find(id: string): StoredClarification | null {
    const row = this.db.raw.prepare('SELECT * FROM clarifications WHERE id = ?').get(id) as Row | undefined;
    return row ? toClarification(row) : null;
  }

  pendingFor(conversationId: string): StoredClarification[] {
    return (this.db.raw.prepare("SELECT * FROM clarifications WHERE conversation_id = ? AND status = 'pending' ORDER BY created_at, rowid").all(conversationId) as Row[]).map(toClarification);
  }

  list(filter: { conversationId?: string; status?: 'pending' | 'all' }): StoredClarification[] {
    return (
      this.db.raw
        .prepare(
          `SELECT * FROM clarifications WHERE (@conversationId IS NULL OR conversation_id = @conversationId)
             AND (@status = 'all' OR status = 'pending') ORDER BY created_at DESC, rowid DESC LIMIT 200`,
        )
        .all({ conversationId: filter.conversationId ?? null, status: filter.status ?? 'pending' }) as Row[]
    ).map(toClarification);
  }

  /** Resolves with the answer; an already answered question resolves at once. Aborting stops waiting, the question stays open. */
  wait(id: string, signal?: AbortSignal): Promise<string> {
    const current = this.get(id);
    if (current.status === 'answered') return Promise.resolve(current.answer ?? '');
    if (current.status === 'cancelled') return Promise.reject(new ClarificationCancelledError());
    return this.waiters.wait(id, signal);
  }

  /** Records the answer; false when the question was no longer open (already answered or withdrawn). */
  answer(id: string, text: string): boolean {
    const changed = this.db.raw
      .prepare("UPDATE clarifications SET status = 'answered', answer = ?, answered_at = ? WHERE id = ? AND status = 'pending'")
      .run(text, this.clock.now().toISOString(), id).changes;
    if (changed !== 1) return false;
    const answered = this.get(id);
    this.events.emit({ type: 'clarification.resolved', id, conversationId: answered.conversationId, taskId: answered.taskId, status: 'answered', answer: text });
    this.waiters.settle(id, text);
    return true;
  }

  cancelForTask(taskId: string): number {
    const rows = this.db.raw.prepare("SELECT id, conversation_id FROM clarifications WHERE task_id = ? AND status = 'pending'").all(taskId) as { id: string; conversation_id: string }[];
    this.db.raw.prepare("UPDATE clarifications SET status = 'cancelled', answered_at = ? WHERE task_id = ? AND status = 'pending'").run(this.clock.now().toISOString(), taskId);
    for (const { id, conversation_id: conversationId } of rows) {
      this.events.emit({ type: 'clarification.resolved', id, conversationId, taskId, status: 'cancelled', answer: null });
      this.waiters.fail(id, new ClarificationCancelledError());
    }
    return rows.length;
  }
}

function toClarification(row: Row): StoredClarification {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    taskId: row.task_id,
    role: row.role,
    question: row.question,
    status: row.status,
    answer: row.answer,
    createdAt: row.created_at,
    answeredAt: row.answered_at,
    context: JSON.parse(row.context_json) as Record<string, unknown>,
  };
}

export function toPublicClarification(c: StoredClarification): Clarification {
  const { context: _context, ...rest } = c;
  return rest;
}
