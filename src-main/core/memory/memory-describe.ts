/** "What do you know about …?": everything memory holds about a person, team, company or topic, in words. */
import type { MemoryEntity, MemoryFact } from '../../../src-preload/schemas/memory.js';
import type { EntityRow } from './entity-store.js';
import { isOwnCompanyReference, isSelfReference } from './entity-store.js';
import { SELECT_FACT, toFact, type JoinedFactRow } from './fact-store.js';
import { sentenceOf } from './fact-writer.js';
import type { MemoryParts } from './memory-parts.js';
import { ftsQuery, significantWords } from './text-terms.js';

export interface DescribeResult {
  reply: string;
  entities: MemoryEntity[];
  facts: MemoryFact[];
  history: MemoryFact[];
}

export function describe(parts: MemoryParts, rawSubject: string): DescribeResult {
  const subject = rawSubject.trim().replace(/[?.!]+$/, '');
  const entities = subjectEntities(parts, subject);
  if (entities.length === 0) {
    const match = ftsQuery(significantWords(subject));
    const rows = match
      ? (parts.db
          .prepare(`${SELECT_FACT} WHERE f.seq IN (SELECT rowid FROM memory_facts_fts WHERE memory_facts_fts MATCH ? ORDER BY bm25(memory_facts_fts) LIMIT 10) AND f.status = 'active'`)
          .all(match) as JoinedFactRow[])
      : [];
    if (rows.length === 0) return { reply: `I don't know anything about ${subject} yet.`, entities: [], facts: [], history: [] };
    parts.facts.markUsed(rows.map((r) => r.id));
    return { reply: [`Here is what I know that mentions ${subject}:`, ...rows.map((r) => `- ${sentenceOf(r)}`)].join('\n'), entities: [], facts: rows.map(toFact), history: [] };
  }

  const lines: string[] = [];
  const facts: JoinedFactRow[] = [];
  const history: JoinedFactRow[] = [];
  for (const entity of entities.slice(0, 3)) {
    const rows = parts.db
      .prepare(`${SELECT_FACT} WHERE (f.subject_entity_id = @id OR f.object_entity_id = @id) AND f.status <> 'retired' ORDER BY f.category, f.predicate, COALESCE(f.valid_from, f.learned_at)`)
      .all({ id: entity.id }) as JoinedFactRow[];
    const current = rows.filter((r) => r.status === 'active' && r.valid_to === null);
    const past = rows.filter((r) => r.valid_to !== null);
    const pending = rows.filter((r) => r.status === 'pending');
    facts.push(...current);
    history.push(...past);
    const aliases = parts.entities.aliases(entity.id);
    lines.push(`${entity.role === 'self' ? 'About you' : `About ${entity.name}`} (${entity.type}${aliases.length > 0 ? `, also called ${aliases.join(', ')}` : ''}):`);
    if (entity.summary) lines.push(`- Summary: ${entity.summary}`);
    if (current.length === 0 && past.length === 0 && pending.length === 0) lines.push('- Nothing beyond the name yet.');
    for (const r of current) lines.push(`- ${sentenceOf(r)}${r.confidence < 0.8 ? ' (implied, not confirmed)' : ''}`);
    if (entity.type === 'team') {
      const members = parts.resolver.members(entity.id).people;
      if (members.length > 0) lines.push(`- Members: ${members.map((m) => (m.email ? `${m.name} <${m.email}>` : m.name)).join(', ')}`);
    }
    for (const r of pending) lines.push(`- Waiting for you to confirm: ${sentenceOf(r)}`);
    if (past.length > 0) {
      lines.push('  Earlier:');
      for (const r of past) lines.push(`  - ${sentenceOf(r)}`);
    }
  }
  if (entities.length > 3) lines.push(`(${entities.length - 3} more matches not shown.)`);
  parts.facts.markUsed(facts.map((f) => f.id));
  return {
    reply: lines.join('\n'),
    entities: entities.map((e) => parts.entities.toEntity(e)),
    facts: facts.map(toFact),
    history: history.map(toFact),
  };
}

/** The entities a "what do you know about X" names: me, the business, a name, or a reference ("the CFO"). */
function subjectEntities(parts: MemoryParts, subject: string): EntityRow[] {
  if (isSelfReference(subject)) return [parts.entities.self()];
  if (isOwnCompanyReference(subject) || /^(?:my|our) (?:company|business)$/i.test(subject)) return [parts.entities.ownCompany()];
  const out = new Map<string, EntityRow>();
  for (const e of parts.entities.findByName(subject.replace(/^(?:the|our|my)\s+/i, ''))) out.set(e.id, e);
  if (out.size === 0) {
    for (const ref of parts.resolver.resolve(subject)) {
      for (const e of ref.entities) {
        const row = parts.entities.get(e.id);
        if (row) out.set(row.id, row);
      }
    }
  }
  return [...out.values()];
}
