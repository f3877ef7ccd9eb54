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

/** Writes a checked file in one transaction. Call only with the result of parseImportFile. */
export function applyImport(deps: ImportDeps, file: MemoryExportFile): ImportOutcome {
  const imported: ImportCounts = { entities: 0, facts: 0, episodes: 0, workflows: 0 };
  const skipped: ImportCounts = { entities: 0, facts: 0, episodes: 0, workflows: 0 };
  const factIds: string[] = [];
  deps.db.transaction(() => {
    const entityId = new Map<string, string>();
    for (const e of file.entities) {
      const r = deps.entities.insertImported({ ...e, aliases: e.aliases });
      entityId.set(e.id, r.id);
      if (r.inserted) imported.entities += 1;
      else skipped.entities += 1;
    }
    const factId = new Map<string, string>();
    const newFacts: MemoryExportFile['facts'] = [];
    const contentKey = deps.db.prepare(
      `SELECT id FROM memory_facts WHERE subject_entity_id = ? AND predicate = ? AND object = ? COLLATE NOCASE AND status = ?
         AND valid_from IS ? AND valid_to IS ?`,
    );
    for (const f of file.facts) {
      const subject = entityId.get(f.subjectEntityId)!;
      const existing = deps.facts.get(f.id) ?? null;
      const same = existing ? { id: existing.id } : (contentKey.get(subject, f.predicate, f.object, f.status, f.validFrom, f.validTo) as { id: string } | undefined);
      if (same) {
        factId.set(f.id, same.id);
        skipped.facts += 1;
        continue;
      }
      factId.set(f.id, f.id);
      newFacts.push(f);
    }
    for (const f of newFacts) {
      const subject = entityId.get(f.subjectEntityId)!;
      const subjectRow = deps.entities.get(subject)!;
      deps.facts.insert({
        id: f.id,
        subjectEntityId: subject,
        subjectName: subjectRow.name,
        predicate: f.predicate,
        object: f.object,
        objectEntityId: f.objectEntityId ? (entityId.get(f.objectEntityId) ?? null) : null,
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
        supersededBy: f.supersededBy ? (factId.get(f.supersededBy) ?? null) : null,
        useCount: f.useCount,
        lastUsedAt: f.lastUsedAt,
      });
      imported.facts += 1;
      factIds.push(f.id);
    }
    const inserted = new Set(newFacts.map((f) => f.id));
    for (const h of file.history) if (inserted.has(h.factId)) deps.facts.addHistory(h.factId, h.change, h.detail, h.at);

    for (const ep of file.episodes) {
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
        skipped.episodes += 1;
        continue;
      }
      imported.episodes += 1;
      deps.episodes.linkEntities(row.id, ep.entityIds.map((id) => entityId.get(id)!).filter(Boolean));
    }

    const insertQuestion = deps.db.prepare(
      `INSERT OR IGNORE INTO memory_questions (id, kind, text, status, signature, payload_json, answer_json, created_at, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const q of file.questions) {
      const mapped = q.factIds.map((id) => factId.get(id)!);
      const done = insertQuestion.run(q.id, q.kind, q.text, q.status, q.signature, JSON.stringify(remapPayload(q.payload, factId)), q.answer === null ? null : JSON.stringify(q.answer), q.createdAt, q.answeredAt);
      if (done.changes > 0) deps.questions.linkFacts(q.id, mapped);
    }

    const runExists = deps.db.prepare('SELECT 1 FROM memory_task_runs WHERE signature = ? AND at = ?');
    const insertRun = deps.db.prepare('INSERT INTO memory_task_runs (signature, kind, summary, params_json, at) VALUES (?, ?, ?, ?, ?)');
    for (const t of file.taskRuns) if (!runExists.get(t.signature, t.at)) insertRun.run(t.signature, t.kind, t.summary, JSON.stringify(t.params), t.at);

    const insertWorkflow = deps.db.prepare(
      `INSERT OR IGNORE INTO memory_workflows (id, signature, name, kind, summary, params_json, created_at, run_count, last_run_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const w of file.workflows) {
      const done = insertWorkflow.run(w.id, w.signature, w.name, w.kind, w.summary, JSON.stringify(w.params), w.createdAt, w.runCount, w.lastRunAt);
      if (done.changes > 0) imported.workflows += 1;
      else skipped.workflows += 1;
    }
  })();
  return { imported, skippedDuplicates: skipped, factIds };
}

function remapPayload(payload: Record<string, unknown>, factId: Map<string, string>): Record<string, unknown> {
  const map = (v: unknown) => (typeof v === 'string' ? (factId.get(v) ?? v) : v);
  const out: Record<string, unknown> = { ...payload };
  if (Array.isArray(out.existingIds)) out.existingIds = out.existingIds.map(map);
  if (out.newId !== undefined) out.newId = map(out.newId);
  if (Array.isArray(out.factIds)) out.factIds = out.factIds.map(map);
  return out;
}
