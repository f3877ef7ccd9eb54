import type { Migration } from '../migration.js';

/**
 * Chat controls (issue 17): per-conversation settings (persona, sampling, model choice), pinned
 * conversations and folders in the sidebar, a reply's speed (time to first token, tokens per
 * second), and the messages a regenerate or an edit replaced — moved aside, never deleted, so
 * nothing the user wrote or read is lost.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'chat-controls',
  sql: `
ALTER TABLE conversations ADD COLUMN settings_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE conversations ADD COLUMN pinned_at TEXT;
ALTER TABLE conversations ADD COLUMN folder TEXT;
CREATE INDEX conversations_folder ON conversations(folder) WHERE folder IS NOT NULL;

ALTER TABLE messages ADD COLUMN metrics_json TEXT;

CREATE TABLE replaced_messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  agent TEXT,
  text TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  metrics_json TEXT,
  provenance_detail TEXT,
  -- 'regenerate' or 'edit': what replaced it, and when.
  reason TEXT NOT NULL CHECK (reason IN ('regenerate', 'edit')),
  replaced_at TEXT NOT NULL
);
CREATE INDEX replaced_messages_conversation ON replaced_messages(conversation_id, replaced_at);
`,
};
