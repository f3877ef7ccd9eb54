/**
 * Import of a JSON export: checked whole before anything is written (syntax, shape, references,
 * the privacy filter), then written in one transaction, so a bad file changes nothing. Stable
 * ids and content keys make a second import of the same file a no-op.
 */
import type { FieldIssue } from '../errors.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { EntityStore } from './entity-store.js';
import type { EpisodeStore } from './episode-store.js';
import { MemoryExportFileSchema, type MemoryExportFile } from './export-format.js';
import type { FactStore } from './fact-store.js';
import { formatPath, lineAt, lineOfPath } from './json-locate.js';
import { MemoryImportError } from './memory-errors.js';
import { findSensitive, redactSensitive, SENSITIVE_KIND_LABEL } from './privacy-filter.js';
import type { QuestionStore } from './question-store.js';

export interface ImportCounts {
  entities: number;
  facts: number;
  episodes: number;
  workflows: number;
}

export interface ImportOutcome {
  imported: ImportCounts;
  skippedDuplicates: ImportCounts;
  factIds: string[];
}

/** Parses and checks the file; throws MemoryImportError naming the line and field at fault. */
export function parseImportFile(content: string): MemoryExportFile {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (err) {
    const message = (err as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const line = Number.isFinite(position) ? lineAt(content, position) : Number(/line (\d+)/.exec(message)?.[1] ?? 1);
    throw new MemoryImportError([{ path: `line ${line}`, message: 'is not valid JSON — the file is damaged or not a memory export' }]);
  }
  const parsed = MemoryExportFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new MemoryImportError(parsed.error.issues.map((issue) => at(content, issue.path, issue.message)));
  }
  const file = parsed.data;
  const issues: FieldIssue[] = [];
  const entityIds = new Set(file.entities.map((e) => e.id));
  const factIds = new Set(file.facts.map((f) => f.id));
  file.facts.forEach((f, i) => {
    if (!entityIds.has(f.subjectEntityId)) issues.push(at(content, ['facts', i, 'subjectEntityId'], 'names an entity that is not in the file'));
    if (f.objectEntityId && !entityIds.has(f.objectEntityId)) issues.push(at(content, ['facts', i, 'objectEntityId'], 'names an entity that is not in the file'));
    if (f.supersededBy && !factIds.has(f.supersededBy)) issues.push(at(content, ['facts', i, 'supersededBy'], 'names a fact that is not in the file'));
    for (const field of ['object', 'predicate'] as const) {
      const finding = findSensitive(f[field])[0];
      if (finding) issues.push(at(content, ['facts', i, field], `holds ${SENSITIVE_KIND_LABEL[finding.kind]}; memory never stores those — remove it`));
    }
  });
  file.entities.forEach((e, i) => {
    [e.name, ...e.aliases].forEach((name, j) => {
      const finding = findSensitive(name)[0];
      if (finding) issues.push(at(content, j === 0 ? ['entities', i, 'name'] : ['entities', i, 'aliases', j - 1], `holds ${SENSITIVE_KIND_LABEL[finding.kind]}; memory never stores those — remove it`));
    });
  });
  file.history.forEach((h, i) => {
    if (!factIds.has(h.factId)) issues.push(at(content, ['history', i, 'factId'], 'names a fact that is not in the file'));
  });
  file.relationships.forEach((r, i) => {
    if (!factIds.has(r.factId)) issues.push(at(content, ['relationships', i, 'factId'], 'names a fact that is not in the file'));
  });
  file.episodes.forEach((ep, i) => {
    ep.entityIds.forEach((id, j) => {
      if (!entityIds.has(id)) issues.push(at(content, ['episodes', i, 'entityIds', j], 'names an entity that is not in the file'));
    });
  });
  file.questions.forEach((q, i) => {
    q.factIds.forEach((id, j) => {
      if (!factIds.has(id)) issues.push(at(content, ['questions', i, 'factIds', j], 'names a fact that is not in the file'));
    });
  });
  if (issues.length > 0) throw new MemoryImportError(issues);
  return file;
}

function at(content: string, path: readonly PropertyKey[], message: string): FieldIssue {
  return { path: `line ${lineOfPath(content, path)}, ${formatPath(path)}`, message };
}

export interface ImportDeps {
  db: SqliteDatabase;
  entities: EntityStore;
  facts: FactStore;
  episodes: EpisodeStore;
  questions: QuestionStore;
}

/** One import as it goes: the counts, and the file's ids mapped to the ids they got here. */
interface ImportRun {
  deps: ImportDeps;
  imported: ImportCounts;
  skipped: ImportCounts;
  /** Ids of the facts this import added. */
  factIds: string[];
  /** File entity id → the id here (an entity already present, by id, role or name, keeps its own). */
  entityId: Map<string, string>;
  /** File fact id → the id here (a fact already present keeps its own). */
  factId: Map<string, string>;
}

type Section<K extends keyof MemoryExportFile> = MemoryExportFile[K];

/** Writes a checked file in one transaction. Call only with the result of parseImportFile. */
export function applyImport(deps: ImportDeps, file: MemoryExportFile): ImportOutcome {
  const run: ImportRun = {
    deps,
    imported: { entities: 0, facts: 0, episodes: 0, workflows: 0 },
    skipped: { entities: 0, facts: 0, episodes: 0, workflows: 0 },
    factIds: [],
    entityId: new Map(),
    factId: new Map(),
  };
  deps.db.transaction(() => {
    importEntities(run, file.entities);
    const newFacts = newFactsOf(run, file.facts);
    insertFacts(run, newFacts);
    const inserted = new Set(newFacts.map((f) => f.id));
    for (const h of file.history) if (inserted.has(h.factId)) deps.facts.addHistory(h.factId, h.change, h.detail, h.at);
    importEpisodes(run, file.episodes);
    importQuestions(run, file.questions);
    importTaskRuns(run, file.taskRuns);
    importWorkflows(run, file.workflows);
  })();
  return { imported: run.imported, skippedDuplicates: run.skipped, factIds: run.factIds };
}

function importEntities(run: ImportRun, entities: Section<'entities'>): void {
  for (const e of entities) {
    const r = run.deps.entities.insertImported({ ...e, aliases: e.aliases });
    run.entityId.set(e.id, r.id);
    if (r.inserted) run.imported.entities += 1;
    else run.skipped.entities += 1;
  }
}

/** The facts not here yet: the same id, or the same content and validity, counts as present. */
function newFactsOf(run: ImportRun, facts: Section<'facts'>): Section<'facts'> {
  const newFacts: Section<'facts'> = [];
  const contentKey = run.deps.db.prepare(
    `SELECT id FROM memory_facts WHERE subject_entity_id = ? AND predicate = ? AND object = ? COLLATE NOCASE AND status = ?
       AND valid_from IS ? AND valid_to IS ?`,
  );
  for (const f of facts) {
    const subject = run.entityId.get(f.subjectEntityId)!;
    const existing = run.deps.facts.get(f.id) ?? null;
    const same = existing ? { id: existing.id } : (contentKey.get(subject, f.predicate, f.object, f.status, f.validFrom, f.validTo) as { id: string } | undefined);
    if (same) {
      run.factId.set(f.id, same.id);
      run.skipped.facts += 1;
      continue;
    }
    run.factId.set(f.id, f.id);
    newFacts.push(f);
  }
  return newFacts;
}

/** Inserted after every fact id is known, so a supersededBy pointing later in the file resolves. */
function insertFacts(run: ImportRun, newFacts: Section<'facts'>): void {
  for (const f of newFacts) {
    const subject = run.entityId.get(f.subjectEntityId)!;
    const subjectRow = run.deps.entities.get(subject)!;
    run.deps.facts.insert({
      id: f.id,
      subjectEntityId: subject,
      subjectName: subjectRow.name,
      predicate: f.predicate,
      object: f.object,
      objectEntityId: f.objectEntityId ? (run.entityId.get(f.objectEntityId) ?? null) : null,
      category: f.category,
      confidence: f.confidence,
      status: f.status,
      source: f.source,
      sourceMessageId: f.sourceMessageId,
      sourceConversationId: f.sourceConversationId,
      validFrom: f.validFrom,
      validTo: f.validTo,
      learnedAt: f.learnedAt,
      updatedAt: f.updatedAt,
      retiredAt: f.retiredAt,
      retiredReason: f.retiredReason,
      supersededBy: f.supersededBy ? (run.factId.get(f.supersededBy) ?? null) : null,
      useCount: f.useCount,
      lastUsedAt: f.lastUsedAt,
    });
    run.imported.facts += 1;
    run.factIds.push(f.id);
  }
}

function importEpisodes(run: ImportRun, episodes: Section<'episodes'>): void {
  const { deps } = run;
  for (const ep of episodes) {
    const exists = deps.episodes.get(ep.id);
    // Episodes are stored redacted; an edited file gets the same treatment.
    const redacted = redactSensitive(ep.text);
    const row = exists
      ? null
      : deps.episodes.insert({
          id: ep.id,
          conversationId: ep.conversationId,
          messageId: ep.messageId,
          role: ep.role,
          text: redacted.text,
          redactions: ep.redactions + redacted.findings.length,
          createdAt: ep.createdAt,
        });
    if (!row) {
      run.skipped.episodes += 1;
      continue;
    }
    run.imported.episodes += 1;
    deps.episodes.linkEntities(row.id, ep.entityIds.map((id) => run.entityId.get(id)!).filter(Boolean));
  }
}

function importQuestions(run: ImportRun, questions: Section<'questions'>): void {
  const insertQuestion = run.deps.db.prepare(
    `INSERT OR IGNORE INTO memory_questions (id, kind, text, status, signature, payload_json, answer_json, created_at, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const q of questions) {
    const mapped = q.factIds.map((id) => run.factId.get(id)!);
    const done = insertQuestion.run(q.id, q.kind, q.text, q.status, q.signature, JSON.stringify(remapPayload(q.payload, run.factId)), q.answer === null ? null : JSON.stringify(q.answer), q.createdAt, q.answeredAt);
    if (done.changes > 0) run.deps.questions.linkFacts(q.id, mapped);
  }
}

function importTaskRuns(run: ImportRun, taskRuns: Section<'taskRuns'>): void {
  const runExists = run.deps.db.prepare('SELECT 1 FROM memory_task_runs WHERE signature = ? AND at = ?');
  const insertRun = run.deps.db.prepare('INSERT INTO memory_task_runs (signature, kind, summary, params_json, at) VALUES (?, ?, ?, ?, ?)');
  for (const t of taskRuns) if (!runExists.get(t.signature, t.at)) insertRun.run(t.signature, t.kind, t.summary, JSON.stringify(t.params), t.at);
}

function importWorkflows(run: ImportRun, workflows: Section<'workflows'>): void {
  const insertWorkflow = run.deps.db.prepare(
    `INSERT OR IGNORE INTO memory_workflows (id, signature, name, kind, summary, params_json, created_at, run_count, last_run_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const w of workflows) {
    const done = insertWorkflow.run(w.id, w.signature, w.name, w.kind, w.summary, JSON.stringify(w.params), w.createdAt, w.runCount, w.lastRunAt);
    if (done.changes > 0) run.imported.workflows += 1;
    else run.skipped.workflows += 1;
  }
}

function remapPayload(payload: Record<string, unknown>, factId: Map<string, string>): Record<string, unknown> {
  const map = (v: unknown) => (typeof v === 'string' ? (factId.get(v) ?? v) : v);
  const out: Record<string, unknown> = { ...payload };
  if (Array.isArray(out.existingIds)) out.existingIds = out.existingIds.map(map);
  if (out.newId !== undefined) out.newId = map(out.newId);
  if (Array.isArray(out.factIds)) out.factIds = out.factIds.map(map);
  return out;
}
