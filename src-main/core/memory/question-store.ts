/**
 * Questions memory puts to the user: contradictions with a confident fact, facts proposed for
 * expiry, and workflow suggestions. A question stays open until answered; the facts it is
 * about are linked so forgetting them also removes them from the question.
 */
import { randomUUID } from 'node:crypto';
import type { MemoryQuestion } from '../../../src-preload/schemas/memory.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import { SELECT_FACT, toFact, type JoinedFactRow } from './fact-store.js';

export type QuestionKind = MemoryQuestion['kind'];

export interface QuestionRow {
  id: string;
  kind: QuestionKind;
  text: string;
  status: 'open' | 'answered';
  signature: string | null;
  payload_json: string;
  answer_json: string | null;
  created_at: string;
  answered_at: string | null;
}

export interface WorkflowPayload {
  kind: string;
  summary: string;
  occurrences: number;
  params: Record<string, unknown>;
}

export class QuestionStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  create(input: { kind: QuestionKind; text: string; factIds?: readonly string[]; signature?: string | null; payload?: unknown }): QuestionRow {
    const row: QuestionRow = {
      id: randomUUID(),
      kind: input.kind,
      text: input.text,
      status: 'open',
      signature: input.signature ?? null,
      payload_json: JSON.stringify(input.payload ?? {}),
      answer_json: null,
      created_at: this.now().toISOString(),
      answered_at: null,
    };
    this.db
      .prepare(
        `INSERT INTO memory_questions (id, kind, text, status, signature, payload_json, answer_json, created_at, answered_at)
         VALUES (@id, @kind, @text, @status, @signature, @payload_json, @answer_json, @created_at, @answered_at)`,
      )
      .run(row);
    this.linkFacts(row.id, input.factIds ?? []);
    return row;
  }

  linkFacts(questionId: string, factIds: readonly string[]): void {
    const link = this.db.prepare('INSERT OR IGNORE INTO memory_question_facts (question_id, fact_id, position) VALUES (?, ?, ?)');
    factIds.forEach((factId, i) => link.run(questionId, factId, i));
  }

  get(id: string): QuestionRow | null {
    return (this.db.prepare('SELECT * FROM memory_questions WHERE id = ?').get(id) as QuestionRow | undefined) ?? null;
  }

  bySignature(kind: QuestionKind, signature: string): QuestionRow | null {
    return (this.db.prepare('SELECT * FROM memory_questions WHERE kind = ? AND signature = ?').get(kind, signature) as QuestionRow | undefined) ?? null;
  }

  list(includeAnswered: boolean): QuestionRow[] {
    return this.db
      .prepare(`SELECT * FROM memory_questions ${includeAnswered ? '' : "WHERE status = 'open'"} ORDER BY created_at DESC, rowid DESC`)
      .all() as QuestionRow[];
  }

  factIds(questionId: string): string[] {
    return (this.db.prepare('SELECT fact_id FROM memory_question_facts WHERE question_id = ? ORDER BY position').all(questionId) as { fact_id: string }[]).map((r) => r.fact_id);
  }

  /** Fact ids already waiting in an open question of this kind (so they are not asked about twice). */
  openFactIds(kind: QuestionKind): Set<string> {
    const rows = this.db
      .prepare(`SELECT qf.fact_id FROM memory_question_facts qf JOIN memory_questions q ON q.id = qf.question_id WHERE q.kind = ? AND q.status = 'open'`)
      .all(kind) as { fact_id: string }[];
    return new Set(rows.map((r) => r.fact_id));
  }

  answer(id: string, answer: unknown): void {
    this.db.prepare(`UPDATE memory_questions SET status = 'answered', answer_json = ?, answered_at = ? WHERE id = ?`).run(JSON.stringify(answer), this.now().toISOString(), id);
  }

  toQuestion(row: QuestionRow): MemoryQuestion {
    const facts = this.db
      .prepare(`${SELECT_FACT} JOIN memory_question_facts qf ON qf.fact_id = f.id WHERE qf.question_id = ? ORDER BY qf.position`)
      .all(row.id) as JoinedFactRow[];
    const payload = JSON.parse(row.payload_json) as Partial<WorkflowPayload>;
    return {
      id: row.id,
      kind: row.kind,
      text: row.text,
      status: row.status,
      createdAt: row.created_at,
      answeredAt: row.answered_at,
      facts: facts.map(toFact),
      workflow:
        row.kind === 'workflow' && payload.kind && payload.summary
          ? { kind: payload.kind, summary: payload.summary, occurrences: Math.max(1, payload.occurrences ?? 1) }
          : null,
    };
  }
}
