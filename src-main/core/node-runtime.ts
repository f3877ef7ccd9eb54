/**
 * Start-up shared by the plain-Node hosts (local server, terminal chat): the OS keychain as the
 * secret store, profile and data folder from the environment, the version from package.json.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCore } from './app.js';
import type { Core, HostKind } from './core-types.js';
import type { DemoLauncher } from './demo/demo-launcher.js';
import { StewardError } from './errors.js';
import { createKeytarSecretStore } from './security/keytar-secret-store.js';
import { keychainFixHint } from './security/keychain-errors.js';

export function packageVersion(): string {
  try {
    const file = fileURLToPath(new URL('../../package.json', import.meta.url));
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export async function createNodeCore(
  host: Extract<HostKind, 'server' | 'cli'>,
  options: { profile?: string; dataDir?: string; /** The server's "Try the demo" port (see Ports.demoLauncher). */ demoLauncher?: DemoLauncher } = {},
): Promise<Core> {
  const secrets = createKeytarSecretStore();
  const status = await secrets.status();
  if (!status.available) {
    // Refuse to start rather than create a database whose key would have nowhere safe to live.
    throw new StewardError('keychain_unavailable', status.message ?? `The OS keychain is not available. ${keychainFixHint()}`);
  }
  return createCore(
    {
      profile: options.profile ?? process.env.STEWARD_PROFILE ?? 'default',
      host,
      version: packageVersion(),
      dataDir: options.dataDir,
      providerSpec: process.env.STEWARD_PROVIDER || undefined,
    },
    { secrets, demoLauncher: options.demoLauncher },
  );
}
