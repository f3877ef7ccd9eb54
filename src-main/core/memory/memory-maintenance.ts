/**
 * Housekeeping that runs now and then (the host calls `runMaintenance` at start-up and daily):
 * propose deleting facts unused for N days — never deleting without a yes — and summarise
 * projects that have been quiet for a long time so prompts carry one paragraph, not fifty facts.
 */
import { z } from 'zod';
import type { MemoryQuestion, MemorySettings } from '../../../src-preload/schemas/memory.js';
import { toStewardError } from '../errors.js';
import type { LlmProvider } from '../llm/provider.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { EntityRow } from './entity-store.js';
import { CURRENT, SELECT_FACT, type JoinedFactRow } from './fact-store.js';
import { sentenceOf } from './fact-writer.js';
import type { MemoryLogger } from './memory-log.js';
import { redactSensitive } from './privacy-filter.js';
import type { QuestionStore } from './question-store.js';

const DAY_MS = 86_400_000;
const MAX_FACTS_PER_EXPIRY_QUESTION = 100;

export interface MaintenanceResult {
  expiryQuestion: MemoryQuestion | null;
  summarisedProjects: string[];
}

export function proposeExpiry(db: SqliteDatabase, questions: QuestionStore, settings: MemorySettings, now: Date): MemoryQuestion | null {
  if (!settings.enabled || !settings.autoExpire.enabled) return null;
  const days = settings.autoExpire.unusedDays;
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  const waiting = questions.openFactIds('expiry');
  const stale = (db.prepare(`${SELECT_FACT} WHERE ${CURRENT} AND COALESCE(f.last_used_at, f.learned_at) < ? ORDER BY COALESCE(f.last_used_at, f.learned_at) LIMIT ?`).all(cutoff, MAX_FACTS_PER_EXPIRY_QUESTION * 2) as JoinedFactRow[])
    .filter((f) => !waiting.has(f.id))
    .slice(0, MAX_FACTS_PER_EXPIRY_QUESTION);
  if (stale.length === 0) return null;
  const example = sentenceOf(stale[0]!);
  const text =
    stale.length === 1
      ? `I haven't used one fact in over ${days} days: "${example}". Shall I delete it?`
      : `I haven't used ${stale.length} facts in over ${days} days (for example "${example}"). Shall I delete them?`;
  const row = questions.create({ kind: 'expiry', text, factIds: stale.map((f) => f.id), payload: { factIds: stale.map((f) => f.id), unusedDays: days } });
  return questions.toQuestion(row);
}

const SummarySchema = z.object({ summary: z.string() });

/** Projects with no fact learned, used or mentioned for `summariseProjectsAfterDays`, not yet summarised since. */
export function projectsToSummarise(db: SqliteDatabase, settings: MemorySettings, now: Date): EntityRow[] {
  const cutoff = new Date(now.getTime() - settings.summariseProjectsAfterDays * DAY_MS).toISOString();
  return db
    .prepare(
      `SELECT e.* FROM memory_entities e
       WHERE e.type = 'project' AND e.last_mentioned_at < @cutoff
         AND NOT EXISTS (SELECT 1 FROM memory_facts f WHERE f.subject_entity_id = e.id AND (f.learned_at >= @cutoff OR COALESCE(f.last_used_at, '') >= @cutoff))
         AND EXISTS (SELECT 1 FROM memory_facts f WHERE f.subject_entity_id = e.id OR f.object_entity_id = e.id)
         AND (e.summarised_at IS NULL OR e.summarised_at < e.last_mentioned_at)`,
    )
    .all({ cutoff }) as EntityRow[];
}

export async function summariseProject(db: SqliteDatabase, project: EntityRow, provider: LlmProvider | null, log: MemoryLogger, now: Date): Promise<string> {
  const facts = db
    .prepare(`${SELECT_FACT} WHERE (f.subject_entity_id = @id OR f.object_entity_id = @id) AND f.status <> 'retired' ORDER BY f.learned_at`)
    .all({ id: project.id }) as JoinedFactRow[];
  const lines = facts.map((f) => sentenceOf(f));
  let summary = `${project.name}: ${lines.slice(0, 12).join('; ')}${lines.length > 12 ? `; and ${lines.length - 12} more facts` : ''}.`;
  if (provider && lines.length > 0) {
    try {
      const result = await provider.chatJson({
        role: 'memory',
        schema: SummarySchema,
        schemaName: 'project_summary',
        temperature: 0,
        maxTokens: 200,
        messages: [
          { role: 'system', content: 'Summarise what is known about this finished or quiet project in at most three sentences. Use only the facts given.' },
          { role: 'user', content: `Project: ${project.name}\nFacts:\n${lines.map((l) => `- ${l}`).join('\n')}` },
        ],
      });
      if (result.value.summary.trim()) summary = result.value.summary.trim().slice(0, 1500);
    } catch (err) {
      log.warn('project summary fell back to a plain list', { code: toStewardError(err).code });
    }
  }
  const clean = redactSensitive(summary).text;
  db.prepare('UPDATE memory_entities SET summary = ?, summarised_at = ?, updated_at = ? WHERE id = ?').run(clean, now.toISOString(), now.toISOString(), project.id);
  return clean;
}
