/**
 * A Steward core in its own process that writes audited requests and says after each one that
 * it was acknowledged; the test kills it with SIGKILL mid-run. Key and data folder come from the
 * environment (the key the parent's in-memory keychain holds).
 */
import { createCore, databaseKeyAccount } from '../../../../src-main/core/app.js';
import { createMemorySecretStore } from '../../../../src-main/core/security/memory-secret-store.js';

const dataDir = process.env.STEWARD_TEST_DATA_DIR!;
const key = process.env.STEWARD_TEST_DB_KEY!;
const count = Number(process.env.STEWARD_TEST_WRITES ?? '20');

const core = await createCore(
  { profile: 'default', host: 'test', version: '0.0.0-test', dataDir, installAgent: false, warmUpModels: false },
  { secrets: createMemorySecretStore({ [databaseKeyAccount('default')]: key }) },
);
// Keep every write in the WAL (no checkpoint into the main file), as between two checkpoints.
core.db.raw.pragma('wal_autocheckpoint = 0');
for (let i = 1; i <= count; i += 1) {
  await core.request('conversations.create', { title: `acknowledged ${i}` });
  await new Promise((resolve) => setImmediate(resolve));
  process.stdout.write(`acked ${i}\n`);
}
process.stdout.write('idle\n');
setInterval(() => undefined, 1000);
