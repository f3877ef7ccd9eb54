import type { Migration } from '../migration.js';

/**
 * Whose a conversation is (issue 15): the person whose chat started it, or NULL for the owner.
 * Conversations from before people existed were all the owner's, so they stay NULL. Not a foreign
 * key: a profile removed later leaves its conversations theirs (the owner still sees them,
 * labelled), never handed to anyone else.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'conversation-owner',
  sql: `
ALTER TABLE conversations ADD COLUMN person_id TEXT;
CREATE INDEX conversations_person ON conversations(person_id, updated_at);
`,
};
