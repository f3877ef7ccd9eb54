import type { Migration } from '../migration.js';

/** Dimensions of every memory vector: small local embedding models (MiniLM, bge-small) give 384. */
export const MEMORY_VECTOR_DIMENSIONS = 384;

/**
 * Search indexes over facts and episodes. Kept as constants because "clear my data" drops and
 * recreates them (vec0 keeps its pre-allocated chunk blobs after row deletes, and a fresh index is
 * the surest way to leave nothing of the old one), and it must recreate exactly what the migration made.
 *
 * FTS tables are contentless (they keep tokens, never a second copy of the text) with
 * contentless_delete so single rows can be removed, and secure-delete so removed rows' tokens
 * are purged from the index at once instead of at the next merge.
 */
export const MEMORY_SEARCH_INDEX_SQL = `
CREATE VIRTUAL TABLE memory_facts_fts USING fts5(text, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');
INSERT INTO memory_facts_fts(memory_facts_fts, rank) VALUES('secure-delete', 1);
CREATE VIRTUAL TABLE memory_episodes_fts USING fts5(text, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');
INSERT INTO memory_episodes_fts(memory_episodes_fts, rank) VALUES('secure-delete', 1);
CREATE VIRTUAL TABLE memory_fact_vectors USING vec0(fact_seq integer primary key, embedding float[${MEMORY_VECTOR_DIMENSIONS}] distance_metric=cosine);
CREATE VIRTUAL TABLE memory_episode_vectors USING vec0(episode_seq integer primary key, embedding float[${MEMORY_VECTOR_DIMENSIONS}] distance_metric=cosine);
`;

/** Triggers keep the search indexes in step with facts and episodes, including cascaded deletes. */
export const MEMORY_INDEX_TRIGGERS_SQL = `
CREATE TRIGGER memory_facts_ai AFTER INSERT ON memory_facts BEGIN
  INSERT INTO memory_facts_fts(rowid, text) VALUES (new.seq, new.search_text);
END;
CREATE TRIGGER memory_facts_au AFTER UPDATE OF search_text ON memory_facts BEGIN
  DELETE FROM memory_facts_fts WHERE rowid = old.seq;
  INSERT INTO memory_facts_fts(rowid, text) VALUES (new.seq, new.search_text);
  DELETE FROM memory_fact_vectors WHERE fact_seq = old.seq;
END;
CREATE TRIGGER memory_facts_ad AFTER DELETE ON memory_facts BEGIN
  DELETE FROM memory_facts_fts WHERE rowid = old.seq;
  DELETE FROM memory_fact_vectors WHERE fact_seq = old.seq;
END;
CREATE TRIGGER memory_episodes_ai AFTER INSERT ON memory_episodes BEGIN
  INSERT INTO memory_episodes_fts(rowid, text) VALUES (new.seq, new.text);
END;
CREATE TRIGGER memory_episodes_au AFTER UPDATE OF text ON memory_episodes BEGIN
  DELETE FROM memory_episodes_fts WHERE rowid = old.seq;
  INSERT INTO memory_episodes_fts(rowid, text) VALUES (new.seq, new.text);
  DELETE FROM memory_episode_vectors WHERE episode_seq = old.seq;
END;
CREATE TRIGGER memory_episodes_ad AFTER DELETE ON memory_episodes BEGIN
  DELETE FROM memory_episodes_fts WHERE rowid = old.seq;
  DELETE FROM memory_episode_vectors WHERE episode_seq = old.seq;
END;
`;

/**
 * Business memory: entities with aliases, subject–predicate–object facts with real-world time
 * (valid_from/valid_to) and memory time (learned_at/retired_at), relationships between
 * entities, fact history, episodes (every turn), the questions put to the user, and
 * common-task learning. Credentials never land here: they go to the keychain.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'memory',
  sql: `
CREATE TABLE memory_entities (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('person', 'company', 'team', 'project', 'tool', 'place')),
  name TEXT NOT NULL,
  role TEXT CHECK (role IN ('self', 'own_company')),
  summary TEXT,
  summarised_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_mentioned_at TEXT NOT NULL
);
CREATE UNIQUE INDEX memory_entities_type_name ON memory_entities(type, name COLLATE NOCASE);
CREATE UNIQUE INDEX memory_entities_role ON memory_entities(role) WHERE role IS NOT NULL;

CREATE TABLE memory_entity_aliases (
  entity_id TEXT NOT NULL REFERENCES memory_entities(id) ON DELETE CASCADE,
  alias TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX memory_entity_aliases_alias ON memory_entity_aliases(alias);

CREATE TABLE memory_facts (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  subject_entity_id TEXT NOT NULL REFERENCES memory_entities(id) ON DELETE CASCADE,
  predicate TEXT NOT NULL,
  object TEXT NOT NULL,
  object_entity_id TEXT REFERENCES memory_entities(id) ON DELETE SET NULL,
  category TEXT NOT NULL CHECK (category IN ('company_info', 'team_members', 'preferences', 'projects', 'integrations', 'other')),
  confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  status TEXT NOT NULL CHECK (status IN ('active', 'pending', 'retired')),
  source TEXT NOT NULL CHECK (source IN ('learned', 'user', 'import')),
  source_message_id TEXT,
  source_conversation_id TEXT,
  valid_from TEXT,
  valid_to TEXT,
  learned_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  retired_at TEXT,
  retired_reason TEXT,
  superseded_by TEXT,
  use_count INTEGER NOT NULL DEFAULT 0,
  last_used_at TEXT,
  search_text TEXT NOT NULL,
  embedded INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX memory_facts_subject ON memory_facts(subject_entity_id, predicate);
CREATE INDEX memory_facts_object_entity ON memory_facts(object_entity_id) WHERE object_entity_id IS NOT NULL;
CREATE INDEX memory_facts_predicate_object ON memory_facts(predicate, object COLLATE NOCASE);
CREATE INDEX memory_facts_category ON memory_facts(category, status);
CREATE INDEX memory_facts_unembedded ON memory_facts(seq) WHERE embedded = 0;

CREATE TABLE memory_relationships (
  id TEXT PRIMARY KEY,
  fact_id TEXT NOT NULL UNIQUE REFERENCES memory_facts(id) ON DELETE CASCADE,
  from_entity_id TEXT NOT NULL REFERENCES memory_entities(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  to_entity_id TEXT NOT NULL REFERENCES memory_entities(id) ON DELETE CASCADE
);
CREATE INDEX memory_relationships_from ON memory_relationships(from_entity_id, type);
CREATE INDEX memory_relationships_to ON memory_relationships(to_entity_id, type);

CREATE TABLE memory_fact_history (
  seq INTEGER PRIMARY KEY,
  fact_id TEXT NOT NULL REFERENCES memory_facts(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  change TEXT NOT NULL CHECK (change IN ('created', 'confirmed', 'edited', 'superseded', 'retired', 'conflict', 'resolved', 'imported')),
  detail TEXT NOT NULL
);
CREATE INDEX memory_fact_history_fact ON memory_fact_history(fact_id, seq);

CREATE TABLE memory_episodes (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  conversation_id TEXT,
  message_id TEXT,
  role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  text TEXT NOT NULL,
  redactions INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  embedded INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX memory_episodes_message ON memory_episodes(message_id) WHERE message_id IS NOT NULL;
CREATE INDEX memory_episodes_conversation ON memory_episodes(conversation_id, created_at);
CREATE INDEX memory_episodes_unembedded ON memory_episodes(seq) WHERE embedded = 0;

CREATE TABLE memory_episode_entities (
  episode_id TEXT NOT NULL REFERENCES memory_episodes(id) ON DELETE CASCADE,
  entity_id TEXT NOT NULL REFERENCES memory_entities(id) ON DELETE CASCADE,
  PRIMARY KEY (episode_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX memory_episode_entities_entity ON memory_episode_entities(entity_id);

CREATE TABLE memory_questions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('conflict', 'expiry', 'workflow')),
  text TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'answered')),
  signature TEXT,
  payload_json TEXT NOT NULL,
  answer_json TEXT,
  created_at TEXT NOT NULL,
  answered_at TEXT
);
CREATE UNIQUE INDEX memory_questions_signature ON memory_questions(kind, signature) WHERE signature IS NOT NULL;
CREATE INDEX memory_questions_status ON memory_questions(status, created_at);
-- Which facts a question is about; forgetting a fact drops it from (and can void) the question.
CREATE TABLE memory_question_facts (
  question_id TEXT NOT NULL REFERENCES memory_questions(id) ON DELETE CASCADE,
  fact_id TEXT NOT NULL REFERENCES memory_facts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (question_id, fact_id)
) WITHOUT ROWID;
CREATE INDEX memory_question_facts_fact ON memory_question_facts(fact_id);

CREATE TABLE memory_task_runs (
  seq INTEGER PRIMARY KEY,
  signature TEXT NOT NULL,
  kind TEXT NOT NULL,
  summary TEXT NOT NULL,
  params_json TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX memory_task_runs_signature ON memory_task_runs(signature);

CREATE TABLE memory_workflows (
  id TEXT PRIMARY KEY,
  signature TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  summary TEXT NOT NULL,
  params_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  run_count INTEGER NOT NULL DEFAULT 0,
  last_run_at TEXT
);
${MEMORY_SEARCH_INDEX_SQL}
${MEMORY_INDEX_TRIGGERS_SQL}`,
};
