/**
 * Turns the ways people refer to each other — "the team", "the engineering team", "my
 * manager", "the CFO", "Alice" — into the people and email addresses memory holds, so "Email
 * the team about the meeting" needs no follow-up question once the team is known.
 */
import type { EntityType } from '../../../src-preload/schemas/memory.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { EntityRow, EntityStore } from './entity-store.js';
import { CURRENT, SELECT_FACT, type JoinedFactRow } from './fact-store.js';
import { canonicalTitle, normalisePredicate } from './predicates.js';

export interface ResolvedPerson {
  entityId: string;
  name: string;
  email: string | null;
  title: string | null;
}

export interface ResolvedReference {
  /** The words in the request, e.g. "the engineering team". */
  phrase: string;
  kind: 'team' | 'manager' | 'role' | 'relation' | 'entity';
  entities: { id: string; name: string; type: EntityType }[];
  people: ResolvedPerson[];
  /** Several candidates fit and memory cannot tell which one was meant. */
  ambiguous: boolean;
  /** What the agent should know: why it is ambiguous, or that nobody is known yet. */
  note: string | null;
  /** Facts the resolution used (counted as uses). */
  factIds: string[];
}

const TITLE_WORDS =
  'ceo|cfo|cto|coo|cmo|cio|ciso|cpo|cro|chro|president|chair(?:man|woman|person)?|managing director|general manager|controller|treasurer|chief [a-z]+ officer|head of [a-z]+|vp of [a-z]+|director of [a-z]+';
const NAMED_TEAM = /\b(?:the|our|my)\s+((?!whole\b|entire\b|full\b|new\b)[\p{L}][\p{L}&-]*(?:\s+(?:and|&)\s+[\p{L}][\p{L}&-]*)?)\s+(?:team|department|dept)\b/giu;
const DEFAULT_TEAM = /\b(?:the|our|my)\s+(?:whole\s+|entire\s+|full\s+)?team\b|\beveryone\b|\bthe whole company\b/gi;
const MANAGER = /\bmy\s+(manager|boss|supervisor|line manager|team lead)\b/gi;
const MY_RELATION = /\bmy\s+(assistant|accountant|lawyer|bookkeeper|co-?founder|business partner|direct reports|reports|designer|developer|recruiter)\b/gi;
const ROLE = new RegExp(`\\b(?:the|our)\\s+(${TITLE_WORDS})\\b`, 'gi');

export class ReferenceResolver {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly entities: EntityStore,
  ) {}

  resolve(text: string): ResolvedReference[] {
    const out: ResolvedReference[] = [];
    const taken: [number, number][] = [];
    const free = (start: number, end: number) => !taken.some(([s, e]) => start < e && end > s);
    const add = (match: RegExpMatchArray, ref: Omit<ResolvedReference, 'phrase'>) => {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (!free(start, end)) return;
      taken.push([start, end]);
      out.push({ phrase: match[0], ...ref });
    };

    for (const m of text.matchAll(NAMED_TEAM)) add(m, this.namedTeam(m[1] ?? ''));
    for (const m of text.matchAll(DEFAULT_TEAM)) add(m, this.defaultTeam());
    for (const m of text.matchAll(MANAGER)) add(m, this.manager());
    for (const m of text.matchAll(MY_RELATION)) add(m, this.relation(m[1] ?? ''));
    for (const m of text.matchAll(ROLE)) add(m, this.roleHolder(m[1] ?? ''));

    // Names last: "Alice" inside "the CFO Alice" is still worth resolving on its own.
    const named = this.entities.findMentioned(text).filter((e) => e.role === null);
    const byName = new Map<string, EntityRow[]>();
    for (const entity of named) {
      const phrase = this.phraseFor(text, entity);
      if (!phrase) continue;
      byName.set(phrase.toLowerCase(), [...(byName.get(phrase.toLowerCase()) ?? []), entity]);
    }
    for (const [phrase, entities] of byName) {
      if (out.some((r) => r.entities.some((e) => entities.some((x) => x.id === e.id)))) continue;
      out.push({ phrase, ...this.forEntities(entities) });
    }
    return out;
  }

  /** Every current member of a team, with their email. */
  members(teamId: string): { people: ResolvedPerson[]; factIds: string[] } {
    const rows = this.db
      .prepare(`${SELECT_FACT} WHERE f.predicate = 'member_of' AND f.object_entity_id = ? AND ${CURRENT} ORDER BY e.name COLLATE NOCASE`)
      .all(teamId) as JoinedFactRow[];
    return { people: this.people(rows.map((r) => r.subject_entity_id)), factIds: rows.map((r) => r.id) };
  }

  /** Every unretired fact of anyone holding `title` (same meaning: "CFO" = "Chief Financial Officer"), for history views. */
  titleTimeline(title: string): JoinedFactRow[] {
    const wanted = canonicalTitle(title);
    return (this.db.prepare(`${SELECT_FACT} WHERE f.predicate = 'title' AND f.status <> 'retired'`).all() as JoinedFactRow[]).filter((r) => canonicalTitle(r.object) === wanted);
  }

  private namedTeam(rawName: string): Omit<ResolvedReference, 'phrase'> {
    const teams = this.entities.findByName(rawName).filter((e) => e.type === 'team');
    const more = teams.length === 0 ? this.entities.findByName(`${rawName} team`).filter((e) => e.type === 'team') : [];
    const found = [...teams, ...more];
    if (found.length === 0) return this.empty('team', `No team called "${rawName}" is known yet.`);
    return this.teams(found);
  }

  private defaultTeam(): Omit<ResolvedReference, 'phrase'> {
    // 1. A team the user said is "the team"; 2. the team the user belongs to or runs; 3. the only team.
    const aliased = [...this.entities.findByName('the team'), ...this.entities.findByName('my team')].filter((e) => e.type === 'team');
    if (aliased.length > 0) return this.teams(aliased.slice(0, 1));
    const self = this.entities.byRole('self');
    if (self) {
      const mine = this.db
        .prepare(
          `SELECT DISTINCT t.* FROM memory_facts f JOIN memory_entities t ON t.id = f.object_entity_id
           WHERE f.subject_entity_id = ? AND f.predicate IN ('member_of', 'manages') AND t.type = 'team' AND ${CURRENT}`,
        )
        .all(self.id) as EntityRow[];
      if (mine.length === 1) return this.teams(mine);
    }
    const all = this.db.prepare(`SELECT * FROM memory_entities WHERE type = 'team' ORDER BY name COLLATE NOCASE`).all() as EntityRow[];
    if (all.length === 1) return this.teams(all);
    if (all.length === 0) {
      // No teams: everyone known to work for the business is the team.
      const own = this.entities.byRole('own_company');
      const staff = own
        ? (this.db.prepare(`${SELECT_FACT} WHERE f.predicate = 'works_for' AND f.object_entity_id = ? AND ${CURRENT}`).all(own.id) as JoinedFactRow[])
        : [];
      if (staff.length === 0) return this.empty('team', 'No team is known yet: ask who is on it, then remember it.');
      return { kind: 'team', entities: [], people: this.people(staff.map((s) => s.subject_entity_id)), ambiguous: false, note: 'Everyone known to work for the business.', factIds: staff.map((s) => s.id) };
    }
    const resolved = this.teams(all);
    return { ...resolved, ambiguous: true, note: `Several teams are known (${all.map((t) => t.name).join(', ')}); ask which one is meant.` };
  }

  private manager(): Omit<ResolvedReference, 'phrase'> {
    const self = this.entities.byRole('self');
    if (!self) return this.empty('manager', 'Your manager is not known yet.');
    const facts = this.db
      .prepare(`${SELECT_FACT} WHERE f.subject_entity_id = ? AND f.predicate = 'reports_to' AND ${CURRENT} ORDER BY f.learned_at DESC`)
      .all(self.id) as JoinedFactRow[];
    const inverse = this.db
      .prepare(`${SELECT_FACT} WHERE f.object_entity_id = ? AND f.predicate = 'manages' AND ${CURRENT} ORDER BY f.learned_at DESC`)
      .all(self.id) as JoinedFactRow[];
    const ids = [...facts.map((f) => f.object_entity_id), ...inverse.map((f) => f.subject_entity_id)].filter((id): id is string => id !== null);
    if (ids.length === 0) return this.empty('manager', 'Your manager is not known yet.');
    const people = this.people([...new Set(ids)]);
    return { kind: 'manager', entities: this.entityRefs(people.map((p) => p.entityId)), people, ambiguous: people.length > 1, note: null, factIds: [...facts, ...inverse].map((f) => f.id) };
  }

  /** "my accountant": a fact "you — accountant — X", or the person whose title is accountant. */
  private relation(word: string): Omit<ResolvedReference, 'phrase'> {
    const predicate = normalisePredicate(word) ?? word;
    const self = this.entities.byRole('self');
    if (predicate === 'direct_reports' || predicate === 'reports') {
      if (!self) return this.empty('relation', 'Nobody is known to report to you yet.');
      const rows = this.db.prepare(`${SELECT_FACT} WHERE f.predicate = 'reports_to' AND f.object_entity_id = ? AND ${CURRENT}`).all(self.id) as JoinedFactRow[];
      if (rows.length === 0) return this.empty('relation', 'Nobody is known to report to you yet.');
      const people = this.people(rows.map((r) => r.subject_entity_id));
      return { kind: 'relation', entities: this.entityRefs(people.map((p) => p.entityId)), people, ambiguous: false, note: null, factIds: rows.map((r) => r.id) };
    }
    const direct = self
      ? (this.db.prepare(`${SELECT_FACT} WHERE f.subject_entity_id = ? AND f.predicate = ? AND f.object_entity_id IS NOT NULL AND ${CURRENT}`).all(self.id, predicate) as JoinedFactRow[])
      : [];
    if (direct.length > 0) {
      const people = this.people(direct.map((d) => d.object_entity_id!));
      return { kind: 'relation', entities: this.entityRefs(people.map((p) => p.entityId)), people, ambiguous: people.length > 1, note: null, factIds: direct.map((d) => d.id) };
    }
    return { ...this.roleHolder(word), kind: 'relation' };
  }

  private roleHolder(title: string): Omit<ResolvedReference, 'phrase'> {
    const wanted = canonicalTitle(title);
    const rows = (this.db.prepare(`${SELECT_FACT} WHERE f.predicate = 'title' AND ${CURRENT}`).all() as JoinedFactRow[]).filter((r) => canonicalTitle(r.object) === wanted);
    if (rows.length === 0) return this.empty('role', `Nobody is known to be the ${title} yet.`);
    const people = this.people(rows.map((r) => r.subject_entity_id));
    return {
      kind: 'role',
      entities: this.entityRefs(people.map((p) => p.entityId)),
      people,
      ambiguous: people.length > 1,
      note: people.length > 1 ? `Several people hold the title ${title}; ask which one is meant.` : null,
      factIds: rows.map((r) => r.id),
    };
  }

  private forEntities(entities: EntityRow[]): Omit<ResolvedReference, 'phrase'> {
    const teams = entities.filter((e) => e.type === 'team');
    if (teams.length === entities.length) return this.teams(teams);
    const people = this.people(entities.filter((e) => e.type === 'person').map((e) => e.id));
    const ambiguous = entities.length > 1;
    return {
      kind: 'entity',
      entities: entities.map((e) => ({ id: e.id, name: e.name, type: e.type })),
      people,
      ambiguous,
      note: ambiguous ? `"${entities[0]?.name}" could be ${entities.map((e) => `${e.name} (${e.type})`).join(' or ')}; ask which one is meant.` : null,
      factIds: [],
    };
  }

  private teams(teams: EntityRow[]): Omit<ResolvedReference, 'phrase'> {
    const people: ResolvedPerson[] = [];
    const factIds: string[] = [];
    for (const team of teams) {
      const m = this.members(team.id);
      for (const p of m.people) if (!people.some((x) => x.entityId === p.entityId)) people.push(p);
      factIds.push(...m.factIds);
      // A team's own address (eng@acme.com) is how to email it when members are unknown.
      const teamEmail = this.currentValue(team.id, 'email');
      if (teamEmail) {
        people.unshift({ entityId: team.id, name: team.name, email: teamEmail.object, title: null });
        factIds.push(teamEmail.id);
      }
    }
    const note = people.length === 0 ? `Nobody is known to be in ${teams.map((t) => t.name).join(' or ')} yet.` : null;
    return { kind: 'team', entities: teams.map((t) => ({ id: t.id, name: t.name, type: t.type })), people, ambiguous: teams.length > 1, note, factIds };
  }

  private people(entityIds: readonly string[]): ResolvedPerson[] {
    const out: ResolvedPerson[] = [];
    for (const id of new Set(entityIds)) {
      const entity = this.entities.get(id);
      // The user is on their own team, but "email the team" never means emailing themselves.
      if (!entity || entity.role === 'self') continue;
      out.push({ entityId: id, name: entity.name, email: this.currentValue(id, 'email')?.object ?? null, title: this.currentValue(id, 'title')?.object ?? null });
    }
    return out;
  }

  private currentValue(entityId: string, predicate: string): JoinedFactRow | null {
    return (
      (this.db.prepare(`${SELECT_FACT} WHERE f.subject_entity_id = ? AND f.predicate = ? AND ${CURRENT} ORDER BY f.learned_at DESC LIMIT 1`).get(entityId, predicate) as
        | JoinedFactRow
        | undefined) ?? null
    );
  }

  private entityRefs(ids: readonly string[]): ResolvedReference['entities'] {
    return ids.map((id) => this.entities.get(id)).filter((e): e is EntityRow => e !== null).map((e) => ({ id: e.id, name: e.name, type: e.type }));
  }

  /** The words in `text` that named the entity (its name or one of its aliases). */
  private phraseFor(text: string, entity: EntityRow): string | null {
    const names = [entity.name, ...this.entities.aliases(entity.id)].sort((a, b) => b.length - a.length);
    for (const name of names) {
      const m = new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').exec(text);
      if (m) return m[0];
    }
    return null;
  }

  private empty(kind: ResolvedReference['kind'], note: string): Omit<ResolvedReference, 'phrase'> {
    return { kind, entities: [], people: [], ambiguous: false, note, factIds: [] };
  }
}
