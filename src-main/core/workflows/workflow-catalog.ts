/**
 * The workflows this Steward can run: the shipped definitions plus those the user loaded, each by
 * id and version (the newest version is the one that starts; a run keeps the version it started
 * with). Definitions are checked again whenever they are listed or started, because what they
 * depend on changes: a tool can be removed, the only director can leave.
 */
import type { SqliteDatabase } from '../store/sqlite.js';
import { SHIPPED_DEFINITIONS } from './definitions/index.js';
import type { WorkflowDefinition, WorkflowInput } from './workflow-definition.js';
import { WorkflowDefinitionError, WorkflowNotFoundError, WorkflowStateError, type DefinitionProblem } from './workflow-errors.js';
import { loadWorkflowDefinition, type DefinitionContext } from './workflow-loader.js';

export interface CatalogEntry {
  id: string;
  version: number;
  title: string;
  description: string;
  source: string;
  shipped: boolean;
  inputs: WorkflowInput[];
  triggers: string[];
  /** Problems that stop it from starting now (a tool not connected is not one: that step says so when it runs). */
  problems: DefinitionProblem[];
}

interface StoredText {
  id: string;
  version: number;
  source: string;
  text: string;
  shipped: boolean;
}

export class WorkflowCatalog {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly context: () => DefinitionContext,
    private readonly now: () => Date,
  ) {}

  list(): CatalogEntry[] {
    return this.newestTexts().map((stored) => this.entryOf(stored));
  }

  /** The newest version of a workflow, checked now; throws with every problem (line and reason) if it cannot run. */
  get(id: string): WorkflowDefinition {
    const stored = this.newestTexts().find((t) => t.id === id);
    if (!stored) throw new WorkflowNotFoundError('workflow', id);
    return loadWorkflowDefinition(stored.text, stored.source, this.context());
  }

  /** Checks a definition the user wrote and keeps it. The same id needs a higher version than the one there (or the identical text). */
  add(text: string, source: string): WorkflowDefinition {
    const definition = loadWorkflowDefinition(text, source, this.context());
    const existing = this.allTexts().filter((t) => t.id === definition.id);
    const same = existing.find((t) => t.text === text);
    if (same) return definition;
    const newest = Math.max(0, ...existing.map((t) => t.version));
    if (definition.version <= newest) {
      throw new WorkflowStateError(`The workflow "${definition.id}" is already at version ${newest}; give this one "version: ${newest + 1}" so runs can tell them apart. Nothing was changed.`);
    }
    this.db.prepare('INSERT INTO workflow_definitions (id, version, source, text, loaded_at) VALUES (?, ?, ?, ?, ?)').run(definition.id, definition.version, source, text, this.now().toISOString());
    return definition;
  }

  /** The workflow a chat sentence asks for ("onboard Dana Lee…"), by its trigger words; null when none matches. */
  match(sentence: string): CatalogEntry | null {
    const text = ` ${sentence.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
    let best: { entry: CatalogEntry; length: number } | null = null;
    for (const entry of this.list()) {
      for (const trigger of entry.triggers) {
        const words = ` ${trigger.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
        if (text.includes(words) && (!best || words.length > best.length)) best = { entry, length: words.length };
      }
    }
    return best?.entry ?? null;
  }

  private entryOf(stored: StoredText): CatalogEntry {
    try {
      const d = loadWorkflowDefinition(stored.text, stored.source, this.context());
      return { id: d.id, version: d.version, title: d.title, description: d.description, source: stored.source, shipped: stored.shipped, inputs: d.inputs, triggers: d.triggers, problems: [] };
    } catch (err) {
      if (!(err instanceof WorkflowDefinitionError)) throw err;
      return { id: stored.id, version: stored.version, title: stored.id, description: '', source: stored.source, shipped: stored.shipped, inputs: [], triggers: [], problems: [...err.problems] };
    }
  }

  private allTexts(): StoredText[] {
    const shipped = SHIPPED_DEFINITIONS.map((d) => ({ ...headerOf(d.yaml), source: d.source, text: d.yaml, shipped: true }));
    const loaded = (this.db.prepare('SELECT id, version, source, text FROM workflow_definitions').all() as Omit<StoredText, 'shipped'>[]).map((r) => ({ ...r, shipped: false }));
    return [...shipped, ...loaded];
  }

  private newestTexts(): StoredText[] {
    const newest = new Map<string, StoredText>();
    for (const t of this.allTexts()) {
      const seen = newest.get(t.id);
      if (!seen || t.version > seen.version) newest.set(t.id, t);
    }
    return [...newest.values()];
  }
}

/** id and version of a shipped definition without the full check (the check needs the people and tools of the moment). */
function headerOf(yaml: string): { id: string; version: number } {
  const id = /^id:\s*(\S+)/m.exec(yaml)?.[1] ?? 'unknown';
  const version = Number(/^version:\s*(\d+)/m.exec(yaml)?.[1] ?? 1);
  return { id, version };
}
