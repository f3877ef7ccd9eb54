/**
 * `npm run salvage`: reads what can still be read from a profile's damaged database, read-only,
 * into a JSON file beside it. The database itself is never written.
 *   --profile <p>   profile name (default: STEWARD_PROFILE or "default")
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseKeyAccount } from '../core/app.js';
import { toStewardError } from '../core/errors.js';
import { defaultDataDir, resolvePaths } from '../core/paths.js';
import { createKeytarSecretStore } from '../core/security/keytar-secret-store.js';
import { salvageDatabase } from '../core/store/database-salvage.js';

async function main(): Promise<void> {
  let profile: string;
  try {
    profile = parseArgs({ options: { profile: { type: 'string' } } }).values.profile ?? process.env.STEWARD_PROFILE ?? 'default';
  } catch (err) {
    console.error(`steward: ${(err as Error).message}. Usage: npm run salvage [-- --profile <name>]`);
    process.exit(2);
  }
  const paths = resolvePaths(defaultDataDir(), profile);
  if (!existsSync(paths.databasePath)) {
    console.error(`steward: there is no database at ${paths.databasePath} (profile "${profile}"). Check STEWARD_HOME and --profile.`);
    process.exit(1);
  }
  const key = await createKeytarSecretStore().get(databaseKeyAccount(profile));
  if (!key) {
    console.error(`steward: the key of ${paths.databasePath} is not in the OS keychain (entry "Steward" / "${databaseKeyAccount(profile)}"), so nothing can be read. Restore that keychain entry first.`);
    process.exit(1);
  }
  const out = path.join(paths.profileDir, `salvaged-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const report = salvageDatabase(paths.databasePath, key, out);
  for (const [table, count] of Object.entries(report.rows)) console.log(`  ${table}: ${count} row(s)`);
  for (const problem of report.problems) console.log(`  could not read: ${problem}`);
  console.log(`steward: saved what could be read to ${out}. It is NOT encrypted (readable by your user only): keep it safe, and delete it when you are done.`);
}

main().catch((err: unknown) => {
  console.error(`steward: ${toStewardError(err).userMessage}`);
  process.exit(1);
});
