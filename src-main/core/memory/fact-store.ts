/**
 * Subject–predicate–object facts with their two clocks: real-world validity (valid_from,
 * valid_to) and memory time (learned_at, retired_at). Rows are never overwritten in place for a
 * change of belief: the old fact is closed or retired and a history row says why.
 */
import { randomUUID } from 'node:crypto';
import type { EntityType, FactCategory, FactChangeSchema, FactSource, FactStatus, MemoryFact } from '../../../src-preload/schemas/memory.js';
import type { z } from 'zod';
import type { SqliteDatabase } from '../store/sqlite.js';
import { canonicalTitle, predicateSpec, predicateWords } from './predicates.js';

export interface FactRow {
  seq: number;
  id: string;
  subject_entity_id: string;
  predicate: string;
  object: string;
  object_entity_id: string | null;
  category: FactCategory;
  confidence: number;
  status: FactStatus;
  source: FactSource;
  source_message_id: string | null;
  source_conversation_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  learned_at: string;
  updated_at: string;
  retired_at: string | null;
  retired_reason: string | null;
  superseded_by: string | null;
  use_count: number;
  last_used_at: string | null;
  search_text: string;
  embedded: number;
  origin: string | null;
}

export interface JoinedFactRow extends FactRow {
  subject_name: string;
  subject_type: EntityType;
}

export type FactChange = z.infer<typeof FactChangeSchema>['change'];

export interface NewFact {
  id?: string;
  subjectEntityId: string;
  subjectName: string;
  predicate: string;
  object: string;
  objectEntityId: string | null;
  category: FactCategory;
  confidence: number;
  status: FactStatus;
  source: FactSource;
  sourceMessageId?: string | null;
  sourceConversationId?: string | null;
  validFrom: string | null;
  validTo: string | null;
  learnedAt?: string;
  updatedAt?: string;
  retiredAt?: string | null;
  retiredReason?: string | null;
  supersededBy?: string | null;
  useCount?: number;
  lastUsedAt?: string | null;
  /** Untrusted origin of the text the fact was read in; null for the user's own words. */
  origin?: string | null;
}

export const SELECT_FACT = `SELECT f.*, e.name AS subject_name, e.type AS subject_type FROM memory_facts f JOIN memory_entities e ON e.id = f.subject_entity_id`;

/** Current = believed now: active and not ended. */
export const CURRENT = `f.status = 'active' AND f.valid_to IS NULL`;

const TITLE_EXPANSIONS: Record<string, string> = {
  ceo: 'chief executive officer',
  cfo: 'chief financial officer',
  cto: 'chief technology officer',
  coo: 'chief operating officer',
  cmo: 'chief marketing officer',
  cio: 'chief information officer',
  ciso: 'chief information security officer',
};

export function searchTextOf(subjectName: string, predicate: string, object: string): string {
  const extra = predicate === 'title' ? (TITLE_EXPANSIONS[canonicalTitle(object)] ?? '') : '';
  return `${subjectName} ${predicateWords(predicate)} ${object} ${extra}`.trim();
}

export function toFact(row: JoinedFactRow): MemoryFact {
  return {
    id: row.id,
    subjectEntityId: row.subject_entity_id,
    subject: row.subject_name,
    subjectType: row.subject_type,
    predicate: row.predicate,
    object: row.object,
    objectEntityId: row.object_entity_id,
    category: row.category,
    confidence: row.confidence,
    status: row.status,
    current: row.status === 'active' && row.valid_to === null,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    learnedAt: row.learned_at,
    updatedAt: row.updated_at,
    retiredAt: row.retired_at,
    retiredReason: row.retired_reason,
    source: row.source,
    sourceMessageId: row.source_message_id,
    sourceConversationId: row.source_conversation_id,
    origin: row.origin ?? null,
    supersededBy: row.superseded_by,
    useCount: row.use_count,
    lastUsedAt: row.last_used_at,
  };
}

export interface FactListFilter {
  category?: FactCategory;
  entityId?: string;
  status?: 'current' | 'history' | 'pending' | 'all';
  limit?: number;
  offset?: number;
}

export class FactStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  insert(input: NewFact): JoinedFactRow {
    const at = this.now().toISOString();
    const id = input.id ?? randomUUID();
    this.db
      .prepare(
        `INSERT INTO memory_facts (id, subject_entity_id, predicate, object, object_entity_id, category, confidence, status, source,
           source_message_id, source_conversation_id, valid_from, valid_to, learned_at, updated_at, retired_at, retired_reason,
           superseded_by, use_count, last_used_at, search_text, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.subjectEntityId,
        input.predicate,
        input.object,
        input.objectEntityId,
        input.category,
        input.confidence,
        input.status,
        input.source,
        input.sourceMessageId ?? null,
        input.sourceConversationId ?? null,
        input.validFrom,
        input.validTo,
        input.learnedAt ?? at,
        input.updatedAt ?? at,
        input.retiredAt ?? null,
        input.retiredReason ?? null,
        input.supersededBy ?? null,
        input.useCount ?? 0,
        input.lastUsedAt ?? null,
        searchTextOf(input.subjectName, input.predicate, input.object),
        input.origin ?? null,
      );
    const row = this.get(id);
    if (!row) throw new Error('fact vanished after insert');
    this.syncRelationship(row);
    return row;
  }

  get(id: string): JoinedFactRow | null {
    return (this.db.prepare(`${SELECT_FACT} WHERE f.id = ?`).get(id) as JoinedFactRow | undefined) ?? null;
  }

  getMany(ids: readonly string[]): JoinedFactRow[] {
    if (ids.length === 0) return [];
    return this.db.prepare(`${SELECT_FACT} WHERE f.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as JoinedFactRow[];
  }

  bySeqs(seqs: readonly number[]): JoinedFactRow[] {
    if (seqs.length === 0) return [];
    return this.db.prepare(`${SELECT_FACT} WHERE f.seq IN (SELECT value FROM json_each(?))`).all(JSON.stringify(seqs)) as JoinedFactRow[];
  }

  /** Believed-now facts of a subject and predicate. */
  currentFor(subjectId: string, predicate: string): JoinedFactRow[] {
    return this.db.prepare(`${SELECT_FACT} WHERE f.subject_entity_id = ? AND f.predicate = ? AND ${CURRENT} ORDER BY f.seq`).all(subjectId, predicate) as JoinedFactRow[];
  }

  /** Believed-now facts whose predicate is `predicate` (e.g. every current title). */
  currentWithPredicate(predicate: string): JoinedFactRow[] {
    return this.db.prepare(`${SELECT_FACT} WHERE f.predicate = ? AND ${CURRENT} ORDER BY f.seq`).all(predicate) as JoinedFactRow[];
  }

  /** An unretired fact with this exact subject, predicate and value (any case), open-ended or not. */
  sameValue(subjectId: string, predicate: string, object: string, validTo: string | null): JoinedFactRow | null {
    const rows = this.db
      .prepare(`${SELECT_FACT} WHERE f.subject_entity_id = ? AND f.predicate = ? AND f.object = ? COLLATE NOCASE AND f.status <> 'retired' ORDER BY f.seq DESC`)
      .all(subjectId, predicate, object) as JoinedFactRow[];
    return rows.find((r) => r.valid_to === validTo || (validTo === null && r.valid_to === null)) ?? rows.find((r) => validTo !== null && r.valid_to === null) ?? null;
  }

  factsAbout(entityIds: readonly string[], limit: number): JoinedFactRow[] {
    if (entityIds.length === 0) return [];
    return this.db
      .prepare(
        `${SELECT_FACT} WHERE (f.subject_entity_id IN (SELECT value FROM json_each(@ids)) OR f.object_entity_id IN (SELECT value FROM json_each(@ids)))
           AND f.status <> 'retired'
         ORDER BY (f.status = 'active' AND f.valid_to IS NULL) DESC, f.confidence DESC, f.learned_at DESC LIMIT @limit`,
      )
      .all({ ids: JSON.stringify(entityIds), limit }) as JoinedFactRow[];
  }

  update(
    id: string,
    patch: Partial<Pick<FactRow, 'predicate' | 'object' | 'object_entity_id' | 'category' | 'confidence' | 'status' | 'valid_from' | 'valid_to' | 'retired_at' | 'retired_reason' | 'superseded_by'>>,
  ): JoinedFactRow {
    const before = this.get(id);
    if (!before) throw new Error(`fact ${id} not found`);
    const next = { ...before, ...patch };
    const searchText = searchTextOf(before.subject_name, next.predicate, next.object);
    const textChanged = searchText !== before.search_text;
    this.db
      .prepare(
        `UPDATE memory_facts SET predicate = ?, object = ?, object_entity_id = ?, category = ?, confidence = ?, status = ?, valid_from = ?, valid_to = ?,
           retired_at = ?, retired_reason = ?, superseded_by = ?, updated_at = ?, search_text = ?, embedded = CASE WHEN ? THEN 0 ELSE embedded END
         WHERE id = ?`,
      )
      .run(
        next.predicate,
        next.object,
        next.object_entity_id,
        next.category,
        next.confidence,
        next.status,
        next.valid_from,
        next.valid_to,
        next.retired_at,
        next.retired_reason,
        next.superseded_by,
        this.now().toISOString(),
        searchText,
        textChanged ? 1 : 0,
        id,
      );
    const after = this.get(id)!;
    if (patch.predicate !== undefined || patch.object_entity_id !== undefined) this.syncRelationship(after);
    return after;
  }

  /**
   * A fact the user edited by hand is their own statement from then on ("you told me"). A fact
   * read elsewhere that still waits for confirmation keeps its origin: its question settles it.
   */
  markAsUsersOwn(id: string): void {
    this.db.prepare(`UPDATE memory_facts SET source = 'user', origin = CASE WHEN status = 'pending' THEN origin ELSE NULL END WHERE id = ?`).run(id);
  }

  /** Recomputes the keyword text of an entity's facts after it was renamed. */
  refreshSearchText(entityId: string): void {
    const rows = this.db.prepare(`${SELECT_FACT} WHERE f.subject_entity_id = ?`).all(entityId) as JoinedFactRow[];
    const stmt = this.db.prepare('UPDATE memory_facts SET search_text = ?, embedded = 0 WHERE seq = ? AND search_text <> ?');
    for (const r of rows) {
      const text = searchTextOf(r.subject_name, r.predicate, r.object);
      stmt.run(text, r.seq, text);
    }
  }

  addHistory(factId: string, change: FactChange, detail: string, at?: string): void {
    this.db.prepare('INSERT INTO memory_fact_history (fact_id, at, change, detail) VALUES (?, ?, ?, ?)').run(factId, at ?? this.now().toISOString(), change, detail);
  }

  history(factIds: readonly string[]): { factId: string; at: string; change: FactChange; detail: string }[] {
    if (factIds.length === 0) return [];
    return this.db
      .prepare(`SELECT fact_id AS factId, at, change, detail FROM memory_fact_history WHERE fact_id IN (SELECT value FROM json_each(?)) ORDER BY seq`)
      .all(JSON.stringify(factIds)) as { factId: string; at: string; change: FactChange; detail: string }[];
  }

  /** Every fact about the same subject and predicate, oldest first: the timeline of one attribute. */
  timeline(subjectId: string, predicate: string): JoinedFactRow[] {
    return this.db
      .prepare(`${SELECT_FACT} WHERE f.subject_entity_id = ? AND f.predicate = ? ORDER BY COALESCE(f.valid_from, f.learned_at), f.seq`)
      .all(subjectId, predicate) as JoinedFactRow[];
  }

  delete(ids: readonly string[]): number {
    if (ids.length === 0) return 0;
    return this.db.prepare('DELETE FROM memory_facts WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids)).changes;
  }

  list(filter: FactListFilter): { rows: JoinedFactRow[]; total: number } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.category) {
      where.push('f.category = ?');
      params.push(filter.category);
    }
    if (filter.entityId) {
      where.push('(f.subject_entity_id = ? OR f.object_entity_id = ?)');
      params.push(filter.entityId, filter.entityId);
    }
    const status = filter.status ?? 'current';
    if (status === 'current') where.push(CURRENT);
    else if (status === 'history') where.push(`(f.status = 'retired' OR f.valid_to IS NOT NULL)`);
    else if (status === 'pending') where.push(`f.status = 'pending'`);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM memory_facts f ${clause}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare(`${SELECT_FACT} ${clause} ORDER BY f.category, e.name COLLATE NOCASE, f.predicate, f.seq LIMIT ? OFFSET ?`)
      .all(...params, filter.limit ?? 200, filter.offset ?? 0) as JoinedFactRow[];
    return { rows, total };
  }

  /** Counts a use in a prompt or answer: feeds "most used" and keeps used facts from expiring. */
  markUsed(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.db
      .prepare('UPDATE memory_facts SET use_count = use_count + 1, last_used_at = ? WHERE id IN (SELECT value FROM json_each(?))')
      .run(this.now().toISOString(), JSON.stringify([...new Set(ids)]));
  }

  /** Keeps the relationships table in step with a fact whose predicate links two entities. */
  private syncRelationship(row: JoinedFactRow): void {
    this.db.prepare('DELETE FROM memory_relationships WHERE fact_id = ?').run(row.id);
    const rel = predicateSpec(row.predicate)?.relationship;
    if (!rel || !row.object_entity_id) return;
    this.db
      .prepare('INSERT INTO memory_relationships (id, fact_id, from_entity_id, type, to_entity_id) VALUES (?, ?, ?, ?, ?)')
      .run(randomUUID(), row.id, row.subject_entity_id, rel.type, row.object_entity_id);
  }
}
