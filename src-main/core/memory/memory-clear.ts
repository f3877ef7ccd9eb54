/**
 * "Clear my data": deletes every memory row, drops and recreates the search indexes (fresh FTS
 * segments and vec0 chunks rather than emptied ones), then VACUUMs and truncates the WAL so
 * nothing of the old content is left in the file. secure_delete is on for the connection, so
 * freed pages are zeroed as well.
 */
import { StewardError } from '../errors.js';
import { MEMORY_INDEX_TRIGGERS_SQL, MEMORY_SEARCH_INDEX_SQL } from '../store/migrations/0003-memory.js';
import type { SqliteDatabase } from '../store/sqlite.js';

const INDEX_OBJECTS = [
  'TRIGGER memory_facts_ai',
  'TRIGGER memory_facts_au',
  'TRIGGER memory_facts_ad',
  'TRIGGER memory_episodes_ai',
  'TRIGGER memory_episodes_au',
  'TRIGGER memory_episodes_ad',
  'TABLE memory_facts_fts',
  'TABLE memory_episodes_fts',
  'TABLE memory_fact_vectors',
  'TABLE memory_episode_vectors',
];

const TABLES_IN_DELETE_ORDER = [
  'memory_question_facts',
  'memory_questions',
  'memory_episode_entities',
  'memory_episodes',
  'memory_relationships',
  'memory_fact_history',
  'memory_facts',
  'memory_entity_aliases',
  'memory_entities',
  'memory_task_runs',
  'memory_workflows',
];

export interface ClearCounts {
  deletedFacts: number;
  deletedEntities: number;
  deletedEpisodes: number;
}

export function clearMemory(db: SqliteDatabase): ClearCounts {
  if (db.inTransaction) {
    // VACUUM cannot run inside a transaction; the caller must be an async (non-transactional) handler.
    throw new StewardError('internal', 'Clearing memory could not start because another change is still being saved. Try again in a moment.', { detail: 'clearMemory called inside a transaction' });
  }
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const counts: ClearCounts = { deletedFacts: count('memory_facts'), deletedEntities: count('memory_entities'), deletedEpisodes: count('memory_episodes') };
  db.transaction(() => {
    for (const object of INDEX_OBJECTS) db.exec(`DROP ${object}`);
    for (const table of TABLES_IN_DELETE_ORDER) db.exec(`DELETE FROM ${table}`);
    db.exec(MEMORY_SEARCH_INDEX_SQL);
    db.exec(MEMORY_INDEX_TRIGGERS_SQL);
  })();
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return counts;
}
