import type { Migration } from '../migration.js';

/**
 * Files attached to a chat message (issue 17): the text read from each document, kept in the
 * encrypted database with the message (never as a plain file beside it), so a regenerate or a
 * later turn gives the model the same content, and deleting the conversation deletes them.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'message-attachments',
  sql: `
CREATE TABLE message_attachments (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL,
  name TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX message_attachments_message ON message_attachments(message_id);
`,
};
