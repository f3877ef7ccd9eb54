import type { Migration } from '../migration.js';

/**
 * Images attached to a chat message (issue 17): a vision-capable model is given the image itself,
 * so its bytes are kept in the encrypted database with the message (never as a plain file beside
 * it) and a regenerate or a later turn sends the same picture. Documents keep media_type and data
 * NULL: their read text is in `text` as before.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'image-attachments',
  sql: `
ALTER TABLE message_attachments ADD COLUMN media_type TEXT;
ALTER TABLE message_attachments ADD COLUMN data BLOB;
`,
};
