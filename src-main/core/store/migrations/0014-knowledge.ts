import type { Migration } from '../migration.js';

/**
 * Knowledge folders (issue 17): folders the user points Steward at, each file's index state (with
 * the reason when it failed or was skipped, and a content hash so a restart does not re-read an
 * unchanged file), and the files' passages with where they sit (page, heading, lines), a keyword
 * index over them and, when an embedding model is installed, each passage's vector. Passages live
 * in the encrypted database like the rest of memory; deleting a folder or file deletes its passages.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'knowledge',
  sql: `
CREATE TABLE knowledge_folders (
  id TEXT PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  paused INTEGER NOT NULL DEFAULT 0,
  added_at TEXT NOT NULL,
  last_scan_at TEXT,
  last_error TEXT
);
CREATE TABLE knowledge_files (
  id TEXT PRIMARY KEY,
  folder_id TEXT NOT NULL REFERENCES knowledge_folders(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  content_hash TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending', 'indexed', 'failed', 'skipped')),
  reason TEXT,
  chunks INTEGER NOT NULL DEFAULT 0,
  indexed_at TEXT,
  UNIQUE (folder_id, path)
);
CREATE TABLE knowledge_chunks (
  id INTEGER PRIMARY KEY,
  file_id TEXT NOT NULL REFERENCES knowledge_files(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  page INTEGER,
  heading TEXT NOT NULL DEFAULT '',
  line_start INTEGER,
  line_end INTEGER,
  text TEXT NOT NULL,
  embedding BLOB,
  embedder TEXT
);
CREATE INDEX knowledge_chunks_file ON knowledge_chunks(file_id, ordinal);
CREATE VIRTUAL TABLE knowledge_chunks_fts USING fts5(text, heading, content='knowledge_chunks', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER knowledge_chunks_fts_insert AFTER INSERT ON knowledge_chunks BEGIN
  INSERT INTO knowledge_chunks_fts (rowid, text, heading) VALUES (new.id, new.text, new.heading);
END;
CREATE TRIGGER knowledge_chunks_fts_delete AFTER DELETE ON knowledge_chunks BEGIN
  INSERT INTO knowledge_chunks_fts (knowledge_chunks_fts, rowid, text, heading) VALUES ('delete', old.id, old.text, old.heading);
END;
`,
};
