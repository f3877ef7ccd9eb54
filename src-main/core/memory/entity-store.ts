/**
 * People, companies, teams, projects, tools and places, each with aliases. Every name is also
 * stored as an alias, so one indexed lookup finds an entity by any of the names it goes by.
 */
import { randomUUID } from 'node:crypto';
import type { EntityType, MemoryEntity } from '../../../src-preload/schemas/memory.js';
import type { SqliteDatabase, SqliteStatement } from '../store/sqlite.js';
import { nGrams } from './text-terms.js';

export interface EntityRow {
  id: string;
  type: EntityType;
  name: string;
  role: 'self' | 'own_company' | null;
  summary: string | null;
  summarised_at: string | null;
  created_at: string;
  updated_at: string;
  last_mentioned_at: string;
}

const SELF_WORDS = /^(?:i|me|my|myself|mine|user|the user|you|yourself)$/i;
const OWN_COMPANY_WORDS = /^(?:we|us|our|ours|ourselves|our company|the company|my company|our business|my business|the business|our firm|our organi[sz]ation|the organi[sz]ation)$/i;
const KNOWN_TOOLS =
  /^(?:slack|stripe|quickbooks|xero|gmail|google (?:workspace|drive|calendar|sheets|docs)|outlook|microsoft 365|office 365|teams|github|gitlab|notion|jira|confluence|hubspot|salesforce|shopify|zoom|asana|trello|dropbox|mailchimp|twilio|sendgrid|figma|airtable|zapier|linear|intercom|zendesk|paypal|square|wise|freshbooks|sage|netsuite|aws|azure|vercel|netlify|wordpress|calendly|docusign)$/i;

export const isSelfReference = (name: string): boolean => SELF_WORDS.test(name.trim());
export const isOwnCompanyReference = (name: string): boolean => OWN_COMPANY_WORDS.test(name.trim());

/** Display form of a name: trimmed, single spaces, without "the"/"our" for groups and things. */
export function canonicalName(name: string, type: EntityType | null): string {
  let n = name.replace(/\s+/g, ' ').trim().replace(/^["'“”‘’]+|["'“”‘’.,;:!?]+$/g, '');
  if (type !== 'person') n = n.replace(/^(?:the|our|my|their)\s+/i, '');
  if (type === 'team') n = n.replace(/\s+(?:team|department|dept\.?|group|squad)$/i, '');
  // "engineering" and "Engineering" are one team; show it capitalised.
  if (type === 'team' && /^[a-z]/.test(n)) n = n.charAt(0).toUpperCase() + n.slice(1);
  return n;
}

/** A best guess when neither the model nor an existing entity says what a name is. */
export function guessEntityType(name: string): EntityType {
  const n = name.trim();
  if (/\b(?:team|department|dept|squad)$/i.test(n)) return 'team';
  if (/\b(?:inc|ltd|llc|gmbh|corp|co|plc|sa|ag|bv|limited|group|holdings)\.?$/i.test(n)) return 'company';
  if (KNOWN_TOOLS.test(n)) return 'tool';
  if (/\b(?:project|campaign|launch|migration|redesign|rollout)\b/i.test(n)) return 'project';
  if (/^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2}$/u.test(n)) return 'person';
  return 'project';
}

/** Other names the entity goes by: first name of a person, "<X> team", a company without its legal suffix. */
function implicitAliases(name: string, type: EntityType): string[] {
  const out: string[] = [];
  if (type === 'person') {
    const parts = name.split(' ');
    if (parts.length > 1 && parts[0] && parts[0].length > 1) out.push(parts[0]);
  }
  if (type === 'team') out.push(`${name} team`);
  if (type === 'company') {
    const bare = name.replace(/,?\s+(?:inc|ltd|llc|gmbh|corp|co|plc|limited)\.?$/i, '');
    if (bare !== name && bare.length > 1) out.push(bare);
  }
  return out;
}

export class EntityStore {
  /** findMentioned runs for every stored message and every search: its statement is prepared once (preparing cost more than running it). */
  private mentionLookup: SqliteStatement | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  get(id: string): EntityRow | null {
    return (this.db.prepare('SELECT * FROM memory_entities WHERE id = ?').get(id) as EntityRow | undefined) ?? null;
  }

  byRole(role: 'self' | 'own_company'): EntityRow | null {
    return (this.db.prepare('SELECT * FROM memory_entities WHERE role = ?').get(role) as EntityRow | undefined) ?? null;
  }

  /** The user, created on first need. */
  self(): EntityRow {
    return this.byRole('self') ?? this.insert('You', 'person', 'self', ['me', 'myself']);
  }

  /** The user's business, created on first need; renamed when its name is learned. */
  ownCompany(): EntityRow {
    return this.byRole('own_company') ?? this.insert('Your company', 'company', 'own_company', ['our company', 'the company', 'my company']);
  }

  aliases(id: string): string[] {
    const entity = this.get(id);
    const rows = this.db.prepare('SELECT alias FROM memory_entity_aliases WHERE entity_id = ? ORDER BY alias').all(id) as { alias: string }[];
    return rows.map((r) => r.alias).filter((a) => a.toLowerCase() !== entity?.name.toLowerCase());
  }

  toEntity(row: EntityRow): MemoryEntity {
    return {
      id: row.id,
      type: row.type,
      name: row.name,
      aliases: this.aliases(row.id),
      role: row.role,
      summary: row.summary,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  list(): EntityRow[] {
    return this.db.prepare('SELECT * FROM memory_entities ORDER BY type, name COLLATE NOCASE').all() as EntityRow[];
  }

  /** Entities whose name or alias is exactly `name` (any case). */
  findByName(name: string): EntityRow[] {
    return this.db
      .prepare(
        `SELECT DISTINCT e.* FROM memory_entity_aliases a JOIN memory_entities e ON e.id = a.entity_id
         WHERE a.alias = ? ORDER BY e.last_mentioned_at DESC`,
      )
      .all(name.trim()) as EntityRow[];
  }

  /**
   * The entity `name` refers to, created when there is none. "me"/"I" is the user and
   * "we"/"our company" the user's business; a known type picks among same-named entities.
   */
  ensure(rawName: string, type: EntityType | null, aliases: readonly string[] = []): EntityRow {
    if (isSelfReference(rawName)) return this.self();
    if (isOwnCompanyReference(rawName)) return this.ownCompany();
    const name = canonicalName(rawName, type);
    const candidates = [...this.findByName(name), ...(name !== rawName.trim() ? this.findByName(rawName) : [])];
    const sameType = type ? candidates.filter((c) => c.type === type) : candidates;
    let found: EntityRow | undefined = sameType[0];
    // An untyped "Alice" resolves to the one Alice we know; a typed one must match the type.
    if (!found && !type && candidates.length > 0) found = candidates[0];
    if (found) {
      this.addAliases(found.id, aliases);
      return found;
    }
    const finalType = type ?? guessEntityType(name);
    return this.insert(canonicalName(rawName, finalType), finalType, null, aliases);
  }

  addAliases(id: string, aliases: readonly string[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO memory_entity_aliases (entity_id, alias) VALUES (?, ?)');
    for (const alias of aliases) {
      const a = alias.replace(/\s+/g, ' ').trim();
      if (a.length >= 2 && a.length <= 100 && !isSelfReference(a)) insert.run(id, a);
    }
  }

  /** Renames an entity, keeping the old name as an alias so earlier mentions still resolve. */
  rename(id: string, newName: string): void {
    const row = this.get(id);
    if (!row || row.name === newName) return;
    const clash = this.db.prepare('SELECT id FROM memory_entities WHERE type = ? AND name = ? COLLATE NOCASE AND id <> ?').get(row.type, newName, id);
    if (clash) return;
    this.db.prepare('UPDATE memory_entities SET name = ?, updated_at = ? WHERE id = ?').run(newName, this.now().toISOString(), id);
    this.addAliases(id, [newName, ...implicitAliases(newName, row.type)]);
  }

  touch(ids: readonly string[]): void {
    const stmt = this.db.prepare('UPDATE memory_entities SET last_mentioned_at = ? WHERE id = ?');
    const at = this.now().toISOString();
    for (const id of new Set(ids)) stmt.run(at, id);
  }

  /**
   * Entities named in free text. When a longer name matches ("Alice Smith"), shorter names
   * inside it ("Alice", which may be several people) are not counted separately.
   */
  findMentioned(text: string): EntityRow[] {
    const grams = nGrams(text, 4).filter((g) => !isSelfReference(g));
    if (grams.length === 0) return [];
    const matches = new Map<string, EntityRow[]>();
    const lookup = (this.mentionLookup ??= this.db.prepare(
      `SELECT a.alias AS alias, e.* FROM memory_entity_aliases a JOIN memory_entities e ON e.id = a.entity_id WHERE a.alias IN (SELECT value FROM json_each(?))`,
    ));
    for (const row of lookup.all(JSON.stringify(grams)) as (EntityRow & { alias: string })[]) {
      const key = row.alias.toLowerCase();
      const list = matches.get(key) ?? [];
      const { alias: _alias, ...entity } = row;
      list.push(entity);
      matches.set(key, list);
    }
    const matched = [...matches.keys()];
    const out = new Map<string, EntityRow>();
    for (const [gram, rows] of matches) {
      const inside = matched.some((other) => other !== gram && other.length > gram.length && ` ${other} `.includes(` ${gram} `));
      if (inside) continue;
      for (const r of rows) out.set(r.id, r);
    }
    return [...out.values()];
  }

  private insert(name: string, type: EntityType, role: EntityRow['role'], aliases: readonly string[]): EntityRow {
    const at = this.now().toISOString();
    const row: EntityRow = { id: randomUUID(), type, name, role, summary: null, summarised_at: null, created_at: at, updated_at: at, last_mentioned_at: at };
    this.db
      .prepare(
        `INSERT INTO memory_entities (id, type, name, role, summary, summarised_at, created_at, updated_at, last_mentioned_at)
         VALUES (@id, @type, @name, @role, @summary, @summarised_at, @created_at, @updated_at, @last_mentioned_at)`,
      )
      .run(row);
    this.addAliases(row.id, [name, ...implicitAliases(name, type), ...aliases]);
    return row;
  }

  /** Used by import: an entity with a given id and times, unless one with that id or name exists (returns the existing id). */
  insertImported(entity: MemoryEntity & { lastMentionedAt?: string; summarisedAt?: string | null }): { id: string; inserted: boolean } {
    const byId = this.get(entity.id);
    if (byId) return { id: byId.id, inserted: false };
    if (entity.role) {
      const byRole = this.byRole(entity.role);
      if (byRole) {
        this.addAliases(byRole.id, [entity.name, ...entity.aliases]);
        return { id: byRole.id, inserted: false };
      }
    }
    const byName = this.db.prepare('SELECT id FROM memory_entities WHERE type = ? AND name = ? COLLATE NOCASE').get(entity.type, entity.name) as { id: string } | undefined;
    if (byName) {
      this.addAliases(byName.id, entity.aliases);
      return { id: byName.id, inserted: false };
    }
    this.db
      .prepare(
        `INSERT INTO memory_entities (id, type, name, role, summary, summarised_at, created_at, updated_at, last_mentioned_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(entity.id, entity.type, entity.name, entity.role, entity.summary, entity.summarisedAt ?? null, entity.createdAt, entity.updatedAt, entity.lastMentionedAt ?? entity.updatedAt);
    this.addAliases(entity.id, [entity.name, ...entity.aliases]);
    return { id: entity.id, inserted: true };
  }
}
