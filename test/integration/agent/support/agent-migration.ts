/**
 * Until the lead registers migration 0004 in src-main/core/store/migrations/index.ts, the agent
 * tests add it to the shared MIGRATIONS list of this test process (createCore reads that list),
 * so every test runs against the real createCore and a really migrated database. Once 0004 is
 * registered this is a no-op and can be deleted.
 */
import { migration0004 } from '../../../../src-main/core/store/migrations/0004-agent.js';
import { MIGRATIONS } from '../../../../src-main/core/store/migrations/index.js';
import type { Migration } from '../../../../src-main/core/store/migration.js';

export function ensureAgentMigrationRegistered(): void {
  const list = MIGRATIONS as Migration[];
  if (!list.some((m) => m.version === migration0004.version)) list.push(migration0004);
}
