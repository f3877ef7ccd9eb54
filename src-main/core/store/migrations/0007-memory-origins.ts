import type { Migration } from '../migration.js';

/**
 * Untrusted text stays data in memory too (DESIGN §4.2). A fact or an episode that came from
 * untrusted text (an email, a file, a web page, text the user pasted) keeps its origin, so it is
 * shown with it wherever it appears; such facts wait as suggestions until the user confirms them
 * ('confirm' questions). The questions table is rebuilt because SQLite cannot widen a CHECK in
 * place: its link table is set aside first, so no cascade ever fires while the rows are copied.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'memory-origins',
  sql: `
ALTER TABLE memory_facts ADD COLUMN origin TEXT;
ALTER TABLE memory_episodes ADD COLUMN origin TEXT;

ALTER TABLE memory_question_facts RENAME TO memory_question_facts_v6;
CREATE TABLE memory_questions_v7 (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('conflict', 'expiry', 'workflow', 'confirm')),
  text TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'answered')),
  signature TEXT,
  payload_json TEXT NOT NULL,
  answer_json TEXT,
  created_at TEXT NOT NULL,
  answered_at TEXT
);
INSERT INTO memory_questions_v7 SELECT id, kind, text, status, signature, payload_json, answer_json, created_at, answered_at FROM memory_questions;
CREATE TABLE memory_question_facts_v7 (
  question_id TEXT NOT NULL REFERENCES memory_questions_v7(id) ON DELETE CASCADE,
  fact_id TEXT NOT NULL REFERENCES memory_facts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (question_id, fact_id)
) WITHOUT ROWID;
INSERT INTO memory_question_facts_v7 SELECT question_id, fact_id, position FROM memory_question_facts_v6;
DROP TABLE memory_question_facts_v6;
DROP TABLE memory_questions;
ALTER TABLE memory_questions_v7 RENAME TO memory_questions;
ALTER TABLE memory_question_facts_v7 RENAME TO memory_question_facts;
CREATE UNIQUE INDEX memory_questions_signature ON memory_questions(kind, signature) WHERE signature IS NOT NULL;
CREATE INDEX memory_questions_status ON memory_questions(status, created_at);
CREATE INDEX memory_question_facts_fact ON memory_question_facts(fact_id);
`,
};
