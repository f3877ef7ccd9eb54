import type { Migration } from '../migration.js';

/**
 * Two-factor authentication for payments. Each approval records whether approving it needs the
 * authenticator code (decided by code when it is requested, shown on the card). The one-row
 * two_factor_state holds everything about 2FA except the secret, which lives only in the keychain:
 * whether it is off, being set up, or on; the last accepted time step (a code can never be used
 * twice); and the wrong-code counter and lockout, kept on disk so a restart does not reset them.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'two-factor',
  sql: `
ALTER TABLE approvals ADD COLUMN two_factor_required INTEGER NOT NULL DEFAULT 0 CHECK (two_factor_required IN (0, 1));

CREATE TABLE two_factor_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  status TEXT NOT NULL CHECK (status IN ('off', 'pending', 'on')),
  last_used_step INTEGER,
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until TEXT,
  enabled_at TEXT,
  updated_at TEXT NOT NULL
);
`,
};
