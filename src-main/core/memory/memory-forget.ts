/**
 * "Forget …" and deletes from the viewer. Forgetting really deletes: the fact rows, their
 * history, their vectors and index entries (secure_delete overwrites the freed pages), and the
 * forgotten values quoted in stored episodes.
 */
import type { MemoryFact } from '../../../src-preload/schemas/memory.js';
import { isOwnCompanyReference, isSelfReference } from './entity-store.js';
import { SELECT_FACT, toFact, type JoinedFactRow } from './fact-store.js';
import type { MemoryParts } from './memory-parts.js';
import { ftsQuery, significantWords } from './text-terms.js';

/** More matches than this and "forget" asks for something more specific instead of deleting. */
export const MAX_FORGET_MATCHES = 10;

export interface ForgetResult {
  reply: string;
  forgotten: MemoryFact[];
  /** Entities removed entirely ("Forget John"). */
  entities: string[];
  /** True when the request matched too much to act on safely. */
  tooBroad: boolean;
}

/** Values specific enough to scrub from episodes (an email, a number) — not common words like "CFO". */
const isSpecificValue = (row: JoinedFactRow) => /[\d@]/.test(row.object) || ['email', 'phone', 'address', 'birthday', 'note', 'website'].includes(row.predicate);

/** Deletes facts by id (snapshots returned), scrubbing their specific values from episodes. */
export function deleteFacts(parts: MemoryParts, ids: readonly string[]): { deleted: MemoryFact[]; missing: string[] } {
  const rows = parts.facts.getMany(ids);
  const found = new Set(rows.map((r) => r.id));
  parts.db.transaction(() => {
    parts.facts.delete(rows.map((r) => r.id));
    for (const row of rows) if (isSpecificValue(row)) parts.episodes.scrub(row.object);
  })();
  const deleted = rows.map(toFact);
  if (deleted.length > 0) parts.emit({ type: 'memory.changed', change: 'forgotten', factIds: deleted.map((f) => f.id) });
  return { deleted, missing: ids.filter((id) => !found.has(id)) };
}

/**
 * Who is forgetting. `companyOnly`: someone other than the owner (a director in their chat), who
 * changes company facts only — facts about the owner's own self (memory's "you") are never matched,
 * and the replies speak of company memory so they say nothing about what the owner keeps.
 */
export interface ForgetScope {
  companyOnly?: boolean;
}

export function forget(parts: MemoryParts, rawQuery: string, scope: ForgetScope = {}): ForgetResult {
  const query = rawQuery.trim().replace(/[.!?]+$/, '').replace(/^(?:about|that|the|my|our)\s+/i, '');
  if (!query) return { reply: 'Tell me what to forget, for example "Forget John’s phone number".', forgotten: [], entities: [], tooBroad: false };
  if (isSelfReference(query)) {
    if (scope.companyOnly) return { reply: 'Facts about the owner personally are the owner’s to change, so nothing was forgotten.', forgotten: [], entities: [], tooBroad: false };
    return { reply: 'To delete everything I know, say "Clear my data" (or use Clear in the memory viewer).', forgotten: [], entities: [], tooBroad: true };
  }
  // Memory's "you" is the owner: with companyOnly, facts about them are left out of every match.
  const selfId = scope.companyOnly ? (parts.entities.byRole('self')?.id ?? null) : null;

  // "Forget John", "Forget the Apollo project": the whole query names an entity.
  const named = isOwnCompanyReference(query) ? [] : parts.entities.findByName(query.replace(/^(?:the|our|my)\s+/i, ''));
  if (named.length === 1 && named[0]!.role === null) {
    const entity = named[0]!;
    const all = parts.db.prepare(`${SELECT_FACT} WHERE f.subject_entity_id = @id OR f.object_entity_id = @id`).all({ id: entity.id }) as JoinedFactRow[];
    const rows = all.filter((r) => selfId === null || r.subject_entity_id !== selfId);
    // A fact of the owner's own points at the entity ("my manager is John"): it stays, so the entity stays too.
    if (rows.length === 0) return { reply: `Nothing in company memory matches "${query}", so nothing was forgotten.`, forgotten: [], entities: [], tooBroad: false };
    if (rows.length < all.length) {
      const { deleted } = deleteFacts(parts, rows.map((r) => r.id));
      return { reply: `Forgotten ${deleted.length} company fact${deleted.length === 1 ? '' : 's'} about ${entity.name}.`, forgotten: deleted, entities: [], tooBroad: false };
    }
    const names = [entity.name, ...parts.entities.aliases(entity.id)].filter((n) => n.length >= 3);
    parts.db.transaction(() => {
      parts.facts.delete(rows.map((r) => r.id));
      parts.db.prepare('DELETE FROM memory_entities WHERE id = ?').run(entity.id);
      for (const row of rows) if (isSpecificValue(row)) parts.episodes.scrub(row.object);
      for (const name of names) parts.episodes.scrub(name);
    })();
    const forgotten = rows.map(toFact);
    parts.emit({ type: 'memory.changed', change: 'forgotten', factIds: forgotten.map((f) => f.id) });
    return {
      reply: `Forgotten: ${entity.name} and ${forgotten.length} fact${forgotten.length === 1 ? '' : 's'} about them.`,
      forgotten,
      entities: [entity.name],
      tooBroad: false,
    };
  }

  const match = ftsQuery(significantWords(query), 'AND');
  const rows = match
    ? (parts.db
        .prepare(`${SELECT_FACT} WHERE f.seq IN (SELECT rowid FROM memory_facts_fts WHERE memory_facts_fts MATCH ?) AND (? IS NULL OR f.subject_entity_id <> ?) ORDER BY f.seq LIMIT ?`)
        .all(match, selfId, selfId, MAX_FORGET_MATCHES + 1) as JoinedFactRow[])
    : [];
  if (rows.length === 0) {
    const where = scope.companyOnly ? 'Nothing in company memory matches' : 'I have nothing stored that matches';
    return { reply: `${where} "${query}", so nothing was forgotten.`, forgotten: [], entities: [], tooBroad: false };
  }
  if (rows.length > MAX_FORGET_MATCHES) {
    return {
      reply: `"${query}" matches more than ${MAX_FORGET_MATCHES} facts, so I didn't delete anything. Be more specific, or pick the facts in the memory viewer.`,
      forgotten: [],
      entities: [],
      tooBroad: true,
    };
  }
  const { deleted } = deleteFacts(parts, rows.map((r) => r.id));
  const what = deleted.map((f) => `${f.subject} — ${f.predicate.replace(/_/g, ' ')}`).join(', ');
  return { reply: `Forgotten ${deleted.length} fact${deleted.length === 1 ? '' : 's'}: ${what}.`, forgotten: deleted, entities: [], tooBroad: false };
}
