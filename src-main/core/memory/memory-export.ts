/**
 * Export of everything memory holds: JSON (complete, re-importable) and Markdown (readable, by
 * category). Credentials are not in memory, so they cannot be in an export.
 */
import type { FactCategory } from '../../../src-preload/schemas/memory.js';
import { FACT_CATEGORIES } from '../../../src-preload/schemas/memory.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { EntityRow } from './entity-store.js';
import type { EpisodeRow } from './episode-store.js';
import { SELECT_FACT, type JoinedFactRow } from './fact-store.js';
import { sentenceOf } from './fact-writer.js';
import { MEMORY_EXPORT_FORMAT, MEMORY_EXPORT_VERSION, type MemoryExportFile } from './export-format.js';
import type { QuestionRow } from './question-store.js';
import { toWorkflow, type WorkflowRow } from './task-patterns.js';

type Section<K extends keyof MemoryExportFile> = MemoryExportFile[K];

/** Everything memory holds, one section per table, in the order a re-import needs it. */
export function buildExport(db: SqliteDatabase, now: Date): MemoryExportFile {
  return {
    format: MEMORY_EXPORT_FORMAT,
    version: MEMORY_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    entities: exportEntities(db),
    facts: exportFacts(db),
    relationships: exportRelationships(db),
    history: exportHistory(db),
    episodes: exportEpisodes(db),
    questions: exportQuestions(db),
    taskRuns: exportTaskRuns(db),
    // The export keeps the signature too, so a re-import recognises the same workflow.
    workflows: (db.prepare('SELECT * FROM memory_workflows ORDER BY created_at, id').all() as WorkflowRow[]).map((w) => ({ ...toWorkflow(w), signature: w.signature })),
  };
}

/** Values grouped by a key, in row order (aliases per entity, entities per episode, facts per question). */
function groupBy<R>(rows: readonly R[], key: (row: R) => string, value: (row: R) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), value(row)]);
  return groups;
}

function exportEntities(db: SqliteDatabase): Section<'entities'> {
  const entities = db.prepare('SELECT * FROM memory_entities ORDER BY created_at, id').all() as EntityRow[];
  const aliasRows = db.prepare('SELECT entity_id, alias FROM memory_entity_aliases ORDER BY entity_id, alias').all() as { entity_id: string; alias: string }[];
  const aliases = groupBy(aliasRows, (r) => r.entity_id, (r) => r.alias);
  return entities.map((e) => ({
    id: e.id,
    type: e.type,
    name: e.name,
    aliases: (aliases.get(e.id) ?? []).filter((a) => a.toLowerCase() !== e.name.toLowerCase()),
    role: e.role,
    summary: e.summary,
    summarisedAt: e.summarised_at,
    createdAt: e.created_at,
    updatedAt: e.updated_at,
    lastMentionedAt: e.last_mentioned_at,
  }));
}

function exportFacts(db: SqliteDatabase): Section<'facts'> {
  return (db.prepare(`${SELECT_FACT} ORDER BY f.seq`).all() as JoinedFactRow[]).map((f) => ({
    id: f.id,
    subjectEntityId: f.subject_entity_id,
    predicate: f.predicate,
    object: f.object,
    objectEntityId: f.object_entity_id,
    category: f.category,
    confidence: f.confidence,
    status: f.status,
    source: f.source,
    sourceMessageId: f.source_message_id,
    sourceConversationId: f.source_conversation_id,
    validFrom: f.valid_from,
    validTo: f.valid_to,
    learnedAt: f.learned_at,
    updatedAt: f.updated_at,
    retiredAt: f.retired_at,
    retiredReason: f.retired_reason,
    supersededBy: f.superseded_by,
    useCount: f.use_count,
    lastUsedAt: f.last_used_at,
  }));
}

function exportRelationships(db: SqliteDatabase): Section<'relationships'> {
  const rows = db.prepare('SELECT id, fact_id, from_entity_id, type, to_entity_id FROM memory_relationships ORDER BY rowid').all() as {
    id: string;
    fact_id: string;
    from_entity_id: string;
    type: string;
    to_entity_id: string;
  }[];
  return rows.map((r) => ({ id: r.id, factId: r.fact_id, fromEntityId: r.from_entity_id, type: r.type, toEntityId: r.to_entity_id }));
}

function exportHistory(db: SqliteDatabase): Section<'history'> {
  const rows = db.prepare('SELECT fact_id, at, change, detail FROM memory_fact_history ORDER BY seq').all() as { fact_id: string; at: string; change: Section<'history'>[number]['change']; detail: string }[];
  return rows.map((h) => ({ factId: h.fact_id, at: h.at, change: h.change, detail: h.detail }));
}

function exportEpisodes(db: SqliteDatabase): Section<'episodes'> {
  const links = db.prepare('SELECT episode_id, entity_id FROM memory_episode_entities ORDER BY episode_id, entity_id').all() as { episode_id: string; entity_id: string }[];
  const linksByEpisode = groupBy(links, (l) => l.episode_id, (l) => l.entity_id);
  return (db.prepare('SELECT * FROM memory_episodes ORDER BY seq').all() as EpisodeRow[]).map((e) => ({
    id: e.id,
    conversationId: e.conversation_id,
    messageId: e.message_id,
    role: e.role,
    text: e.text,
    redactions: e.redactions,
    createdAt: e.created_at,
    entityIds: linksByEpisode.get(e.id) ?? [],
  }));
}

function exportQuestions(db: SqliteDatabase): Section<'questions'> {
  const questionFacts = db.prepare('SELECT question_id, fact_id FROM memory_question_facts ORDER BY question_id, position').all() as { question_id: string; fact_id: string }[];
  const factsByQuestion = groupBy(questionFacts, (q) => q.question_id, (q) => q.fact_id);
  return (db.prepare('SELECT * FROM memory_questions ORDER BY created_at, id').all() as QuestionRow[]).map((q) => ({
    id: q.id,
    kind: q.kind,
    text: q.text,
    status: q.status,
    signature: q.signature,
    payload: JSON.parse(q.payload_json) as Record<string, unknown>,
    answer: q.answer_json === null ? null : (JSON.parse(q.answer_json) as unknown),
    createdAt: q.created_at,
    answeredAt: q.answered_at,
    factIds: factsByQuestion.get(q.id) ?? [],
  }));
}

function exportTaskRuns(db: SqliteDatabase): Section<'taskRuns'> {
  const rows = db.prepare('SELECT signature, kind, summary, params_json, at FROM memory_task_runs ORDER BY seq').all() as { signature: string; kind: string; summary: string; params_json: string; at: string }[];
  return rows.map((t) => ({ signature: t.signature, kind: t.kind, summary: t.summary, params: JSON.parse(t.params_json) as Record<string, unknown>, at: t.at }));
}

const CATEGORY_TITLES: Record<FactCategory, string> = {
  company_info: 'Company info',
  team_members: 'Team members',
  preferences: 'Preferences',
  projects: 'Projects',
  integrations: 'Integrations',
  other: 'Other',
};

/** The same data for people: current facts by category, then history, open questions and workflows. */
export function buildMarkdown(file: MemoryExportFile): string {
  const names = new Map(file.entities.map((e) => [e.id, e.name]));
  const row = (f: MemoryExportFile['facts'][number]) => ({
    subject_name: names.get(f.subjectEntityId) ?? '(unknown)',
    predicate: f.predicate,
    object: f.object,
    valid_from: f.validFrom,
    valid_to: f.validTo,
  });
  const current = file.facts.filter((f) => f.status === 'active' && f.validTo === null);
  const history = file.facts.filter((f) => f.status === 'retired' || f.validTo !== null);
  const pending = file.facts.filter((f) => f.status === 'pending');
  const out: string[] = [
    '# Steward memory',
    '',
    `Exported ${file.exportedAt}. ${current.length} current fact${current.length === 1 ? '' : 's'}, ${history.length} in history, ${file.entities.length} people, companies, teams, projects, tools and places, ${file.episodes.length} conversation turns.`,
    '',
  ];
  for (const category of FACT_CATEGORIES) {
    const facts = current.filter((f) => f.category === category);
    if (facts.length === 0) continue;
    out.push(`## ${CATEGORY_TITLES[category]}`, '');
    for (const f of facts) out.push(`- ${escapeMd(sentenceOf(row(f)))}${f.confidence < 0.8 ? ' _(implied)_' : ''}`);
    out.push('');
  }
  if (pending.length > 0) {
    out.push('## Awaiting your confirmation', '');
    for (const q of file.questions.filter((x) => x.status === 'open')) out.push(`- ${escapeMd(q.text)}`);
    out.push('');
  }
  if (history.length > 0) {
    out.push('## History (no longer current)', '');
    for (const f of history) out.push(`- ${escapeMd(sentenceOf(row(f)))}${f.retiredReason ? ` — ${escapeMd(f.retiredReason)}` : ''}`);
    out.push('');
  }
  const aliased = file.entities.filter((e) => e.aliases.length > 0 || e.summary);
  if (aliased.length > 0) {
    out.push('## Names and summaries', '');
    for (const e of aliased) {
      const also = e.aliases.length > 0 ? ` — also known as ${e.aliases.map(escapeMd).join(', ')}` : '';
      out.push(`- **${escapeMd(e.name)}** (${e.type})${also}${e.summary ? `. ${escapeMd(e.summary)}` : ''}`);
    }
    out.push('');
  }
  if (file.workflows.length > 0) {
    out.push('## Saved workflows', '');
    for (const w of file.workflows) out.push(`- **${escapeMd(w.name)}**: ${escapeMd(w.summary)} (run ${w.runCount} time${w.runCount === 1 ? '' : 's'})`);
    out.push('');
  }
  return out.join('\n');
}

const escapeMd = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
