/**
 * Opens the demo profile in its own data folder and keychain namespace just long enough to seed
 * it, then closes it so the server process can open it. Used by `npm run demo` and its tests.
 */
import { createCore } from '../app.js';
import { packageVersion } from '../node-runtime.js';
import { StewardError } from '../errors.js';
import { keychainFixHint } from '../security/keychain-errors.js';
import { createKeytarSecretStore } from '../security/keytar-secret-store.js';
import { DEMO_KEYCHAIN_SERVICE, DEMO_PROFILE } from './demo-mode.js';
import { seedDemoProfile, type DemoSeedResult } from './demo-seed.js';
import type { DemoServices } from './demo-services.js';

/** `keychainService` lets tests running side by side keep their demo keys apart (the server must get the same one). */
export async function prepareDemoProfile(dataDir: string, services: DemoServices, keychainService: string = DEMO_KEYCHAIN_SERVICE): Promise<DemoSeedResult> {
  const secrets = createKeytarSecretStore(keychainService);
  const status = await secrets.status();
  if (!status.available) throw new StewardError('keychain_unavailable', status.message ?? `The OS keychain is not available. ${keychainFixHint()}`);
  const core = await createCore({ profile: DEMO_PROFILE, host: 'cli', version: packageVersion(), dataDir, installAgent: false, warmUpModels: false }, { secrets });
  try {
    return await seedDemoProfile(core, services);
  } finally {
    await core.close();
  }
}
